/** A tokenizer-free estimate of how many tokens a text costs, deliberately on the high side. */

/**
 * About four characters per token holds for English with OpenAI's and Llama's tokenizers; code,
 * numbers and non-Latin scripts cost more, so characters outside ASCII count double. Overestimating
 * keeps a request inside the budget without shipping a tokenizer for every model family.
 */
export function estimateTokens(text: string): number {
	let cost = 0;
	for (let i = 0; i < text.length; i++) cost += text.charCodeAt(i) > 127 ? 2 : 1;
	return Math.ceil(cost / 3.6);
}

/** Each chat message carries a few tokens of framing besides its content. */
export const TOKENS_PER_MESSAGE = 4;
