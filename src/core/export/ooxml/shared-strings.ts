/**
 * The workbook's shared-strings table (xl/sharedStrings.xml): each distinct text once, cells refer to it by
 * index. Excel itself writes text this way, so every reader of .xlsx handles it, and a value repeated down a
 * column (a client, a status) is stored once.
 */
import { XML_DECLARATION, xmlText } from "./package";
import { SPREADSHEET_NS } from "./spreadsheet-schema";

export class SharedStrings {
	private readonly indexes = new Map<string, number>();
	private references = 0;

	/** The index of the text in the table, adding it the first time. */
	indexOf(text: string): number {
		this.references++;
		const known = this.indexes.get(text);
		if (known !== undefined) return known;
		const index = this.indexes.size;
		this.indexes.set(text, index);
		return index;
	}

	get size(): number {
		return this.indexes.size;
	}

	/** The part: `count` is every cell that refers to it, `uniqueCount` the distinct texts. */
	xml(): string {
		const items = [...this.indexes.keys()].map((text) => `<si>${textElement(text)}</si>`).join("");
		return `${XML_DECLARATION}<sst xmlns="${SPREADSHEET_NS}" count="${this.references}" uniqueCount="${this.indexes.size}">${items}</sst>`;
	}
}

/** A `<t>`, keeping spaces at either end and line breaks (XML would otherwise let a reader collapse them). */
function textElement(text: string): string {
	const escaped = xmlText(escapedXstring(text));
	return /^\s|\s$|\n/.test(text) ? `<t xml:space="preserve">${escaped}</t>` : `<t>${escaped}</t>`;
}

/**
 * Text as an ST_Xstring (ECMA-376 Part 1 §22.9.2.19): characters XML cannot hold, and the carriage return an
 * XML reader would turn into a line feed, are written as `_xHHHH_`; so text that already looks like such an
 * escape gets its underscore escaped (`_x005F_`), or Excel would read `_x0041_` back as "A".
 */
export function escapedXstring(text: string): string {
	let out = "";
	for (const ch of text.replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1")) {
		const code = ch.charCodeAt(0);
		const escape = (code < 0x20 && code !== 0x09 && code !== 0x0a) || code === 0xfffe || code === 0xffff;
		out += escape ? `_x${code.toString(16).toUpperCase().padStart(4, "0")}_` : ch;
	}
	return out;
}
