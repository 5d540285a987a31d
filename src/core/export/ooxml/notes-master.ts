/** The notes master (ECMA-376 Part 1, §19.3.1.27): how a notes page is laid out. PowerPoint wants one once a slide has notes. */
import { XML_DECLARATION } from "./package";
import { PML_ROOT_NAMESPACES } from "./presentation-ml";
import { NOTES_BODY_BOX, NOTES_SLIDE_IMAGE_BOX } from "./slide-geometry";
import { DEFAULT_COLOUR_MAP, defaultRunXml, placeholderXml, shapeTreeXml } from "./shape-tree";

/** `rId1` in the notes master's relationships is its own theme. */
export function notesMasterXml(): string {
	const shapes = [
		placeholderXml({ id: 2, name: "Slide Image Placeholder 1", ph: 'type="sldImg" idx="2"', box: NOTES_SLIDE_IMAGE_BOX, locks: 'noRot="1" noChangeAspect="1"' }),
		placeholderXml({
			id: 3,
			name: "Notes Placeholder 2",
			ph: 'type="body" sz="quarter" idx="3"',
			box: NOTES_BODY_BOX,
			bodyProperties: '<a:bodyPr vert="horz" lIns="91440" tIns="45720" rIns="91440" bIns="45720" rtlCol="0"/>',
			paragraphs: ['<a:p><a:r><a:rPr lang="en-US"/><a:t>Click to edit Master text styles</a:t></a:r></a:p>'],
		}),
	];
	return (
		`${XML_DECLARATION}<p:notesMaster ${PML_ROOT_NAMESPACES}><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg>${shapeTreeXml(shapes)}</p:cSld>` +
		`<p:clrMap ${DEFAULT_COLOUR_MAP}/><p:notesStyle><a:lvl1pPr marL="0" algn="l" defTabSz="914400" rtl="0">${defaultRunXml(1200, "mn")}</a:lvl1pPr></p:notesStyle></p:notesMaster>`
	);
}
