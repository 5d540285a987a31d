/** The panel's one kind of button, so every section's is reachable by keyboard and named for screen readers. */

/** A real button: focusable, and Enter or Space presses it. */
export function button(el: HTMLElement, text: string, label: string, onClick: () => void): HTMLButtonElement {
	const made = el.createEl("button", { text, attr: { "aria-label": label } });
	made.addEventListener("click", onClick);
	return made;
}
