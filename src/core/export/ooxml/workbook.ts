/**
 * A whole .xlsx package from named worksheets: the workbook and its relationships, one part per sheet, the
 * styles, the shared strings and the document properties (ECMA-376 Part 1 §12.3, Part 2 for the package).
 */
import { contentTypesXml, packageParts, REL, relationshipsXml, rootParts, XML_DECLARATION, xmlText, NS, type CoreProperties } from "./package";
import { SharedStrings } from "./shared-strings";
import { sheetNames } from "./sheet-names";
import { SPREADSHEET_CONTENT_TYPES as TYPES, SPREADSHEET_NS, SPREADSHEET_REL } from "./spreadsheet-schema";
import { stylesXml } from "./spreadsheet-styles";
import { worksheetXml, type Worksheet } from "./worksheet";

export interface NamedWorksheet extends Worksheet {
	/** As wanted; made valid and distinct by sheetNames. */
	name: string;
}

/** The .xlsx bytes; the workbook opens on the first sheet. */
export function spreadsheetPackage(sheets: readonly NamedWorksheet[], properties: CoreProperties): Uint8Array {
	// The schema wants at least one sheet, and Excel refuses a workbook without one.
	if (sheets.length === 0) throw new RangeError("A workbook needs at least one sheet.");
	const names = sheetNames(sheets.map((sheet) => sheet.name));
	const strings = new SharedStrings();
	const parts = new Map<string, string | Uint8Array>();
	const overrides: Record<string, string> = { "/xl/workbook.xml": TYPES.workbook };
	sheets.forEach((sheet, i) => {
		parts.set(`xl/worksheets/sheet${i + 1}.xml`, worksheetXml(sheet, strings, i === 0));
		overrides[`/xl/worksheets/sheet${i + 1}.xml`] = TYPES.worksheet;
	});
	const stylesId = `rId${sheets.length + 1}`;
	const stringsId = `rId${sheets.length + 2}`;
	parts.set("xl/workbook.xml", workbookXml(names));
	parts.set(
		"xl/_rels/workbook.xml.rels",
		relationshipsXml([
			...sheets.map((_, i) => ({ id: `rId${i + 1}`, type: SPREADSHEET_REL.worksheet, target: `worksheets/sheet${i + 1}.xml` })),
			{ id: stylesId, type: REL.styles, target: "styles.xml" },
			{ id: stringsId, type: SPREADSHEET_REL.sharedStrings, target: "sharedStrings.xml" },
		]),
	);
	parts.set("xl/styles.xml", stylesXml());
	parts.set("xl/sharedStrings.xml", strings.xml());
	const root = rootParts("xl/workbook.xml", properties);
	for (const [name, xml] of root.parts) parts.set(name, xml);
	Object.assign(overrides, { "/xl/styles.xml": TYPES.styles, "/xl/sharedStrings.xml": TYPES.sharedStrings, ...root.overrides });
	parts.set("[Content_Types].xml", contentTypesXml({}, overrides));
	return packageParts(parts);
}

/** xl/workbook.xml: the sheets in tab order, each pointing at its part through the workbook's relationships. */
function workbookXml(names: readonly string[]): string {
	const sheets = names.map((name, i) => `<sheet name="${xmlText(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("");
	return `${XML_DECLARATION}<workbook xmlns="${SPREADSHEET_NS}" xmlns:r="${NS.officeRelationships}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheets}</sheets></workbook>`;
}
