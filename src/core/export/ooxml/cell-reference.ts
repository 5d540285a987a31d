/** A1-style cell references: columns A…Z, AA…ZZ, AAA… (bijective base 26), rows from 1. */

/** The letters of the column at a 0-based index: 0 → A, 25 → Z, 26 → AA, 701 → ZZ, 702 → AAA. */
export function columnLetters(index: number): string {
	let letters = "";
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
	return letters;
}

/** The reference of a cell by 0-based column and row: (0, 0) → A1. */
export function cellReference(column: number, row: number): string {
	return `${columnLetters(column)}${row + 1}`;
}
