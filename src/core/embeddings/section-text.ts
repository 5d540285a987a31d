/** The text sent to the embedding endpoint for one section: what it is about (title, headings) and what it says. */
import type { SectionDocument } from "../index/section-documents";

/**
 * Past this many characters the text is cut: a section part is at most 8,000 characters (section-documents.ts),
 * about 2,000 tokens, well inside the 8,192 tokens OpenAI's embedding models accept per input.
 */
const MAX_EMBEDDED_CHARS = 8000;

/** Never empty (the title is the file name at worst): OpenAI refuses an empty input. */
export function embeddingTextOf(document: SectionDocument): string {
	const label = [document.title, document.headings].filter((part) => part.trim() !== "").join(" / ");
	const lines = [label];
	if (document.aliases.trim() !== "") lines.push(`Also called: ${document.aliases}`);
	if (document.description.trim() !== "") lines.push(document.description);
	if (document.body.trim() !== "") lines.push(document.body);
	const text = lines.join("\n\n").trim();
	return (text === "" ? document.path : text).slice(0, MAX_EMBEDDED_CHARS);
}
