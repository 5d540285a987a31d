/**
 * Word (.docx) from an {@link ExportDocument}: Word headings (navigation pane, table of contents), lists, tables,
 * links, images, and the provenance as document properties. Written part by part (src/core/export/ooxml).
 */
import type { ExportDocument } from "./export-document";
import type { LoadedImage } from "./image-size";
import { contentTypesXml, packageParts, rootParts } from "./ooxml/package";
import { documentXml } from "./ooxml/word-document";
import { ListNumbering } from "./ooxml/word-numbering";
import { DocumentRelationships, WORD_PARTS } from "./ooxml/word-relationships";
import { settingsXml } from "./ooxml/word-settings";
import { stylesXml } from "./ooxml/word-styles";

export type { LoadedImage } from "./image-size";

const WORDPROCESSING = "application/vnd.openxmlformats-officedocument.wordprocessingml";

export function exportDocx(document: ExportDocument, images: ReadonlyMap<string, LoadedImage>): Promise<Uint8Array> {
	const { provenance } = document;
	const relationships = new DocumentRelationships();
	const numbering = new ListNumbering();
	let pictures = 0;
	const body = documentXml(document.blocks, { relationships, numbering, images, nextPictureId: () => ++pictures });
	const sources = provenance.sources.join("; ");

	const root = rootParts(
		WORD_PARTS.document,
		{
			title: provenance.title,
			subject: provenance.goal ?? "",
			creator: "AI Coworker",
			description: sources === "" ? "" : `Sources: ${sources}`,
			keywords: provenance.format,
			created: provenance.created,
		},
		[
			{ name: "Goal", value: provenance.goal ?? "" },
			{ name: "Model", value: provenance.model ?? "" },
			{ name: "Created", value: provenance.created ?? "" },
			{ name: "Workflow", value: provenance.workflow ?? "" },
			{ name: "Sources", value: sources },
		],
	);

	const parts = new Map<string, string | Uint8Array>([
		[
			"[Content_Types].xml",
			contentTypesXml(relationships.mediaContentTypes(), {
				[`/${WORD_PARTS.document}`]: `${WORDPROCESSING}.document.main+xml`,
				[`/${WORD_PARTS.styles}`]: `${WORDPROCESSING}.styles+xml`,
				[`/${WORD_PARTS.numbering}`]: `${WORDPROCESSING}.numbering+xml`,
				[`/${WORD_PARTS.settings}`]: `${WORDPROCESSING}.settings+xml`,
				...root.overrides,
			}),
		],
		...root.parts,
		[WORD_PARTS.document, body],
		["word/_rels/document.xml.rels", relationships.xml()],
		[WORD_PARTS.styles, stylesXml()],
		[WORD_PARTS.numbering, numbering.xml()],
		[WORD_PARTS.settings, settingsXml()],
		...relationships.media,
	]);
	return Promise.resolve(packageParts(parts));
}
