/** The XML namespaces of WordprocessingML and the DrawingML it embeds pictures with. */
export const WORD_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/** Declared once on `w:document`, so runs and pictures can use the prefixes. */
export const DOCUMENT_NAMESPACES =
	`xmlns:w="${WORD_NAMESPACE}" ` +
	`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ` +
	`xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ` +
	`xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ` +
	`xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"`;
