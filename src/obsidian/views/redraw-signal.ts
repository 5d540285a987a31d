/** Counts a view's finished redraws (Dataview's revision style) and lets a caller wait for the next one: the view's own word that what it shows changed. */
export class RedrawSignal {
	/** Finished redraws since the view opened. */
	revision = 0;
	private waiters: ((revision: number) => void)[] = [];

	/** A redraw has finished: what the view shows is now current. */
	drawn(): void {
		this.revision++;
		const waiters = this.waiters;
		this.waiters = [];
		for (const resolve of waiters) resolve(this.revision);
	}

	/** Resolves with the revision of the next finished redraw. */
	next(): Promise<number> {
		return new Promise((resolve) => this.waiters.push(resolve));
	}
}
