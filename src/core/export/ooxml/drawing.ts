/** A picture in line with the text (DrawingML `wp:inline`), as Word places an inserted image: the media part by relationship id. */
import { xmlText } from "./package";

/** English Metric Units per pixel at 96 pixels per inch (914,400 per inch). */
const EMU_PER_PIXEL = 9525;

export interface InlinePicture {
	/** The `r:embed` relationship to the image part. */
	relationshipId: string;
	/** Unique among the document's drawings (`wp:docPr id`): Word repairs a file with duplicates. */
	id: number;
	/** Shown as the alternative text. */
	description: string;
	width: number;
	height: number;
}

/** A `w:drawing` for a run; the `wp`, `a`, `pic` and `r` prefixes are declared on the document element. */
export function inlinePictureXml(picture: InlinePicture): string {
	const cx = Math.max(1, Math.round(picture.width * EMU_PER_PIXEL));
	const cy = Math.max(1, Math.round(picture.height * EMU_PER_PIXEL));
	const name = `Picture ${picture.id}`;
	const description = xmlText(picture.description);
	return (
		`<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">` +
		`<wp:extent cx="${cx}" cy="${cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>` +
		`<wp:docPr id="${picture.id}" name="${name}" descr="${description}"/>` +
		`<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
		`<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>` +
		`<pic:nvPicPr><pic:cNvPr id="${picture.id}" name="${name}" descr="${description}"/><pic:cNvPicPr><a:picLocks noChangeAspect="1"/></pic:cNvPicPr></pic:nvPicPr>` +
		`<pic:blipFill><a:blip r:embed="${xmlText(picture.relationshipId)}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
		`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>` +
		`</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>`
	);
}
