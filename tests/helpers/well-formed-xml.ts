/**
 * A strict check that text is well-formed XML 1.0 (the parts of an office file): one root, tags balanced,
 * attributes quoted and not repeated, only the five named entities or character references, no character XML
 * forbids. happy-dom's DOMParser forgives a bare "&", so the export tests use this before they parse.
 */

const TOKEN = /<\?xml[^?]*\?>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\/([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|[^<]+/y;
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const REFERENCE = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
// eslint-disable-next-line no-control-regex -- finding the characters XML forbids is the point.
const NOT_XML_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first problem found, as a sentence, or null when the text is well-formed. */
export function xmlProblem(xml: string): string | null {
	if (NOT_XML_CHARACTER.test(xml)) return "holds a character XML 1.0 forbids";
	const open: string[] = [];
	let roots = 0;
	TOKEN.lastIndex = 0;
	while (TOKEN.lastIndex < xml.length) {
		const at = TOKEN.lastIndex;
		const token = TOKEN.exec(xml);
		if (!token) return `has markup that is no tag at ${at}: ${xml.slice(at, at + 40)}`;
		const [text, closing, opening, attributes = "", selfClosing] = token;
		if (closing !== undefined) {
			if (open.pop() !== closing) return `closes </${closing}> at ${at} without its start tag`;
		} else if (opening !== undefined) {
			if (open.length === 0 && ++roots > 1) return `has a second root element <${opening}> at ${at}`;
			const names = new Set<string>();
			for (const [, name = "", double, single] of attributes.matchAll(ATTRIBUTE)) {
				if (names.has(name)) return `repeats the attribute ${name} on <${opening}> at ${at}`;
				names.add(name);
				if (REFERENCE.test(double ?? single ?? "")) return `has a bare & in the attribute ${name} at ${at}`;
			}
			if (selfClosing !== "/") open.push(opening);
		} else if (!text.startsWith("<")) {
			if (REFERENCE.test(text)) return `has a bare & in text at ${at}`;
			if (open.length === 0 && text.trim() !== "") return `has text outside the root element at ${at}`;
		}
	}
	if (open.length > 0) return `leaves <${open[open.length - 1] ?? ""}> open`;
	return roots === 1 ? null : "has no root element";
}
