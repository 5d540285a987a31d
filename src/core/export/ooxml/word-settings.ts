/** word/settings.xml: the document-wide settings Word needs from us. */
import { XML_DECLARATION } from "./package";
import { WORD_NAMESPACE } from "./word-namespaces";

/**
 * Word 2013+ compatibility, so Word does not open the file in compatibility mode, and the
 * tab width Word assumes.
 */
export function settingsXml(): string {
	return (
		`${XML_DECLARATION}<w:settings xmlns:w="${WORD_NAMESPACE}"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>` +
		`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`
	);
}
