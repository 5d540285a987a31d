/** SpreadsheetML's namespace, part content types and relationship types (ECMA-376 Part 1 §12.3, §18). */
import { NS } from "./package";

export const SPREADSHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

export const SPREADSHEET_CONTENT_TYPES = {
	workbook: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
	worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
	styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
	sharedStrings: "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
} as const;

export const SPREADSHEET_REL = {
	worksheet: `${NS.officeRelationships}/worksheet`,
	sharedStrings: `${NS.officeRelationships}/sharedStrings`,
} as const;
