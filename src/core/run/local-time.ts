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

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** The date an ISO text with offset names (`2026-11-30T00:30:00+01:00` → `2026-11-30`): its wall date, whatever the host's zone. */
export function dateOfIso(iso: string): string | null {
	return /^(\d{4}-\d{2}-\d{2})T/.exec(iso)?.[1] ?? null;
}

/**
 * An ISO text with offset as people read it, in the zone it was written in: `Monday 2026-11-30 09:00`
 * (`Mon 2026-11-30 09:00` when short); the text itself when it is not one.
 */
export function wallTimeWords(iso: string, length: "long" | "short" = "long"): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})/.exec(iso);
	if (!match) return iso;
	const day = WEEKDAYS[new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))).getUTCDay()] ?? "";
	return `${length === "short" ? day.slice(0, 3) : day} ${match[1]}-${match[2]}-${match[3]} ${match[4]}`;
}
