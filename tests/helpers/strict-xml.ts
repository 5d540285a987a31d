/**
 * A strict well-formedness check of XML 1.0 with namespaces, for the parts our office writers produce. happy-dom's
 * DOMParser is lenient where Word is not (it accepts `a < b`, unknown entities and repeated attributes).
 */

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/;
const REFERENCE = /^&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/;
/** C0 controls other than tab, LF and CR, and U+FFFE/U+FFFF: not XML 1.0 characters even when escaped. */
function hasNonCharacter(text: string): boolean {
	for (const ch of text) {
		const code = ch.charCodeAt(0);
		if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffe || code === 0xffff) return true;
	}
	return false;
}

/** The first problem found, as a sentence with its offset, or null when the text is well-formed. */
export function xmlProblem(xml: string): string | null {
	let at = 0;
	const problem = (what: string): string => `${what} at offset ${at}`;
	if (xml.startsWith("<?xml")) {
		const end = xml.indexOf("?>");
		if (end < 0) return problem("unterminated XML declaration");
		at = end + 2;
	}
	const open: { name: string; prefixes: Set<string> }[] = [];
	let roots = 0;
	while (at < xml.length) {
		const next = xml.indexOf("<", at);
		const text = xml.slice(at, next < 0 ? xml.length : next);
		const textProblem = checkText(text, open.length > 0);
		if (textProblem !== null) return problem(textProblem);
		if (next < 0) break;
		at = next;
		if (xml.startsWith("<!--", at)) {
			const end = xml.indexOf("-->", at + 4);
			if (end < 0) return problem("unterminated comment");
			at = end + 3;
		} else if (xml.startsWith("<?", at)) {
			const end = xml.indexOf("?>", at);
			if (end < 0) return problem("unterminated processing instruction");
			at = end + 2;
		} else if (xml.startsWith("<![CDATA[", at)) {
			if (open.length === 0) return problem("character data outside the root element");
			const end = xml.indexOf("]]>", at);
			if (end < 0) return problem("unterminated CDATA section");
			at = end + 3;
		} else if (xml.startsWith("</", at)) {
			const name = NAME.exec(xml.slice(at + 2))?.[0];
			const top = open.pop();
			if (name === undefined || top?.name !== name) return problem(`</${name ?? "?"}> does not close <${top?.name ?? "nothing"}>`);
			at += 2 + name.length;
			const close = /^\s*>/.exec(xml.slice(at));
			if (!close) return problem(`</${name}> is not closed by >`);
			at += close[0].length;
		} else {
			if (open.length === 0 && roots++ > 0) return problem("a second root element");
			const tag = startTag(xml, at, open[open.length - 1]?.prefixes ?? new Set(["xml"]));
			if (typeof tag === "string") return problem(tag);
			at = tag.end;
			if (!tag.empty) open.push({ name: tag.name, prefixes: tag.prefixes });
		}
	}
	if (open.length > 0) return problem(`<${open[open.length - 1]?.name ?? ""}> is never closed`);
	return roots === 1 ? null : problem("no root element");
}

function checkText(text: string, insideRoot: boolean): string | null {
	if (!insideRoot && text.trim() !== "") return "text outside the root element";
	if (hasNonCharacter(text)) return "a character XML 1.0 does not allow";
	if (text.includes("]]>")) return "]]> in text";
	for (let i = text.indexOf("&"); i >= 0; i = text.indexOf("&", i + 1)) if (!REFERENCE.test(text.slice(i))) return "an & that starts no known reference";
	return null;
}

/** An element's start tag: its name, attributes (each once, quoted, no raw < or &) and namespace prefixes in scope. */
function startTag(xml: string, from: number, inherited: Set<string>): { name: string; end: number; empty: boolean; prefixes: Set<string> } | string {
	const name = NAME.exec(xml.slice(from + 1))?.[0];
	if (name === undefined) return "a < that starts no tag";
	let at = from + 1 + name.length;
	const attributes = new Map<string, string>();
	for (;;) {
		const end = /^\s*(\/?)>/.exec(xml.slice(at));
		if (end) {
			const prefixes = new Set(inherited);
			for (const [attribute, value] of attributes) {
				if (attribute.startsWith("xmlns:")) {
					if (value === "") return `${attribute} is empty`;
					prefixes.add(attribute.slice(6));
				}
			}
			for (const used of [name, ...[...attributes.keys()].filter((a) => a !== "xmlns" && !a.startsWith("xmlns:"))]) {
				const prefix = used.includes(":") ? used.slice(0, used.indexOf(":")) : null;
				if (prefix !== null && !prefixes.has(prefix)) return `the prefix ${prefix} of ${used} is not declared`;
			}
			return { name, end: at + end[0].length, empty: end[1] === "/", prefixes };
		}
		const attribute = /^\s+([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(xml.slice(at));
		if (!attribute) return `a malformed attribute in <${name}>`;
		const [whole, key = "", double, single] = attribute;
		const value = double ?? single ?? "";
		if (attributes.has(key)) return `${key} twice in <${name}>`;
		if (value.includes("<")) return `a < in the value of ${key}`;
		const valueProblem = checkText(value, true);
		if (valueProblem !== null) return `${valueProblem} in the value of ${key}`;
		attributes.set(key, value);
		at += whole.length;
	}
}
