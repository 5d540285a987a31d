/** A workflow's schedule: an RFC 5545 RRULE (with optional DTSTART and TZID) or words that mean one, its occurrences as instants, and its words. */
import { RRule, RRuleSet, rrulestr } from "rrule";
import { instantOfWallClock, isKnownTimeZone, isoWithOffset, wallClockAt } from "./time-zones";
import { looksLikeWords, parseScheduleWords } from "./schedule-words";

/** An occurrence of a schedule: its instant and its identity, the ISO text with the zone's offset. */
export interface Occurrence {
	at: number;
	iso: string;
}

export type ScheduleRead = { ok: true; schedule: Schedule } | { ok: false; error: string };

/**
 * Without a DTSTART a rule counts from Monday 2024-01-01 00:00, so a weekly rule without BYDAY runs on
 * Mondays and a daily one at midnight, the same on every machine (rrule would otherwise count from "now").
 */
const DEFAULT_DTSTART = Date.UTC(2024, 0, 1, 0, 0, 0);
/** How far "next" looks ahead: far enough for a yearly rule's next three. */
const NEXT_HORIZON_MS = 5 * 366 * 86_400_000;

/**
 * rrule looks for a rule's next date until year 9999 and checks nothing until it finds one, so a daily rule
 * that never occurs costs seconds. The dates a finer rule may fall on are those of a yearly rule with the same
 * date filters, which rrule searches a year at a time; that one answers in milliseconds.
 */
function neverOccurs(rule: RRule, dtstart: number): boolean {
	const o = rule.origOptions;
	if (o.freq === RRule.YEARLY || o.freq === RRule.MONTHLY) return rule.after(new Date(dtstart), true) === null;
	const filters = { bymonth: o.bymonth, bymonthday: o.bymonthday, byyearday: o.byyearday, byweekno: o.byweekno, byweekday: o.byweekday };
	if (Object.values(filters).every((value) => value === undefined || value === null)) return false;
	const dates = new RRule({ freq: RRule.YEARLY, dtstart: new Date(dtstart), ...filters });
	return dates.after(new Date(dtstart), true) === null;
}

/** The valid range of each BY part that names a wall-clock or calendar field; rrule accepts others and then searches for ever. */
const BY_RANGES: [keyof RRule["origOptions"], string, number, number, boolean][] = [
	["bysecond", "BYSECOND", 0, 59, false],
	["byminute", "BYMINUTE", 0, 59, false],
	["byhour", "BYHOUR", 0, 23, false],
	["bymonth", "BYMONTH", 1, 12, false],
	["bymonthday", "BYMONTHDAY", 1, 31, true],
	["byyearday", "BYYEARDAY", 1, 366, true],
	["byweekno", "BYWEEKNO", 1, 53, true],
];

/**
 * Why a rule cannot be expanded in bounded time, or null. A rule more frequent than once a minute is refused
 * (a workflow run takes longer than that, and a year of seconds is 31 million occurrences), and so is a BY part
 * outside its field's range (`BYHOUR=25`), with which rrule would look for an occurrence until year 9999.
 */
function unboundedBecause(options: RRule["origOptions"]): string | null {
	if (options.freq === RRule.SECONDLY) return "runs every second (FREQ=SECONDLY); the most frequent schedule is FREQ=MINUTELY";
	for (const [field, name, min, max, signed] of BY_RANGES) {
		const raw = options[field] as number | number[] | null | undefined;
		for (const value of raw === null || raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]) {
			const size = signed ? Math.abs(value) : value;
			if (!Number.isInteger(value) || size < min || size > max) return `has ${name}=${value}, outside ${signed ? `±${min}…${max}` : `${min}…${max}`}`;
		}
	}
	if (options.interval !== undefined && options.interval !== null && (!Number.isInteger(options.interval) || options.interval < 1)) return `has INTERVAL=${options.interval}; it must be a whole number from 1`;
	return null;
}

/** The length of one period of an hourly or minutely rule, in ms (these repeat exactly in floating wall time), else null. */
function fixedPeriodMs(options: RRule["origOptions"]): number | null {
	const interval = options.interval ?? 1;
	if (options.freq === RRule.HOURLY) return interval * 3_600_000;
	if (options.freq === RRule.MINUTELY) return interval * 60_000;
	return null;
}

/** RFC 5545 names are case-insensitive but rrule wants capitals; zone names keep their case (`Europe/Berlin`). */
function normaliseCase(text: string): string {
	return text
		.split("\n")
		.map((line) => {
			const zone = /TZID=([^:;]+)/i.exec(line)?.[1];
			const upper = line.toUpperCase();
			return zone ? upper.replace(zone.toUpperCase(), zone) : upper;
		})
		.join("\n");
}

/** rrule cannot step backwards; looking this far back for a "previous" occurrence covers a yearly rule. */
const LOOK_BACK_MS = 400 * 86_400_000;

export class Schedule {
	private constructor(
		/** Iterates in floating wall time: occurrences come out as wall times read as UTC. */
		private readonly rule: RRule,
		/** The zone the wall times are in: the TZID, or the user's zone when there is none. */
		readonly zone: string,
		/** Whether the zone came from the rule (TZID) rather than from the user's machine. */
		readonly zoneFromRule: boolean,
		/** The RRULE it runs by, as text (`FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0`); lines joined by `\n`. */
		readonly rrule: string,
		/** The words it was written in (`every monday at 9am`), or null for an RRULE. */
		readonly words: string | null,
	) {}

	/**
	 * Parses `DTSTART;TZID=Europe/Berlin:20261102T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO` (a bare `FREQ=…` or
	 * `RRULE:…` works too), or words such as `every weekday at 9am` (see schedule-words.ts). `localZone` is the
	 * user's zone, used when the rule names none.
	 */
	static parse(text: string, localZone: string): ScheduleRead {
		let words: string | null = null;
		let ruleText = text;
		if (looksLikeWords(text)) {
			const read = parseScheduleWords(text);
			if (!read.ok) return { ok: false, error: read.error };
			words = text.trim().replace(/\s+/g, " ");
			ruleText = read.rrule;
		}
		const source = normaliseCase(ruleText.replace(/\\n/g, "\n").trim());
		if (source === "") return { ok: false, error: "is empty; write an RRULE such as FREQ=WEEKLY;BYDAY=MO;BYHOUR=9" };
		const withPrefix = /^(DTSTART|RRULE|EXRULE|RDATE|EXDATE)/im.test(source) ? source : `RRULE:${source}`;
		const tzid = /TZID=([^:;\s]+)/i.exec(withPrefix)?.[1];
		if (tzid !== undefined && !isKnownTimeZone(tzid)) return { ok: false, error: `names the time zone "${tzid}", which is not a known IANA time zone (such as Europe/Berlin)` };
		let parsed: RRule;
		try {
			const result = rrulestr(withPrefix);
			// RRuleSet extends RRule, so the set (RDATE, EXDATE, several rules) must be told apart first.
			if (result instanceof RRuleSet || !(result instanceof RRule)) return { ok: false, error: "must hold one RRULE (RDATE, EXDATE and several rules are not supported)" };
			parsed = result;
		} catch (error) {
			return { ok: false, error: `is not a valid RRULE (${error instanceof Error ? error.message : String(error)})` };
		}
		const options = parsed.origOptions;
		const unbounded = unboundedBecause(options);
		if (unbounded !== null) return { ok: false, error: unbounded };
		const utc = /DTSTART(;[^:]*)?:\d{8}T\d{6}Z/i.test(withPrefix);
		const zone = tzid ?? (utc ? "UTC" : localZone);
		if (!isKnownTimeZone(zone)) return { ok: false, error: `is in the time zone "${zone}", which is not known on this machine` };
		// rrule reads DTSTART's digits as UTC: that is exactly the floating wall time we iterate in.
		const dtstart = options.dtstart ? options.dtstart.getTime() : DEFAULT_DTSTART;
		// An UNTIL in UTC (…Z) is an instant; the rule runs in wall time, so it becomes the zone's wall time then.
		const untilIsUtc = /UNTIL=\d{8}T\d{6}Z/i.test(withPrefix);
		const until = options.until ? new Date(untilIsUtc ? wallClockAt(options.until.getTime(), zone) : options.until.getTime()) : null;
		try {
			const rule = new RRule({ ...options, dtstart: new Date(dtstart), tzid: null, until });
			// A rule that can never occur (BYMONTHDAY=31 with BYMONTH=4) is refused now rather than never running.
			// (Also with UNTIL or COUNT: a rule whose dates never come would be searched for until year 9999.)
			if (neverOccurs(rule, dtstart)) return { ok: false, error: "never occurs" };
			return { ok: true, schedule: new Schedule(rule, zone, tzid !== undefined || utc, source, words) };
		} catch (error) {
			return { ok: false, error: `is not a valid RRULE (${error instanceof Error ? error.message : String(error)})` };
		}
	}

	/** Occurrences with `after < at <= until`, oldest first. */
	between(after: number, until: number): Occurrence[] {
		if (until <= after) return [];
		// Wall times are searched with a margin on each side, then filtered as instants (DST moves them by an hour
		// or two); for an hourly or minutely rule a wide margin would only cost thousands of conversions.
		const margin = fixedPeriodMs(this.rule.origOptions) === null ? 2 * 86_400_000 : 3 * 3_600_000;
		const from = wallClockAt(after, this.zone) - margin;
		const walls = this.ruleStartingNear(from).between(new Date(from), new Date(wallClockAt(until, this.zone) + margin), true);
		const occurrences: Occurrence[] = [];
		for (const wall of walls) {
			const at = instantOfWallClock(wall.getTime(), this.zone);
			if (at > after && at <= until && !occurrences.some((o) => o.at === at)) occurrences.push({ at, iso: isoWithOffset(at, this.zone) });
		}
		return occurrences.sort((a, b) => a.at - b.at);
	}

	/**
	 * rrule walks every occurrence from DTSTART, so an hourly or minutely rule started years ago costs a million
	 * steps per question. Its occurrences repeat every period, so the same rule started a whole number of
	 * periods later, just before `wall`, has the same occurrences from there on. Not with COUNT, which counts from
	 * the first occurrence.
	 */
	private ruleStartingNear(wall: number): RRule {
		const options = this.rule.origOptions;
		const period = fixedPeriodMs(options);
		const dtstart = options.dtstart?.getTime() ?? DEFAULT_DTSTART;
		if (period === null || (options.count !== undefined && options.count !== null) || wall - dtstart < 2 * period) return this.rule;
		const moved = dtstart + Math.floor((wall - dtstart) / period - 1) * period;
		return new RRule({ ...options, dtstart: new Date(moved) });
	}

	/** The next `count` occurrences after `after` (within the next few years). */
	next(after: number, count: number): Occurrence[] {
		const found: Occurrence[] = [];
		let from = after;
		// Windows that grow, since a rule may be dense (hourly) or sparse (yearly); the whole search stays bounded.
		const period = fixedPeriodMs(this.rule.origOptions);
		for (let window = period === null ? 86_400_000 : Math.min(86_400_000, period * (count + 1)); found.length < count && from - after < NEXT_HORIZON_MS; window = Math.min(window * 4, 400 * 86_400_000)) {
			const batch = this.between(from, from + window);
			for (const occurrence of batch) if (found.length < count) found.push(occurrence);
			from = batch.length > 0 ? (batch[batch.length - 1]?.at ?? from + window) : from + window;
		}
		return found;
	}

	/** The latest occurrence at or before `until`, or null. */
	previous(until: number): Occurrence | null {
		// A short look first: a minutely rule would otherwise list a year of minutes to find the last one.
		for (const back of [3 * 3_600_000, 3 * 86_400_000, LOOK_BACK_MS]) {
			const found = this.between(until - back, until).pop();
			if (found) return found;
		}
		return null;
	}

	/** rrule's words ("every week on Monday"), with the time of day and the zone. */
	describe(): string {
		const words = this.rule.toText();
		const options = this.rule.origOptions;
		const start = new Date(options.dtstart?.getTime() ?? DEFAULT_DTSTART);
		const first = (value: number | number[] | null | undefined, fallback: number): number => (Array.isArray(value) ? (value[0] ?? fallback) : (value ?? fallback));
		const hour = first(options.byhour, start.getUTCHours());
		const minute = first(options.byminute, start.getUTCMinutes());
		const frequentThanDaily = options.freq === RRule.HOURLY || options.freq === RRule.MINUTELY || options.freq === RRule.SECONDLY;
		const time = frequentThanDaily || / at /.test(words) ? "" : ` at ${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
		return `${words}${time} (${this.zone})`;
	}
}
