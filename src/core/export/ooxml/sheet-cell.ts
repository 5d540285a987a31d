/** A worksheet cell as the SpreadsheetML writer takes it: a number, a date or date-time, text, or nothing. */

/** The number formats a date cell may carry (custom formats, so every locale shows the ISO form the note had). */
export const DATE_FORMATS = ["yyyy-mm-dd", "yyyy-mm", "yyyy-mm-dd hh:mm", "yyyy-mm-dd hh:mm:ss"] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export type SheetCell =
	| { kind: "number"; value: number }
	/** An Excel serial date (see excel-serial-date.ts) shown in `format`. */
	| { kind: "date"; serial: number; format: DateFormat }
	| { kind: "text"; text: string; bold?: boolean }
	| null;
