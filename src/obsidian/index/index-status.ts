/** The status bar item that shows indexing progress; empty when there is nothing to say. */

export class IndexStatus {
	constructor(private readonly el: HTMLElement) {
		this.el.addClass("coworker-index-status");
	}

	progress(done: number, total: number): void {
		this.el.setText(`Indexing vault: ${done.toLocaleString()} / ${total.toLocaleString()}`);
	}

	done(): void {
		this.el.setText("");
	}

	failed(): void {
		this.el.setText("Vault index failed");
	}
}
