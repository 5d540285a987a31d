/** A slide's speaker notes (ECMA-376 Part 1, §19.3.1.26): the slide's picture and the notes text, one paragraph a line. */
import { XML_DECLARATION } from "./package";
import { PML_ROOT_NAMESPACES } from "./presentation-ml";
import { paragraphXml } from "./drawing-text";
import { PartRelationships } from "./part-relationships";
import { placeholderXml, shapeTreeXml } from "./shape-tree";

/** `rId1` in the notes slide's relationships is the notes master, `rId2` its slide. */
export function notesSlideXml(notes: string): string {
	// Notes are plain text: no runs with links, so no relationships beyond the two fixed ones.
	const noLinks = new PartRelationships();
	const paragraphs = notes.split(/\r?\n/).map((line) => paragraphXml({ runs: [{ text: line }] }, noLinks));
	const shapes = [
		placeholderXml({ id: 2, name: "Slide Image Placeholder 1", ph: 'type="sldImg"', locks: 'noRot="1" noChangeAspect="1"' }),
		placeholderXml({ id: 3, name: "Notes Placeholder 2", ph: 'type="body" idx="1"', paragraphs }),
	];
	return `${XML_DECLARATION}<p:notes ${PML_ROOT_NAMESPACES}><p:cSld>${shapeTreeXml(shapes)}</p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>`;
}
