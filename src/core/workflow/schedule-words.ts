/**
 * A schedule in words ("every weekday at 9am") read into the RRULE it means.
 *
 * A small strict grammar rather than rrule's `RRule.fromText`: fromText is English-only like this, but loose —
 * it skips words it does not know and reads times without am/pm or minutes in its own way, so a typo
 * ("every mondy at 9am") would quietly become another schedule. A schedule that runs at the wrong time is
 * worse than a problem shown at once, so every word here must be understood or the phrase is refused.
 */

export type ScheduleWordsRead = { ok: true; rrule: string } | { ok: false; error: string };

export const SCHEDULE_WORDS_EXAMPLES = '"every weekday at 9am", "every monday at 09:30", "every 2 weeks on friday at 4pm", "every month on the 1st at 8am", "every hour"';

const DAYS: Record<string, string> = {
	monday: "MO", mon: "MO", tuesday: "TU", tue: "TU", tues: "TU", wednesday: "WE", wed: "WE",
	thursday: "TH", thu: "TH", thurs: "TH", friday: "FR", fri: "FR", saturday: "SA", sat: "SA", sunday: "SU", sun: "SU",
};
const DAY_GROUPS: Record<string, string[]> = { weekday: ["MO", "TU", "WE", "TH", "FR"], weekdays: ["MO", "TU", "WE", "TH", "FR"], weekend: ["SA", "SU"], weekends: ["SA", "SU"] };

/** True when the text reads as words rather than RFC 5545 (which always has `NAME=value` or a `DTSTART:` line). */
export function looksLikeWords(text: string): boolean {
	return !/[=:]/.test(text.replace(/\d{1,2}:\d{2}/g, "")) && /^[a-z]/i.test(text.trim());
}

/** `every monday at 09:30 in Europe/Berlin` → `DTSTART;TZID=Europe/Berlin:20240101T000000\nRRULE:FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=30`. */
export function parseScheduleWords(text: string): ScheduleWordsRead {
	const phrase = text.trim().replace(/\s+/g, " ");
	const refuse = (why: string): ScheduleWordsRead => ({ ok: false, error: `"${phrase}" cannot be read (${why}); write for example ${SCHEDULE_WORDS_EXAMPLES}, or an RRULE such as FREQ=WEEKLY;BYDAY=MO;BYHOUR=9` });

	// The zone keeps its case (Europe/Berlin); everything else is read in lower case.
	const zoneMatch = / in ([A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)+|UTC)$/.exec(phrase);
	const zone = zoneMatch?.[1] ?? null;
	let rest = (zoneMatch ? phrase.slice(0, zoneMatch.index) : phrase).toLowerCase();

	let time: { hour: number; minute: number } | null = null;
	const at = / at (.+)$/.exec(rest);
	if (at) {
		const read = readTime(at[1] ?? "");
		if (!read) return refuse(`"${at[1] ?? ""}" is not a time; write 9am, 4:30pm or 18:00`);
		time = read;
		rest = rest.slice(0, at.index);
	}
	rest = rest.replace(/^daily$/, "every day").replace(/^hourly$/, "every hour").replace(/^weekly on /, "every week on ").replace(/^monthly on /, "every month on ");

	const rule = readRule(rest, time);
	if (typeof rule === "string") return refuse(rule);
	const rrule = rule.join(";");
	return { ok: true, rrule: zone ? `DTSTART;TZID=${zone}:20240101T000000\nRRULE:${rrule}` : rrule };
}

/** The RRULE parts for the phrase without its time and zone, or why it cannot be read. */
function readRule(rest: string, time: { hour: number; minute: number } | null): string[] | string {
	const clock = time ? [`BYHOUR=${time.hour}`, `BYMINUTE=${time.minute}`] : [];
	const needsTime = "add the time, such as at 9am";
	const every = /^every (?:(\d+) )?(minutes?|hours?|days?|weeks?|months?)(?: on (.+))?$/.exec(rest);
	if (every) {
		const count = every[1] === undefined ? 1 : Number(every[1]);
		const unit = (every[2] ?? "").replace(/s$/, "");
		if (count < 1 || count > 1000) return `${count} is not a count from 1 to 1000`;
		const interval = count > 1 ? [`INTERVAL=${count}`] : [];
		const on = every[3];
		switch (unit) {
			case "minute":
				// rrule counts minutely rules one by one from 2024; a workflow more often than hourly is no workflow.
				return "the shortest is every hour";
			case "hour":
				if (on !== undefined || time) return "every hour takes no day or time";
				return ["FREQ=HOURLY", ...interval, "BYMINUTE=0"];
			case "day":
				if (on !== undefined) return `"every day" takes no "on"`;
				if (!time) return needsTime;
				return ["FREQ=DAILY", ...interval, ...clock];
			case "week": {
				const days = on === undefined ? null : readDays(on);
				if (days === null) return on === undefined ? 'say which days, such as "every week on monday"' : `"${on}" is not a list of week days`;
				if (!time) return needsTime;
				return ["FREQ=WEEKLY", ...interval, `BYDAY=${days.join(",")}`, ...clock];
			}
			default: {
				const day = on === undefined ? null : readMonthDay(on);
				if (day === null) return on === undefined ? 'say which day, such as "every month on the 1st"' : `"${on}" is not a day of the month such as "the 1st" or "the last day"`;
				if (!time) return needsTime;
				return ["FREQ=MONTHLY", ...interval, `BYMONTHDAY=${day}`, ...clock];
			}
		}
	}
	const named = /^every (.+)$/.exec(rest);
	if (!named) return "it does not start with every, daily, weekly, monthly or hourly";
	const days = readDays(named[1] ?? "");
	if (days === null) return `"${named[1] ?? ""}" is not a week day, weekday, weekend, or a count of hours, days, weeks or months`;
	if (!time) return needsTime;
	return ["FREQ=WEEKLY", `BYDAY=${days.join(",")}`, ...clock];
}

/** `monday`, `mon, wed and fri`, `weekday`, `weekends`; null when any word is not a day. */
function readDays(text: string): string[] | null {
	const words = text.split(/\s*(?:,|\band\b)\s*/).filter((word) => word !== "");
	if (words.length === 0) return null;
	const days: string[] = [];
	for (const word of words) {
		const single = DAYS[word.replace(/s$/, "")] ?? DAYS[word];
		const group = DAY_GROUPS[word];
		if (single) days.push(single);
		else if (group) days.push(...group);
		else return null;
	}
	return [...new Set(days)];
}

/** `the 1st`, `the 15th`, `day 15`, `the last day` → 1, 15, 15, -1; null otherwise. */
function readMonthDay(text: string): number | null {
	if (/^the last(?: day)?$/.test(text)) return -1;
	const match = /^(?:the |day )?(\d{1,2})(st|nd|rd|th)?$/.exec(text);
	if (!match) return null;
	const day = Number(match[1]);
	const suffix = match[2];
	const right = day % 10 === 1 && day !== 11 ? "st" : day % 10 === 2 && day !== 12 ? "nd" : day % 10 === 3 && day !== 13 ? "rd" : "th";
	if (day < 1 || day > 31 || (suffix !== undefined && suffix !== right)) return null;
	return day;
}

/** `9am`, `9:30 pm`, `09:30`, `18:00`, `noon`, `midnight`; a bare `9` is refused, since it could be morning or evening. */
function readTime(text: string): { hour: number; minute: number } | null {
	const word = text.trim();
	if (word === "noon") return { hour: 12, minute: 0 };
	if (word === "midnight") return { hour: 0, minute: 0 };
	const twelve = /^(\d{1,2})(?::(\d{2}))? ?(am|pm)$/.exec(word);
	if (twelve) {
		const hour = Number(twelve[1]);
		const minute = Number(twelve[2] ?? "0");
		if (hour < 1 || hour > 12 || minute > 59) return null;
		return { hour: (hour % 12) + (twelve[3] === "pm" ? 12 : 0), minute };
	}
	const day = /^(\d{1,2}):(\d{2})$/.exec(word);
	if (day) {
		const hour = Number(day[1]);
		const minute = Number(day[2]);
		if (hour > 23 || minute > 59) return null;
		return { hour, minute };
	}
	return null;
}
