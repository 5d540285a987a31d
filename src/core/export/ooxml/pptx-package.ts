/** A whole .pptx from its slides: the presentation, its master, layout, themes, notes, media and properties, zipped. */
import { contentTypesXml, IMAGE_CONTENT_TYPES, packageParts, REL, relationshipsXml, rootParts, type CoreProperties } from "./package";
import { PML_CONTENT_TYPE, PML_REL } from "./presentation-ml";
import { PartRelationships } from "./part-relationships";
import { presentationPropertiesXml, presentationXml, tableStylesXml, viewPropertiesXml } from "./presentation";
import { slideLayoutXml, slideMasterXml } from "./slide-master";
import { notesMasterXml } from "./notes-master";
import { notesSlideXml } from "./notes-slide";
import { slidePart, type SlideContent } from "./slide";
import { themeXml } from "./theme";

export interface Deck {
	slides: readonly SlideContent[];
	/** Images by their file name in ppt/media/ (`image1.png`), as the slides' pictures name them. */
	media: ReadonlyMap<string, Uint8Array>;
	properties: CoreProperties;
}

export function pptxPackage(deck: Deck): Uint8Array {
	const parts = new Map<string, string | Uint8Array>();
	const overrides: Record<string, string> = {};
	const add = (name: string, content: string, contentType?: string): void => {
		parts.set(name, content);
		if (contentType !== undefined) overrides[`/${name}`] = contentType;
	};

	const root = rootParts("ppt/presentation.xml", deck.properties);
	for (const [name, xml] of root.parts) add(name, xml);
	Object.assign(overrides, root.overrides);

	const presentation = new PartRelationships();
	const master = presentation.add(PML_REL.slideMaster, "slideMasters/slideMaster1.xml");
	const notesMaster = presentation.add(PML_REL.notesMaster, "notesMasters/notesMaster1.xml");
	const slides = deck.slides.map((slide, i) => {
		const n = i + 1;
		const notesTarget = slide.notes !== null ? `../notesSlides/notesSlide${n}.xml` : null;
		const part = slidePart(slide, notesTarget);
		add(`ppt/slides/slide${n}.xml`, part.xml, PML_CONTENT_TYPE.slide);
		add(`ppt/slides/_rels/slide${n}.xml.rels`, relationshipsXml(part.relationships));
		if (slide.notes !== null) {
			add(`ppt/notesSlides/notesSlide${n}.xml`, notesSlideXml(slide.notes), PML_CONTENT_TYPE.notesSlide);
			add(`ppt/notesSlides/_rels/notesSlide${n}.xml.rels`, relationshipsXml([
				{ id: "rId1", type: PML_REL.notesMaster, target: "../notesMasters/notesMaster1.xml" },
				{ id: "rId2", type: PML_REL.slide, target: `../slides/slide${n}.xml` },
			]));
		}
		return presentation.add(PML_REL.slide, `slides/slide${n}.xml`);
	});
	presentation.add(PML_REL.presProps, "presProps.xml");
	presentation.add(PML_REL.viewProps, "viewProps.xml");
	presentation.add(REL.theme, "theme/theme1.xml");
	presentation.add(PML_REL.tableStyles, "tableStyles.xml");
	add("ppt/presentation.xml", presentationXml({ master, notesMaster, slides }), PML_CONTENT_TYPE.presentation);
	add("ppt/_rels/presentation.xml.rels", relationshipsXml(presentation.all));
	add("ppt/presProps.xml", presentationPropertiesXml(), PML_CONTENT_TYPE.presProps);
	add("ppt/viewProps.xml", viewPropertiesXml(), PML_CONTENT_TYPE.viewProps);
	add("ppt/tableStyles.xml", tableStylesXml(), PML_CONTENT_TYPE.tableStyles);

	add("ppt/slideMasters/slideMaster1.xml", slideMasterXml(), PML_CONTENT_TYPE.slideMaster);
	add("ppt/slideMasters/_rels/slideMaster1.xml.rels", relationshipsXml([
		{ id: "rId1", type: PML_REL.slideLayout, target: "../slideLayouts/slideLayout1.xml" },
		{ id: "rId2", type: REL.theme, target: "../theme/theme1.xml" },
	]));
	add("ppt/slideLayouts/slideLayout1.xml", slideLayoutXml(), PML_CONTENT_TYPE.slideLayout);
	add("ppt/slideLayouts/_rels/slideLayout1.xml.rels", relationshipsXml([{ id: "rId1", type: PML_REL.slideMaster, target: "../slideMasters/slideMaster1.xml" }]));
	add("ppt/theme/theme1.xml", themeXml("AI Coworker"), PML_CONTENT_TYPE.theme);
	// The notes master has a theme of its own: PowerPoint does not share the slides' theme with it.
	add("ppt/notesMasters/notesMaster1.xml", notesMasterXml(), PML_CONTENT_TYPE.notesMaster);
	add("ppt/notesMasters/_rels/notesMaster1.xml.rels", relationshipsXml([{ id: "rId1", type: REL.theme, target: "../theme/theme2.xml" }]));
	add("ppt/theme/theme2.xml", themeXml("AI Coworker notes"), PML_CONTENT_TYPE.theme);

	const extensions: Record<string, string> = {};
	for (const [name, bytes] of deck.media) {
		const extension = name.slice(name.lastIndexOf(".") + 1);
		const type = IMAGE_CONTENT_TYPES[extension];
		if (type !== undefined) extensions[extension] = type;
		parts.set(`ppt/media/${name}`, bytes);
	}
	parts.set("[Content_Types].xml", contentTypesXml(extensions, overrides));
	return packageParts(parts);
}
