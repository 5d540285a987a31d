/** The XML namespaces of WordprocessingML and the DrawingML it embeds pictures with. */
import { NS } from "./package";

export const WORD_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/** Declared once on `w:document`, so runs and pictures can use the prefixes. */
export const DOCUMENT_NAMESPACES =
	`xmlns:w="${WORD_NAMESPACE}" ` +
	`xmlns:r="${NS.officeRelationships}" ` +
	`xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ` +
	`xmlns:a="${NS.drawing}" ` +
	`xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"`;
