/** Says an embedding failure once, not at every query or update, and again only after the endpoint has worked in between. */

export class FailureNotice {
	private failing = false;

	constructor(private readonly say: (sentence: string) => void) {}

	get isFailing(): boolean {
		return this.failing;
	}

	failed(sentence: string): void {
		if (this.failing) return;
		this.failing = true;
		this.say(`${sentence} Search goes on with words only until the endpoint answers again.`);
	}

	succeeded(): void {
		this.failing = false;
	}
}
