/**
 * List numbering (word/numbering.xml): one bullet definition shared by every bulleted list, one decimal
 * definition that each ordered list gets its own instance (`w:num`) of, restarted at the list's own first number
 * (1, or 3 for a Markdown list written from `3.`), so a second numbered list does not continue the first.
 */
import { XML_DECLARATION } from "./package";
import { WORD_NAMESPACE } from "./word-namespaces";

/** Word's lists have nine levels (ilvl 0–8); deeper items stay at the last. */
export const LIST_LEVELS = 9;

const BULLETS = ["\u2022", "\u25E6", "\u25AA"];
const ORDERED_FORMATS = ["decimal", "lowerLetter", "lowerRoman"];
const BULLET_DEFINITION = 0;
const ORDERED_DEFINITION = 1;
const BULLET_INSTANCE = 1;

export class ListNumbering {
	/** The `w:numId` and first number of each ordered list, by the document's list number. */
	private readonly ordered = new Map<number, { id: number; start: number }>();

	/** The `w:numId` for an item of the given list. */
	instanceOf(item: { ordered: boolean; list: number; start: number }): number {
		if (!item.ordered) return BULLET_INSTANCE;
		const known = this.ordered.get(item.list);
		if (known !== undefined) return known.id;
		const id = BULLET_INSTANCE + 1 + this.ordered.size;
		this.ordered.set(item.list, { id, start: item.start });
		return id;
	}

	xml(): string {
		// Every level restarts: a nested list is a list of its own, with its own instance, at a deeper level.
		const restarts = (start: number): string =>
			Array.from({ length: LIST_LEVELS }, (_, level) => `<w:lvlOverride w:ilvl="${level}"><w:startOverride w:val="${start}"/></w:lvlOverride>`).join("");
		const ordered = [...this.ordered.values()].map(({ id, start }) => `<w:num w:numId="${id}"><w:abstractNumId w:val="${ORDERED_DEFINITION}"/>${restarts(wordStart(start))}</w:num>`);
		return (
			`${XML_DECLARATION}<w:numbering xmlns:w="${WORD_NAMESPACE}">` +
			definition(BULLET_DEFINITION, (level) => ({ format: "bullet", text: BULLETS[level % BULLETS.length] ?? "\u2022" })) +
			definition(ORDERED_DEFINITION, (level) => ({ format: ORDERED_FORMATS[level % ORDERED_FORMATS.length] ?? "decimal", text: `%${level + 1}.` })) +
			`<w:num w:numId="${BULLET_INSTANCE}"><w:abstractNumId w:val="${BULLET_DEFINITION}"/></w:num>` +
			ordered.join("") +
			`</w:numbering>`
		);
	}
}

/** A `w:abstractNum`; children in schema order (start, numFmt, lvlText, lvlJc, pPr). */
function definition(id: number, level: (level: number) => { format: string; text: string }): string {
	const levels = Array.from({ length: LIST_LEVELS }, (_, n) => {
		const { format, text } = level(n);
		return (
			`<w:lvl w:ilvl="${n}"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/><w:lvlJc w:val="left"/>` +
			`<w:pPr><w:ind w:left="${720 * (n + 1)}" w:hanging="360"/></w:pPr></w:lvl>`
		);
	});
	return `<w:abstractNum w:abstractNumId="${id}"><w:multiLevelType w:val="hybridMultilevel"/>${levels.join("")}</w:abstractNum>`;
}

/** Markdown allows up to nine digits; Word's list counters go up to 32,767. */
function wordStart(start: number): number {
	return Math.max(0, Math.min(32767, Math.floor(start)));
}
