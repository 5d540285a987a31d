/** One slide (ECMA-376 Part 1, §19.3.1.38): its title and body in the layout's placeholders, then tables and pictures. */
import { REL, XML_DECLARATION, xmlText, type Relationship } from "./package";
import { PML_REL, PML_ROOT_NAMESPACES } from "./presentation-ml";
import { paragraphXml, type TextParagraph } from "./drawing-text";
import { PartRelationships } from "./part-relationships";
import { BODY_PLACEHOLDER, TITLE_PLACEHOLDER } from "./slide-master";
import { placeholderXml, shapeTreeXml } from "./shape-tree";
import { tableFrameXml, type SlideTable } from "./slide-table";
import { xfrmXml, type Box } from "./slide-geometry";

export interface SlidePicture {
	box: Box;
	/** The image's file name in ppt/media/ (`image1.png`). */
	media: string;
	/** Alternative text: the image as the note names it. */
	description: string;
}

export interface SlideContent {
	title: string;
	body: readonly TextParagraph[];
	/** Where the body goes when tables or pictures share the slide; absent: the layout's body area. */
	bodyBox?: Box;
	tables: readonly SlideTable[];
	pictures: readonly SlidePicture[];
	/** Speaker notes, or null. */
	notes: string | null;
}

export interface SlidePart {
	xml: string;
	relationships: readonly Relationship[];
}

/** The slide's XML and relationships; `notesTarget` is its notes slide's part name relative to ppt/slides/. */
export function slidePart(slide: SlideContent, notesTarget: string | null): SlidePart {
	const rels = new PartRelationships();
	rels.add(PML_REL.slideLayout, "../slideLayouts/slideLayout1.xml");
	let id = 1;
	const shapes = [placeholderXml({ id: ++id, name: "Title 1", ph: TITLE_PLACEHOLDER, paragraphs: [paragraphXml({ runs: [{ text: slide.title }] }, rels)] })];
	if (slide.body.length > 0) {
		const paragraphs = slide.body.map((paragraph) => paragraphXml(paragraph, rels));
		shapes.push(placeholderXml({ id: ++id, name: "Text Placeholder 2", ph: BODY_PLACEHOLDER, ...(slide.bodyBox ? { box: slide.bodyBox } : {}), paragraphs }));
	}
	for (const table of slide.tables) shapes.push(tableFrameXml(++id, table, rels));
	for (const picture of slide.pictures) shapes.push(pictureXml(++id, picture, rels.add(REL.image, `../media/${picture.media}`)));
	if (notesTarget !== null) rels.add(PML_REL.notesSlide, notesTarget);
	const xml = `${XML_DECLARATION}<p:sld ${PML_ROOT_NAMESPACES}><p:cSld>${shapeTreeXml(shapes)}</p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>`;
	return { xml, relationships: rels.all };
}

function pictureXml(id: number, picture: SlidePicture, imageId: string): string {
	return (
		`<p:pic><p:nvPicPr><p:cNvPr id="${id}" name="Picture ${id - 1}" descr="${xmlText(picture.description)}"/><p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>` +
		`<p:blipFill><a:blip r:embed="${imageId}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>` +
		`<p:spPr>${xfrmXml(picture.box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>`
	);
}
