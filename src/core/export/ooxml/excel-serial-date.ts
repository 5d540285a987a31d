/**
 * Excel's serial numbers for dates and times in its 1900 date system (the default; ECMA-376 Part 1 §18.17.4.1):
 * whole days count from 1900-01-01 = 1, the fraction is the time of day. Pure calendar arithmetic on the
 * numbers as written, so no time zone (the machine's or the text's) ever shifts a date.
 */

const DAY_MS = 86_400_000;
/** Day 0 for every date from 1900-03-01 on: Excel counts the 29th of February 1900, which never was (Lotus 1-2-3's leap-year bug). */
const EPOCH_MS = Date.UTC(1899, 11, 30);
const FIRST_REAL_LEAP_DAY_SERIAL = 61;
/** Excel shows no date after 9999-12-31. */
const LAST_SERIAL = 2_958_465;

export interface ClockTime {
	year: number;
	/** 1–12. */
	month: number;
	day: number;
	hour?: number;
	minute?: number;
	/** May carry a fraction. */
	second?: number;
}

/** The serial of a calendar date and clock time, or null when there is no such day or time, or Excel cannot show it (before 1900, after 9999). */
export function excelSerial(time: ClockTime): number | null {
	const { year, month, day, hour = 0, minute = 0, second = 0 } = time;
	if (![year, month, day, hour, minute].every(Number.isInteger) || !Number.isFinite(second)) return null;
	if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second >= 60) return null;
	const midnight = new Date(Date.UTC(2000, month - 1, day));
	// Date.UTC maps years 0–99 to 1900–1999; set the year itself, then check nothing rolled over.
	midnight.setUTCFullYear(year);
	if (midnight.getUTCFullYear() !== year || midnight.getUTCMonth() !== month - 1 || midnight.getUTCDate() !== day) return null;
	const days = Math.round((midnight.getTime() - EPOCH_MS) / DAY_MS);
	const serial = days < FIRST_REAL_LEAP_DAY_SERIAL ? days - 1 : days;
	if (serial < 1 || serial > LAST_SERIAL) return null;
	return serial + (hour * 3600 + minute * 60 + second) / 86_400;
}
