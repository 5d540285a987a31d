/** The presentation part (ECMA-376 Part 1, §19.2.1.26) and the three small parts PowerPoint expects beside it. */
import { XML_DECLARATION } from "./package";
import { PML_NS, PML_ROOT_NAMESPACES } from "./presentation-ml";
import { NOTES_SIZE, SLIDE_SIZE } from "./slide-geometry";
import { SLIDE_MASTER_ID } from "./slide-master";

/** Relationship ids, in the presentation's relationships, of its master, notes master and slides (in order). */
export interface PresentationIds {
	master: string;
	notesMaster: string;
	slides: readonly string[];
}

/** Slide ids start at 256 (§19.2.1.34). Children in the schema's order: masters, notes master, slides, sizes. */
export function presentationXml(ids: PresentationIds): string {
	const slides = ids.slides.map((rId, i) => `<p:sldId id="${256 + i}" r:id="${rId}"/>`).join("");
	return (
		`${XML_DECLARATION}<p:presentation ${PML_ROOT_NAMESPACES} saveSubsetFonts="1">` +
		`<p:sldMasterIdLst><p:sldMasterId id="${SLIDE_MASTER_ID}" r:id="${ids.master}"/></p:sldMasterIdLst>` +
		`<p:notesMasterIdLst><p:notesMasterId r:id="${ids.notesMaster}"/></p:notesMasterIdLst>` +
		// An empty slide list is left out (the schema allows none, and a list needs at least one entry to mean anything).
		(slides !== "" ? `<p:sldIdLst>${slides}</p:sldIdLst>` : "") +
		`<p:sldSz cx="${SLIDE_SIZE.cx}" cy="${SLIDE_SIZE.cy}"/><p:notesSz cx="${NOTES_SIZE.cx}" cy="${NOTES_SIZE.cy}"/>` +
		`</p:presentation>`
	);
}

/** Presentation properties (slide show settings): none of our own. */
export function presentationPropertiesXml(): string {
	return `${XML_DECLARATION}<p:presentationPr ${PML_ROOT_NAMESPACES}/>`;
}

/** View properties: PowerPoint opens in its normal view. */
export function viewPropertiesXml(): string {
	return `${XML_DECLARATION}<p:viewPr ${PML_ROOT_NAMESPACES}><p:normalViewPr><p:restoredLeft sz="15620"/><p:restoredTop sz="94660"/></p:normalViewPr><p:gridSpacing cx="76200" cy="76200"/></p:viewPr>`;
}

/** No table styles of our own; `def` names PowerPoint's built-in default (Medium Style 2, Accent 1). */
export function tableStylesXml(): string {
	return `${XML_DECLARATION}<a:tblStyleLst xmlns:a="${PML_NS.drawing}" def="{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"/>`;
}
