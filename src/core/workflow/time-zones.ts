/** Wall-clock times in IANA time zones, with RFC 5545's rules for the hour that is skipped or repeated. */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(zone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat("en-US", {
			timeZone: zone,
			hourCycle: "h23",
			year: "numeric",
			month: "2-digit",
			day: "2-digit",
			hour: "2-digit",
			minute: "2-digit",
			second: "2-digit",
		});
		formatters.set(zone, formatter);
	}
	return formatter;
}

/** True when the platform knows the zone (`Europe/Berlin`, `UTC`); false for a typo. */
export function isKnownTimeZone(zone: string): boolean {
	try {
		formatterFor(zone);
		return true;
	} catch {
		return false;
	}
}

/**
 * The wall clock in `zone` at `instant`, as a "floating" number: the milliseconds of that wall time read as if
 * it were UTC. Floating times are what the recurrence rules are computed in.
 */
export function wallClockAt(instant: number, zone: string): number {
	const parts: Record<string, number> = {};
	for (const part of formatterFor(zone).formatToParts(new Date(instant))) {
		if (part.type !== "literal") parts[part.type] = Number(part.value);
	}
	return Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
}

/** The zone's UTC offset at `instant`, in milliseconds (east positive). */
export function offsetAt(instant: number, zone: string): number {
	return wallClockAt(Math.floor(instant / 1000) * 1000, zone) - Math.floor(instant / 1000) * 1000;
}

const DAY_MS = 86_400_000;

/**
 * The instant a floating wall time happens in `zone` (RFC 5545 §3.3.5): a time skipped by a spring-forward
 * change is read with the offset before the gap (02:30 becomes 03:30 that day), and a time that happens twice
 * at a fall-back change is the first of the two.
 */
export function instantOfWallClock(wall: number, zone: string): number {
	const before = offsetAt(wall - DAY_MS, zone);
	const after = offsetAt(wall + DAY_MS, zone);
	const candidates = [...new Set([wall - before, wall - after])].filter((instant) => wallClockAt(instant, zone) === wall);
	if (candidates.length === 0) return wall - before;
	return Math.min(...candidates);
}

/** `2026-11-23T09:00:00+01:00`: the instant as the zone's wall time with its offset. */
export function isoWithOffset(instant: number, zone: string): string {
	const wall = new Date(wallClockAt(instant, zone));
	const offsetMinutes = Math.round((wallClockAt(instant, zone) - Math.floor(instant / 1000) * 1000) / 60_000);
	const sign = offsetMinutes >= 0 ? "+" : "-";
	const abs = Math.abs(offsetMinutes);
	const pad = (n: number): string => String(n).padStart(2, "0");
	return (
		`${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}` +
		`${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
	);
}

/** The zone of the machine (or the app) the code runs on: schedules without a TZID are read in it. */
export function systemTimeZone(): string {
	return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}
