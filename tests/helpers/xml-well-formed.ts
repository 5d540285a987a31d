/**
 * A strict XML 1.0 well-formedness check (with namespaces) for the parts our office writers produce: tags
 * balanced, one root, attributes quoted and unique, only the predefined entities and character references,
 * no characters XML forbids, every prefix declared. happy-dom's DOMParser lets duplicate attributes and
 * undefined entities through, which Office refuses; this does not. Returns the first problem, or null.
 */
const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/;
const REFERENCE = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

export function xmlProblem(xml: string): string | null {
	if (hasForbiddenCharacter(xml)) return "a character XML forbids";
	let text = xml.replace(/^<\?xml [^?]*\?>\s*/, "");
	const open: { name: string; prefixes: Set<string> }[] = [];
	let roots = 0;
	while (text.length > 0) {
		const lt = text.indexOf("<");
		const chars = lt === -1 ? text : text.slice(0, lt);
		if (chars.replace(REFERENCE, "").includes("&")) return `a bare & in ${JSON.stringify(chars.slice(0, 40))}`;
		if (open.length === 0 && chars.trim() !== "") return `text outside the root: ${JSON.stringify(chars.slice(0, 40))}`;
		if (lt === -1) break;
		text = text.slice(lt);
		if (text.startsWith("<!--") || text.startsWith("<?")) {
			const end = text.indexOf(text.startsWith("<!--") ? "-->" : "?>");
			if (end === -1) return "an unclosed comment or processing instruction";
			text = text.slice(end + 2 + Number(text.startsWith("<!--")));
			continue;
		}
		const gt = text.indexOf(">");
		if (gt === -1) return "an unclosed tag";
		const tag = text.slice(1, gt);
		text = text.slice(gt + 1);
		if (tag.startsWith("/")) {
			const name = tag.slice(1).trim();
			const top = open.pop();
			if (top?.name !== name) return `</${name}> closes <${top?.name ?? "nothing"}>`;
			continue;
		}
		const selfClosing = tag.endsWith("/");
		const problem = element(selfClosing ? tag.slice(0, -1) : tag, open);
		if (typeof problem === "string") return problem;
		if (open.length === 0 && ++roots > 1) return "more than one root element";
		if (!selfClosing) open.push(problem);
	}
	if (open.length > 0) return `<${open[open.length - 1]?.name ?? ""}> is not closed`;
	return roots === 1 ? null : "no root element";
}

/** Checks a start tag's name and attributes; returns its name and the prefixes in scope inside it, or a problem. */
function element(tag: string, open: readonly { prefixes: Set<string> }[]): { name: string; prefixes: Set<string> } | string {
	const name = /^[^\s]+/.exec(tag)?.[0] ?? "";
	if (!NAME.test(name)) return `a bad element name ${JSON.stringify(name)}`;
	const prefixes = new Set(open[open.length - 1]?.prefixes ?? ["xml"]);
	const seen = new Set<string>();
	const names: string[] = [name];
	let rest = tag.slice(name.length);
	const attribute = /^\s+([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/;
	for (let match = attribute.exec(rest); match; match = attribute.exec(rest)) {
		const [all, attributeName = "", double, single] = match;
		const value = double ?? single ?? "";
		if (!NAME.test(attributeName)) return `a bad attribute name ${attributeName} on <${name}>`;
		if (seen.has(attributeName)) return `${attributeName} twice on <${name}>`;
		seen.add(attributeName);
		if (value.includes("<") || value.replace(REFERENCE, "").includes("&")) return `a bad value of ${attributeName} on <${name}>`;
		if (attributeName.startsWith("xmlns:")) prefixes.add(attributeName.slice(6));
		else if (attributeName !== "xmlns") names.push(attributeName);
		rest = rest.slice(all.length);
	}
	if (rest.trim() !== "") return `cannot read ${JSON.stringify(rest.trim().slice(0, 30))} in <${name}>`;
	for (const qualified of names) {
		const prefix = qualified.includes(":") ? qualified.slice(0, qualified.indexOf(":")) : null;
		if (prefix !== null && !prefixes.has(prefix)) return `the prefix ${prefix} of ${qualified} is not declared`;
	}
	return { name, prefixes };
}

/** C0 controls other than tab, LF and CR, and U+FFFE/U+FFFF. */
function hasForbiddenCharacter(xml: string): boolean {
	for (let i = 0; i < xml.length; i++) {
		const code = xml.charCodeAt(i);
		if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffe || code === 0xffff) return true;
	}
	return false;
}
