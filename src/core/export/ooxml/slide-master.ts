/**
 * The slide master and its one layout, "Title and Text" (ECMA-376 Part 1, §19.3.1.42 and .39): a title and a body
 * placeholder. Slides put their text in these placeholders, so another theme or master restyles every slide at once.
 */
import { XML_DECLARATION } from "./package";
import { PML_ROOT_NAMESPACES } from "./presentation-ml";
import { BODY_BOX, TITLE_BOX } from "./slide-geometry";
import { DEFAULT_COLOUR_MAP, defaultRunXml, placeholderXml, shapeTreeXml } from "./shape-tree";

/** Master and layout ids share one range that starts at 2^31 (§19.2.1.34, .37). */
export const SLIDE_MASTER_ID = 2147483648;
const SLIDE_LAYOUT_ID = 2147483649;

/** What a slide's `<p:ph>` says to take the layout's title or body. */
export const TITLE_PLACEHOLDER = 'type="title"';
export const BODY_PLACEHOLDER = 'type="body" idx="1"';

const INSETS = 'vert="horz" lIns="91440" tIns="45720" rIns="91440" bIns="45720" rtlCol="0"';
/** Body text sizes by list level, in hundredths of a point. */
const BODY_SIZES = [2400, 2000, 1800, 1600, 1600, 1600, 1600, 1600, 1600];
const LEVEL_INDENT = 457200;
const BULLET_HANG = 228600;

/** `rId1` in the master's relationships is its layout, `rId2` its theme. */
export function slideMasterXml(): string {
	const shapes = [
		placeholderXml({ id: 2, name: "Title Placeholder 1", ph: TITLE_PLACEHOLDER, box: TITLE_BOX, bodyProperties: `<a:bodyPr ${INSETS} anchor="ctr"><a:normAutofit/></a:bodyPr>`, paragraphs: [prompt("Click to edit Master title style")] }),
		placeholderXml({ id: 3, name: "Text Placeholder 2", ph: BODY_PLACEHOLDER, box: BODY_BOX, bodyProperties: `<a:bodyPr ${INSETS}><a:normAutofit/></a:bodyPr>`, paragraphs: [prompt("Click to edit Master text styles")] }),
	];
	return (
		`${XML_DECLARATION}<p:sldMaster ${PML_ROOT_NAMESPACES}><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg>${shapeTreeXml(shapes)}</p:cSld>` +
		`<p:clrMap ${DEFAULT_COLOUR_MAP}/><p:sldLayoutIdLst><p:sldLayoutId id="${SLIDE_LAYOUT_ID}" r:id="rId1"/></p:sldLayoutIdLst>` +
		`<p:txStyles><p:titleStyle>${titleLevelXml()}</p:titleStyle><p:bodyStyle>${BODY_SIZES.map(bodyLevelXml).join("")}</p:bodyStyle>` +
		`<p:otherStyle><a:lvl1pPr marL="0" algn="l" defTabSz="914400" rtl="0">${defaultRunXml(1800, "mn")}</a:lvl1pPr></p:otherStyle></p:txStyles></p:sldMaster>`
	);
}

/** `rId1` in the layout's relationships is its master. Positions and styles come from the master. */
export function slideLayoutXml(): string {
	const shapes = [
		placeholderXml({ id: 2, name: "Title 1", ph: TITLE_PLACEHOLDER, paragraphs: [prompt("Click to edit Master title style")] }),
		placeholderXml({ id: 3, name: "Text Placeholder 2", ph: BODY_PLACEHOLDER, paragraphs: [prompt("Click to edit Master text styles")] }),
	];
	return (
		`${XML_DECLARATION}<p:sldLayout ${PML_ROOT_NAMESPACES} type="tx" preserve="1"><p:cSld name="Title and Text">${shapeTreeXml(shapes)}</p:cSld>` +
		`<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>`
	);
}

/** The text PowerPoint shows in an empty placeholder while editing the master. */
function prompt(text: string): string {
	return `<a:p><a:r><a:rPr lang="en-US"/><a:t>${text}</a:t></a:r></a:p>`;
}

function titleLevelXml(): string {
	return `<a:lvl1pPr algn="l" defTabSz="914400" rtl="0"><a:lnSpc><a:spcPct val="90000"/></a:lnSpc><a:spcBef><a:spcPct val="0"/></a:spcBef><a:buNone/>${defaultRunXml(4000, "mj")}</a:lvl1pPr>`;
}

/** Level n (0–8) of the body: a bullet hanging left of the text, each level indented one step further. */
function bodyLevelXml(size: number, level: number): string {
	const tag = `a:lvl${level + 1}pPr`;
	return (
		`<${tag} marL="${BULLET_HANG + level * LEVEL_INDENT}" indent="-${BULLET_HANG}" algn="l" defTabSz="914400" rtl="0">` +
		`<a:lnSpc><a:spcPct val="90000"/></a:lnSpc><a:spcBef><a:spcPts val="${level === 0 ? 1000 : 500}"/></a:spcBef>` +
		`<a:buFont typeface="Arial"/><a:buChar char="•"/>${defaultRunXml(size, "mn")}</${tag}>`
	);
}
