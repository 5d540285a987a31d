/** DrawingML text (ECMA-376 Part 1, §21.1.2): paragraphs of runs, shared by slides, tables and speaker notes. */
import { REL, uriReference, xmlText } from "./package";
import type { PartRelationships } from "./part-relationships";

export interface TextRun {
	text: string;
	bold?: boolean;
	italic?: boolean;
	strike?: boolean;
	/** Set in a monospaced face. */
	code?: boolean;
	/** An external hyperlink. */
	href?: string;
}

/**
 * `bullet` absent: the placeholder's own paragraph style (the master's), so a theme restyles it. `"none"`: a plain
 * paragraph in a body that bullets by default. A list item names its level (0–8), whether it is numbered and the
 * number its list counts from.
 */
export interface TextParagraph {
	runs: readonly TextRun[];
	bullet?: "none" | { level: number; ordered: boolean; start: number };
}

/** What every run of a paragraph shares (a table's font size, its header row's weight). */
export interface RunDefaults {
	/** Hundredths of a point. */
	size?: number;
	bold?: boolean;
}

const CODE_FONT = "Consolas";

/** One `<a:p>`; hyperlinks become relationships of the part that holds it. */
export function paragraphXml(paragraph: TextParagraph, links: PartRelationships, defaults: RunDefaults = {}): string {
	const runs = paragraph.runs.map((run) => runXml(run, links, defaults)).join("");
	const end = runs === "" ? `<a:endParaRPr${sizeAttribute(defaults)}/>` : "";
	return `<a:p>${paragraphPropertiesXml(paragraph.bullet)}${runs}${end}</a:p>`;
}

function paragraphPropertiesXml(bullet: TextParagraph["bullet"]): string {
	if (bullet === undefined) return "";
	if (bullet === "none") return '<a:pPr marL="0" indent="0"><a:buNone/></a:pPr>';
	// The master's level styles give the indent and the bullet character; a numbered item only changes the mark.
	const level = `lvl="${Math.max(0, Math.min(8, Math.floor(bullet.level)))}"`;
	if (!bullet.ordered) return `<a:pPr ${level}/>`;
	// PowerPoint counts consecutive numbered paragraphs from startAt (1–32,767; 1 when absent).
	const start = Math.max(1, Math.min(32767, Math.floor(bullet.start)));
	return `<a:pPr ${level}><a:buFont typeface="+mj-lt"/><a:buAutoNum type="arabicPeriod"${start === 1 ? "" : ` startAt="${start}"`}/></a:pPr>`;
}

/** A run; a line break inside its text becomes `<a:br>` (a run's text holds no line breaks). */
function runXml(run: TextRun, links: PartRelationships, defaults: RunDefaults): string {
	const properties = runPropertiesXml(run, links, defaults);
	return run.text
		.split(/\r?\n/)
		.map((line) => (line === "" ? "" : `<a:r>${properties}<a:t>${xmlText(line)}</a:t></a:r>`))
		.join(properties === "" ? "<a:br/>" : `<a:br>${properties}</a:br>`);
}

/** `<a:rPr>`: attributes, then the children in the schema's order (latin before hlinkClick). */
function runPropertiesXml(run: TextRun, links: PartRelationships, defaults: RunDefaults): string {
	let attributes = sizeAttribute(defaults);
	if (run.bold === true || defaults.bold === true) attributes += ' b="1"';
	if (run.italic === true) attributes += ' i="1"';
	if (run.strike === true) attributes += ' strike="sngStrike"';
	let children = "";
	if (run.code === true) children += `<a:latin typeface="${CODE_FONT}"/><a:cs typeface="${CODE_FONT}"/>`;
	if (run.href !== undefined && run.href !== "") children += `<a:hlinkClick r:id="${links.add(REL.hyperlink, uriReference(run.href), true)}"/>`;
	if (children !== "") return `<a:rPr${attributes}>${children}</a:rPr>`;
	return attributes !== "" ? `<a:rPr${attributes}/>` : "";
}

function sizeAttribute(defaults: RunDefaults): string {
	return defaults.size !== undefined ? ` sz="${defaults.size}"` : "";
}
