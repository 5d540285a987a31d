/** Dates as the user reads them: local date for file names, local ISO 8601 with offset for provenance. */

function pad(n: number, width = 2): string {
	return String(n).padStart(width, "0");
}

/** `2026-11-24` in the machine's time zone. */
export function localDate(ms: number): string {
	const d = new Date(ms);
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `2026-11-24T21:30:05+01:00`: the local wall time and its offset, as the design's conventions ask. */
export function localIsoWithOffset(ms: number): string {
	const d = new Date(ms);
	const offset = -d.getTimezoneOffset();
	const sign = offset >= 0 ? "+" : "-";
	const abs = Math.abs(offset);
	return `${localDate(ms)}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
