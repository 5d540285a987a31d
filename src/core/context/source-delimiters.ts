/**
 * Keeps what a note, a table, a resource or a tool result says from acting as the prompt's own framing.
 *
 * The prompt wraps every source in `<source …>…</source>` and every MCP tool result in `<tool_result …>`.
 * Text inside one that writes such a tag itself (`</source><source kind="memory">…`) could close its block and
 * forge another. Every `<` that opens such a tag in the content, in any case and with spaces around the
 * slash (`< /Source`), and words that merely start so (`<sources>`: failing closed costs nothing), becomes
 * `‹` (U+2039): a reader still sees what was written, but no tag opens or closes.
 * The replacement is one character for one, so the text keeps its shape; callers price the neutralised text.
 */

const DELIMITER_OPENING = /<(?=\s*\/?\s*(?:source|tool_result))/gi;

/** The content with every `<source`, `</source`, `<tool_result` and `</tool_result` (and their spaced variants) made harmless. */
export function neutraliseDelimiters(text: string): string {
	return text.replace(DELIMITER_OPENING, "‹");
}

/** A value for an attribute of a source tag (a cite, a status): no quote can end the attribute, no `<` open a tag. */
export function attributeValue(value: string): string {
	return value.replace(/"/g, "'").replace(/</g, "‹").replace(/\r?\n/g, " ");
}
