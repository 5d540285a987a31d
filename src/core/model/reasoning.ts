/** Removes a reasoning model's thinking from its answer text, so it never reaches a deliverable or the conversation's history. */

/** `<think>` and `<thinking>` in any case: what DeepSeek-R1, Qwen3 and others write when the server leaves the thinking in the content. */
const OPEN = /<think(?:ing)?>/i;
const CLOSE = /<\/think(?:ing)?>/gi;
const BLOCK = /<(think(?:ing)?)>[\s\S]*?<\/\1>/gi;
const LEADING_BLOCK = /^\s*<(think(?:ing)?)>[\s\S]*?<\/\1>\s*/i;

export interface StrippedAnswer {
	/** The answer without its reasoning; whitespace that only surrounded a removed block at the start is gone too. */
	text: string;
	/** Whether any reasoning was found and removed. */
	removed: boolean;
}

/**
 * Removes, in this order: every closed `<think>…</think>` / `<thinking>…</thinking>` block, anywhere, however
 * many; then, when a closing tag is left without its opening one (servers whose chat template already opened
 * the block drop the opening tag), everything up to the last such tag; then, when an opening tag is left
 * unclosed (the answer stopped mid-thought), everything from it on.
 */
export function stripReasoning(answer: string): StrippedAnswer {
	let text = answer;
	// Blocks at the very start take the blank lines after them along, so the answer starts with its first word.
	while (LEADING_BLOCK.test(text)) text = text.replace(LEADING_BLOCK, "");
	text = text.replace(BLOCK, "");
	const lastClosing = [...text.matchAll(CLOSE)].at(-1);
	if (lastClosing) text = text.slice(lastClosing.index + lastClosing[0].length).replace(/^\s+/, "");
	const opening = OPEN.exec(text);
	if (opening) text = text.slice(0, opening.index);
	return { text, removed: text !== answer };
}
