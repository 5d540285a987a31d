/** Waits for what an element shows, on the DOM's own signal (a MutationObserver), never on a clock. */

/** Resolves once `holds()` is true: checked now, then after each change to `el` or anything inside it. */
export function whenShown(el: Node, holds: () => boolean): Promise<void> {
	if (holds()) return Promise.resolve();
	return new Promise((resolve) => {
		const observer = new MutationObserver(() => {
			if (!holds()) return;
			observer.disconnect();
			resolve();
		});
		observer.observe(el, { childList: true, subtree: true, characterData: true, attributes: true });
	});
}
