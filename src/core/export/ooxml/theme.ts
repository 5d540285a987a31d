/**
 * A plain DrawingML theme (ECMA-376 Part 1, §20.1.6): the colour, font and format schemes PowerPoint refuses a
 * theme without. Office-like colours and Calibri; a user applies their own theme over it in PowerPoint.
 */
import { XML_DECLARATION, xmlText } from "./package";
import { PML_NS } from "./presentation-ml";

const COLOURS: ReadonlyArray<[string, string]> = [
	["dk2", "44546A"],
	["lt2", "E7E6E6"],
	["accent1", "4472C4"],
	["accent2", "ED7D31"],
	["accent3", "A5A5A5"],
	["accent4", "FFC000"],
	["accent5", "5B9BD5"],
	["accent6", "70AD47"],
	["hlink", "0563C1"],
	["folHlink", "954F72"],
];

const PLACEHOLDER_FILL = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>';

export function themeXml(name: string): string {
	const n = xmlText(name);
	const colours =
		'<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>' +
		COLOURS.map(([slot, rgb]) => `<a:${slot}><a:srgbClr val="${rgb}"/></a:${slot}>`).join("");
	const font = (latin: string): string => `<a:latin typeface="${latin}"/><a:ea typeface=""/><a:cs typeface=""/>`;
	// Each list needs at least three entries (subtle, moderate, intense), which shapes pick by index.
	const three = (item: string): string => item.repeat(3);
	const lines = [6350, 12700, 19050].map((w) => `<a:ln w="${w}" cap="flat" cmpd="sng" algn="ctr">${PLACEHOLDER_FILL}<a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>`).join("");
	return (
		`${XML_DECLARATION}<a:theme xmlns:a="${PML_NS.drawing}" name="${n}"><a:themeElements>` +
		`<a:clrScheme name="${n}">${colours}</a:clrScheme>` +
		`<a:fontScheme name="${n}"><a:majorFont>${font("Calibri Light")}</a:majorFont><a:minorFont>${font("Calibri")}</a:minorFont></a:fontScheme>` +
		`<a:fmtScheme name="${n}">` +
		`<a:fillStyleLst>${three(PLACEHOLDER_FILL)}</a:fillStyleLst>` +
		`<a:lnStyleLst>${lines}</a:lnStyleLst>` +
		`<a:effectStyleLst>${three("<a:effectStyle><a:effectLst/></a:effectStyle>")}</a:effectStyleLst>` +
		`<a:bgFillStyleLst>${three(PLACEHOLDER_FILL)}</a:bgFillStyleLst>` +
		`</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>`
	);
}
