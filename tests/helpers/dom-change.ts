/** Waits for what an element shows, on the DOM's own signal (a MutationObserver), never on a clock. */
import { domWindow } from "../__mocks__/obsidian";
import { noticeMessages } from "./fake-obsidian-app";

/** Resolves once `holds()` is true: checked now, then after each change to `el` or anything inside it. */
export function whenShown(el: Node, holds: () => boolean): Promise<void> {
	if (holds()) return Promise.resolve();
	return new Promise((resolve) => {
		const observer = new (domWindow().MutationObserver)(() => {
			if (!holds()) return;
			observer.disconnect();
			resolve();
		});
		observer.observe(el, { childList: true, subtree: true, characterData: true, attributes: true });
	});
}

/** Resolves once a notice on screen says what `matches` looks for: notices are elements, so their appearance is a DOM change. */
export function whenNoticeShown(matches: (message: string) => boolean): Promise<void> {
	return whenShown(domWindow().document.body, () => noticeMessages().some(matches));
}
