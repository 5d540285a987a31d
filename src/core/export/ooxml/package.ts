/**
 * The parts every Office Open XML file shares (ECMA-376 Part 2, Open Packaging Conventions): XML text escaped,
 * the content-types list, relationships, the core/app/custom document properties, and the zip that holds them.
 *
 * We write the three formats ourselves on fflate rather than through docx, pptxgenjs and write-excel-file:
 * Obsidian evaluates main.js as one file at every start, so 580 KB of those libraries cost about 40 ms of
 * compile time each start even behind import(), and a plugin may not load code from text (no eval). The subset
 * a deliverable needs (headings, lists, tables, links, images, placeholders, typed cells) is small.
 */
import { strToU8, zipSync, type Zippable } from "fflate";

/** Lone surrogates and U+FFFE/U+FFFF, which XML 1.0 forbids. */
const NOT_XML_CHARACTER = /[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text for an element's content or an attribute's value (quotes escaped too, so one function serves both). */
export function xmlText(text: string): string {
	return withoutControlCharacters(text).replace(NOT_XML_CHARACTER, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** C0 controls other than tab, LF and CR are not XML 1.0 characters at all (not even escaped): dropped. */
function withoutControlCharacters(text: string): string {
	let out = "";
	for (const ch of text) {
		const code = ch.charCodeAt(0);
		if (code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) out += ch;
	}
	return out;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Namespaces of the package parts. */
export const NS = {
	contentTypes: "http://schemas.openxmlformats.org/package/2006/content-types",
	packageRelationships: "http://schemas.openxmlformats.org/package/2006/relationships",
	officeRelationships: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
	coreProperties: "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
	extendedProperties: "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
	customProperties: "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
	docPropsVTypes: "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
	/** DrawingML (`a:`), which Word's pictures and every slide use. */
	drawing: "http://schemas.openxmlformats.org/drawingml/2006/main",
} as const;

/** Relationship types (the `Type` of a `<Relationship>`). */
export const REL = {
	officeDocument: `${NS.officeRelationships}/officeDocument`,
	coreProperties: "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
	extendedProperties: `${NS.officeRelationships}/extended-properties`,
	customProperties: `${NS.officeRelationships}/custom-properties`,
	hyperlink: `${NS.officeRelationships}/hyperlink`,
	image: `${NS.officeRelationships}/image`,
	styles: `${NS.officeRelationships}/styles`,
	numbering: `${NS.officeRelationships}/numbering`,
	settings: `${NS.officeRelationships}/settings`,
	theme: `${NS.officeRelationships}/theme`,
} as const;

export interface Relationship {
	id: string;
	type: string;
	target: string;
	/** Hyperlinks leave the package. */
	external?: boolean;
}

/** A `.rels` part. */
export function relationshipsXml(relationships: readonly Relationship[]): string {
	const items = relationships
		.map((r) => `<Relationship Id="${xmlText(r.id)}" Type="${r.type}" Target="${xmlText(r.target)}"${r.external === true ? ' TargetMode="External"' : ""}/>`)
		.join("");
	return `${XML_DECLARATION}<Relationships xmlns="${NS.packageRelationships}">${items}</Relationships>`;
}

/** `[Content_Types].xml`: defaults by extension, overrides by part name (leading slash). */
export function contentTypesXml(defaults: Readonly<Record<string, string>>, overrides: Readonly<Record<string, string>>): string {
	const all = { rels: "application/vnd.openxmlformats-package.relationships+xml", xml: "application/xml", ...defaults };
	const d = Object.entries(all).map(([extension, type]) => `<Default Extension="${extension}" ContentType="${type}"/>`);
	const o = Object.entries(overrides).map(([part, type]) => `<Override PartName="${xmlText(part)}" ContentType="${type}"/>`);
	return `${XML_DECLARATION}<Types xmlns="${NS.contentTypes}">${d.join("")}${o.join("")}</Types>`;
}

/** Content types of images by the image-size module's type names. */
export const IMAGE_CONTENT_TYPES: Readonly<Record<string, string>> = { png: "image/png", jpg: "image/jpeg", gif: "image/gif", bmp: "image/bmp" };

/** Content types of the three document-property parts, by part name. */
const PROPERTIES_CONTENT_TYPES = {
	core: "application/vnd.openxmlformats-package.core-properties+xml",
	app: "application/vnd.openxmlformats-officedocument.extended-properties+xml",
	custom: "application/vnd.openxmlformats-officedocument.custom-properties+xml",
} as const;

export interface CoreProperties {
	title: string;
	subject?: string;
	creator?: string;
	description?: string;
	keywords?: string;
	/** W3CDTF (ISO 8601), e.g. `2026-12-06T09:00:00Z`; left out when absent or unparseable. */
	created?: string | null;
}

/** `docProps/core.xml`: what File › Properties shows (title, subject, author, comments, tags). */
export function corePropertiesXml(p: CoreProperties): string {
	const element = (name: string, value: string | undefined): string => (value !== undefined && value !== "" ? `<${name}>${xmlText(value)}</${name}>` : "");
	const created = w3cDate(p.created ?? null);
	return (
		`${XML_DECLARATION}<cp:coreProperties xmlns:cp="${NS.coreProperties}" xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
		`xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		element("dc:title", p.title) +
		element("dc:subject", p.subject) +
		element("dc:creator", p.creator) +
		element("cp:keywords", p.keywords) +
		element("dc:description", p.description) +
		(created !== null ? `<dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created>` : "") +
		`</cp:coreProperties>`
	);
}

/** An ISO date or date-time as W3CDTF in UTC, or null. */
function w3cDate(text: string | null): string | null {
	if (text === null || text.trim() === "") return null;
	const ms = Date.parse(text);
	return Number.isFinite(ms) ? new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z") : null;
}

/** `docProps/app.xml`: the application that wrote the file. */
export function appPropertiesXml(): string {
	return `${XML_DECLARATION}<Properties xmlns="${NS.extendedProperties}" xmlns:vt="${NS.docPropsVTypes}"><Application>AI Coworker</Application></Properties>`;
}

/** `docProps/custom.xml`: named text properties (File › Properties › Custom in Word). Empty values are left out. */
export function customPropertiesXml(properties: ReadonlyArray<{ name: string; value: string }>): string {
	// pid starts at 2 by the specification; the fmtid is the one every Office custom property uses.
	const items = properties
		.filter((p) => p.value !== "")
		.map((p, i) => `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${i + 2}" name="${xmlText(p.name)}"><vt:lpwstr>${xmlText(p.value)}</vt:lpwstr></property>`);
	return `${XML_DECLARATION}<Properties xmlns="${NS.customProperties}" xmlns:vt="${NS.docPropsVTypes}">${items.join("")}</Properties>`;
}

/**
 * The zip of the parts, `[Content_Types].xml` first (some readers look for it there). XML is deflated;
 * images are stored as they are (already compressed). Part names have no leading slash here.
 */
export function packageParts(parts: ReadonlyMap<string, string | Uint8Array>): Uint8Array {
	const ordered = [...parts.keys()].sort((a, b) => Number(b === "[Content_Types].xml") - Number(a === "[Content_Types].xml"));
	const files: Zippable = {};
	for (const name of ordered) {
		const content = parts.get(name);
		if (content === undefined) continue;
		files[name] = typeof content === "string" ? [strToU8(content), { level: 6 }] : [content, { level: 0 }];
	}
	// A fixed date: the same note exports to the same bytes (zip dates before 1980 are not representable).
	return zipSync(files, { mtime: new Date(Date.UTC(1980, 0, 1, 12)) });
}

/** Characters a URI may hold as they are (RFC 3986 reserved and unreserved); `%` only as the start of an escape. */
const URI_CHARACTER = /[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]/;

/**
 * An address as a URI reference: a relationship target with a space or a non-ASCII letter is not one, and
 * Word and PowerPoint report such a package as corrupt. Characters that cannot be encoded (lone surrogates) are dropped.
 */
export function uriReference(url: string): string {
	const characters = Array.from(url.trim());
	return characters
		.map((ch, i) => {
			if (URI_CHARACTER.test(ch)) return ch;
			if (ch === "%" && /^[0-9A-Fa-f]{2}$/.test(characters.slice(i + 1, i + 3).join(""))) return ch;
			try {
				return encodeURIComponent(ch);
			} catch {
				return ""; // A lone surrogate: not a character at all.
			}
		})
		.join("");
}

/** The parts at a package's root: `_rels/.rels` and the document properties, with their content-type overrides. */
export interface RootParts {
	parts: [string, string][];
	overrides: Record<string, string>;
}

/**
 * `_rels/.rels` pointing at the main part (`word/document.xml`, `xl/workbook.xml`, …) and at the document
 * properties, and those properties' parts: core and app always, custom when `custom` is given (Word's).
 */
export function rootParts(mainPart: string, core: CoreProperties, custom?: ReadonlyArray<{ name: string; value: string }>): RootParts {
	const relationships: Relationship[] = [
		{ id: "rId1", type: REL.officeDocument, target: mainPart },
		{ id: "rId2", type: REL.coreProperties, target: "docProps/core.xml" },
		{ id: "rId3", type: REL.extendedProperties, target: "docProps/app.xml" },
	];
	const parts: [string, string][] = [
		["docProps/core.xml", corePropertiesXml(core)],
		["docProps/app.xml", appPropertiesXml()],
	];
	const overrides: Record<string, string> = { "/docProps/core.xml": PROPERTIES_CONTENT_TYPES.core, "/docProps/app.xml": PROPERTIES_CONTENT_TYPES.app };
	if (custom !== undefined) {
		relationships.push({ id: "rId4", type: REL.customProperties, target: "docProps/custom.xml" });
		parts.push(["docProps/custom.xml", customPropertiesXml(custom)]);
		overrides["/docProps/custom.xml"] = PROPERTIES_CONTENT_TYPES.custom;
	}
	return { parts: [["_rels/.rels", relationshipsXml(relationships)], ...parts], overrides };
}
