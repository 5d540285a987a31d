/**
 * word/styles.xml: the styles the document refers to by id. Headings carry their outline level, which is what
 * Word's navigation pane and a table of contents read; their names ("heading 1") are the built-in ones, so
 * Word treats them as its own Heading 1–6 and a user's template restyles them.
 */
import { XML_DECLARATION } from "./package";
import { WORD_NAMESPACE } from "./word-namespaces";

/** Style ids used in word/document.xml. */
export const STYLE = {
	heading: (level: number): string => `Heading${level}`,
	quote: "Quote",
	listParagraph: "ListParagraph",
	hyperlink: "Hyperlink",
} as const;

/** Point sizes in half-points (w:sz), heading 1 to 6. */
const HEADING_SIZES = [32, 26, 24, 22, 22, 22];

export function stylesXml(): string {
	const headings = HEADING_SIZES.map((size, i) => {
		const level = i + 1;
		return (
			`<w:style w:type="paragraph" w:styleId="${STYLE.heading(level)}"><w:name w:val="heading ${level}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>` +
			`<w:uiPriority w:val="9"/><w:qFormat/>` +
			`<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="${level === 1 ? 360 : 240}" w:after="80"/><w:outlineLvl w:val="${i}"/></w:pPr>` +
			`<w:rPr><w:b/>${level >= 4 ? "<w:i/>" : ""}<w:color w:val="2F5496"/><w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr></w:style>`
		);
	});
	return (
		`${XML_DECLARATION}<w:styles xmlns:w="${WORD_NAMESPACE}">` +
		`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:eastAsia="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
		`<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>` +
		`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>` +
		`<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
		headings.join("") +
		`<w:style w:type="paragraph" w:styleId="${STYLE.quote}"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="29"/><w:qFormat/>` +
		`<w:pPr><w:spacing w:before="200"/><w:ind w:left="720" w:right="720"/></w:pPr><w:rPr><w:i/><w:color w:val="404040"/></w:rPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="${STYLE.listParagraph}"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="34"/><w:qFormat/>` +
		`<w:pPr><w:ind w:left="720"/><w:contextualSpacing/></w:pPr></w:style>` +
		`<w:style w:type="character" w:styleId="${STYLE.hyperlink}"><w:name w:val="Hyperlink"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>` +
		`<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>` +
		`</w:styles>`
	);
}
