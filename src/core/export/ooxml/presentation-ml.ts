/** PresentationML's namespaces, relationship types and content types (ECMA-376 Part 1, §13 and §19). */
import { NS } from "./package";

export const PML_NS = {
	drawing: NS.drawing,
	presentation: "http://schemas.openxmlformats.org/presentationml/2006/main",
	table: "http://schemas.openxmlformats.org/drawingml/2006/table",
} as const;

/** The `xmlns` attributes every presentation part's root element carries. */
export const PML_ROOT_NAMESPACES = `xmlns:a="${PML_NS.drawing}" xmlns:r="${NS.officeRelationships}" xmlns:p="${PML_NS.presentation}"`;

/** Relationship types of the presentation parts. */
export const PML_REL = {
	slide: `${NS.officeRelationships}/slide`,
	slideLayout: `${NS.officeRelationships}/slideLayout`,
	slideMaster: `${NS.officeRelationships}/slideMaster`,
	notesSlide: `${NS.officeRelationships}/notesSlide`,
	notesMaster: `${NS.officeRelationships}/notesMaster`,
	presProps: `${NS.officeRelationships}/presProps`,
	viewProps: `${NS.officeRelationships}/viewProps`,
	tableStyles: `${NS.officeRelationships}/tableStyles`,
} as const;

const PML_TYPE = "application/vnd.openxmlformats-officedocument.presentationml";

/** Content types (the `[Content_Types].xml` overrides) of the presentation parts. */
export const PML_CONTENT_TYPE = {
	presentation: `${PML_TYPE}.presentation.main+xml`,
	slide: `${PML_TYPE}.slide+xml`,
	slideLayout: `${PML_TYPE}.slideLayout+xml`,
	slideMaster: `${PML_TYPE}.slideMaster+xml`,
	notesSlide: `${PML_TYPE}.notesSlide+xml`,
	notesMaster: `${PML_TYPE}.notesMaster+xml`,
	presProps: `${PML_TYPE}.presProps+xml`,
	viewProps: `${PML_TYPE}.viewProps+xml`,
	tableStyles: `${PML_TYPE}.tableStyles+xml`,
	theme: "application/vnd.openxmlformats-officedocument.theme+xml",
} as const;
