/** Wall clocks in IANA zones: RFC 5545's reading of the skipped and the repeated hour, and ISO text with the zone's offset. */
import { describe, expect, it } from "vitest";
import { instantOfWallClock, isKnownTimeZone, isoWithOffset, offsetAt, wallClockAt } from "../../../src/core/workflow/time-zones";

/** A floating wall time: the digits read as if they were UTC. */
const wall = (text: string): number => Date.parse(`${text}Z`);
/** The wall time's instant in the zone, printed with its offset. */
const at = (text: string, zone: string): string => isoWithOffset(instantOfWallClock(wall(text), zone), zone);
const HOUR = 3_600_000;

describe("instantOfWallClock", () => {
	it("reads an ordinary wall time with the zone's offset on that day", () => {
		expect(instantOfWallClock(wall("2026-11-23T09:00:00"), "Europe/Berlin")).toBe(Date.parse("2026-11-23T08:00:00Z"));
		expect(instantOfWallClock(wall("2026-07-01T09:00:00"), "Europe/Berlin")).toBe(Date.parse("2026-07-01T07:00:00Z"));
		expect(instantOfWallClock(wall("2026-07-04T12:00:00"), "America/New_York")).toBe(Date.parse("2026-07-04T16:00:00Z"));
		expect(instantOfWallClock(wall("2026-01-15T17:30:00"), "Asia/Kolkata")).toBe(Date.parse("2026-01-15T12:00:00Z"));
		expect(instantOfWallClock(wall("2026-01-15T12:00:00"), "UTC")).toBe(Date.parse("2026-01-15T12:00:00Z"));
	});

	it("reads a time skipped by spring-forward with the offset before the gap: 02:30 in Berlin on 2027-03-28 runs at 03:30+02:00", () => {
		const instant = instantOfWallClock(wall("2027-03-28T02:30:00"), "Europe/Berlin");
		expect(instant).toBe(Date.parse("2027-03-28T01:30:00Z"));
		expect(isoWithOffset(instant, "Europe/Berlin")).toBe("2027-03-28T03:30:00+02:00");
		// The edges of the gap: 02:00 does not exist either; 01:59 and 03:00 do.
		expect(at("2027-03-28T02:00:00", "Europe/Berlin")).toBe("2027-03-28T03:00:00+02:00");
		expect(at("2027-03-28T01:59:00", "Europe/Berlin")).toBe("2027-03-28T01:59:00+01:00");
		expect(at("2027-03-28T03:00:00", "Europe/Berlin")).toBe("2027-03-28T03:00:00+02:00");
	});

	it("does the same for New York's spring-forward on 2026-03-08: 02:30 becomes 03:30-04:00", () => {
		expect(instantOfWallClock(wall("2026-03-08T02:30:00"), "America/New_York")).toBe(Date.parse("2026-03-08T07:30:00Z"));
		expect(at("2026-03-08T02:30:00", "America/New_York")).toBe("2026-03-08T03:30:00-04:00");
		expect(at("2026-03-08T01:30:00", "America/New_York")).toBe("2026-03-08T01:30:00-05:00");
	});

	it("moves a skipped time by the size of the gap, also where the gap is half an hour (Lord Howe Island)", () => {
		// Australia/Lord_Howe goes from +10:30 to +11:00 at 02:00 on the first Sunday of October.
		expect(at("2026-10-04T02:15:00", "Australia/Lord_Howe")).toBe("2026-10-04T02:45:00+11:00");
	});

	it("takes the first of the two at fall-back: 02:30 in Berlin on 2026-10-25 is 02:30+02:00, not +01:00", () => {
		const instant = instantOfWallClock(wall("2026-10-25T02:30:00"), "Europe/Berlin");
		expect(instant).toBe(Date.parse("2026-10-25T00:30:00Z"));
		expect(isoWithOffset(instant, "Europe/Berlin")).toBe("2026-10-25T02:30:00+02:00");
		// The second 02:30 exists an hour later, and prints the same wall time with the other offset.
		expect(isoWithOffset(instant + HOUR, "Europe/Berlin")).toBe("2026-10-25T02:30:00+01:00");
		expect(at("2026-11-01T01:30:00", "America/New_York")).toBe("2026-11-01T01:30:00-04:00");
	});

	it("maps every instant's wall time back to that instant through a year in Berlin, but for the repeated hour, which means the first", () => {
		for (let instant = Date.parse("2026-01-01T00:00:00Z"); instant < Date.parse("2027-01-01T00:00:00Z"); instant += HOUR / 2) {
			const roundTrip = instantOfWallClock(wallClockAt(instant, "Europe/Berlin"), "Europe/Berlin");
			const secondOfTwo = instant >= Date.parse("2026-10-25T01:00:00Z") && instant < Date.parse("2026-10-25T02:00:00Z");
			// In the repeated hour the wall time means the first of the two instants.
			expect(roundTrip, new Date(instant).toISOString()).toBe(secondOfTwo ? instant - HOUR : instant);
		}
	});
});

describe("wallClockAt and offsetAt", () => {
	it("reads the zone's wall clock as a floating time, and the offset east-positive", () => {
		expect(wallClockAt(Date.parse("2026-11-23T08:00:00Z"), "Europe/Berlin")).toBe(wall("2026-11-23T09:00:00"));
		expect(wallClockAt(Date.parse("2026-01-01T02:00:00Z"), "America/New_York")).toBe(wall("2025-12-31T21:00:00"));
		expect(offsetAt(Date.parse("2026-11-23T08:00:00Z"), "Europe/Berlin")).toBe(HOUR);
		expect(offsetAt(Date.parse("2026-07-01T08:00:00Z"), "Europe/Berlin")).toBe(2 * HOUR);
		expect(offsetAt(Date.parse("2026-01-15T12:00:00Z"), "America/St_Johns")).toBe(-3.5 * HOUR);
		expect(offsetAt(Date.parse("2026-01-15T12:00:00.750Z"), "Asia/Kolkata")).toBe(5.5 * HOUR);
	});
});

describe("isoWithOffset", () => {
	it("prints the wall time with a positive, zero or negative offset", () => {
		expect(isoWithOffset(Date.parse("2026-11-23T08:00:00Z"), "Europe/Berlin")).toBe("2026-11-23T09:00:00+01:00");
		expect(isoWithOffset(Date.parse("2026-11-23T08:00:00Z"), "UTC")).toBe("2026-11-23T08:00:00+00:00");
		expect(isoWithOffset(Date.parse("2026-11-23T14:00:00Z"), "America/New_York")).toBe("2026-11-23T09:00:00-05:00");
		expect(isoWithOffset(Date.parse("2026-07-23T13:00:00Z"), "America/New_York")).toBe("2026-07-23T09:00:00-04:00");
	});

	it("crosses the date line backwards for a negative offset", () => {
		expect(isoWithOffset(Date.parse("2026-01-01T02:00:00Z"), "America/New_York")).toBe("2025-12-31T21:00:00-05:00");
		expect(isoWithOffset(Date.parse("2026-01-01T02:00:00Z"), "Pacific/Honolulu")).toBe("2025-12-31T16:00:00-10:00");
	});

	it("prints half- and quarter-hour offsets, and a negative half-hour one", () => {
		expect(isoWithOffset(Date.parse("2026-01-15T12:00:00Z"), "Asia/Kolkata")).toBe("2026-01-15T17:30:00+05:30");
		expect(isoWithOffset(Date.parse("2026-01-15T12:00:00Z"), "Asia/Kathmandu")).toBe("2026-01-15T17:45:00+05:45");
		expect(isoWithOffset(Date.parse("2026-01-15T12:00:00Z"), "America/St_Johns")).toBe("2026-01-15T08:30:00-03:30");
		expect(isoWithOffset(Date.parse("2026-07-15T12:00:00Z"), "America/St_Johns")).toBe("2026-07-15T09:30:00-02:30");
	});

	it("drops milliseconds and keeps the offset exact", () => {
		expect(isoWithOffset(Date.parse("2026-01-15T12:00:00.999Z"), "Asia/Kolkata")).toBe("2026-01-15T17:30:00+05:30");
		expect(isoWithOffset(Date.parse("2026-01-15T12:00:59.500Z"), "America/St_Johns")).toBe("2026-01-15T08:30:59-03:30");
	});

	it("prints text that parses back to the same instant", () => {
		for (const zone of ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "America/St_Johns", "Australia/Lord_Howe", "UTC"]) {
			for (const iso of ["2026-03-29T01:30:00Z", "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z", "2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z"]) {
				expect(Date.parse(isoWithOffset(Date.parse(iso), zone)), `${iso} in ${zone}`).toBe(Date.parse(iso));
			}
		}
	});
});

describe("isKnownTimeZone", () => {
	it("knows IANA zones and UTC, and refuses typos and empty text", () => {
		for (const zone of ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "America/St_Johns", "UTC", "Etc/GMT+5"]) expect(isKnownTimeZone(zone), zone).toBe(true);
		for (const zone of ["Mars/Olympus", "Europe/Berln", "", "GMT+25", "not a zone"]) expect(isKnownTimeZone(zone), zone).toBe(false);
	});
});
