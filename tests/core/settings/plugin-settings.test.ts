/** settingsFromData: data.json read field by field, numbers checked against the ranges the settings tab also uses. */
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, NUMBER_RANGES, settingsFromData } from "../../../src/core/settings/plugin-settings";

describe("settingsFromData", () => {
	it("keeps a whole number in its range and reports one outside it by name and range, using the default", () => {
		const read = settingsFromData({ mcpCallTimeoutSeconds: 45, mcpIdleMinutes: 0, mcpMaxResultBytes: 10, maxAgentSteps: 3.5 }, "data.json");
		expect(read.settings.mcpCallTimeoutSeconds).toBe(45);
		expect(read.settings.mcpIdleMinutes).toBe(0);
		expect(read.settings.mcpMaxResultBytes).toBe(DEFAULT_SETTINGS.mcpMaxResultBytes);
		expect(read.problems).toEqual(['data.json: "mcpMaxResultBytes" must be a number from 500 to 1000000; the default is used.']);
		// A fraction in range is floored, as before.
		expect(read.settings.maxAgentSteps).toBe(3);
	});

	it("has a range for every number setting, and every default lies in its range", () => {
		for (const [key, [min, max]] of Object.entries(NUMBER_RANGES)) {
			const value = DEFAULT_SETTINGS[key as keyof typeof NUMBER_RANGES];
			expect(value, key).toBeGreaterThanOrEqual(min);
			expect(value, key).toBeLessThanOrEqual(max);
		}
		const numeric = Object.entries(DEFAULT_SETTINGS).filter(([, value]) => typeof value === "number").map(([key]) => key);
		expect(numeric.sort()).toEqual(Object.keys(NUMBER_RANGES).sort());
	});

	it("keeps run records 90 days by default, and reads another number of days", () => {
		expect(DEFAULT_SETTINGS.keepRunRecordsDays).toBe(90);
		expect(settingsFromData({ keepRunRecordsDays: 14 }, "data.json").settings.keepRunRecordsDays).toBe(14);
		const zero = settingsFromData({ keepRunRecordsDays: 0 }, "data.json");
		expect(zero.settings.keepRunRecordsDays).toBe(90);
		expect(zero.problems).toEqual(['data.json: "keepRunRecordsDays" must be a number from 1 to 3650; the default is used.']);
	});

	it("reads earlierDeliverables, approved by default, and names the field when its value is not one of approved, all, none", () => {
		expect(DEFAULT_SETTINGS.earlierDeliverables).toBe("approved");
		expect(settingsFromData({}, "data.json").settings.earlierDeliverables).toBe("approved");
		expect(settingsFromData({ earlierDeliverables: "none" }, "data.json").settings.earlierDeliverables).toBe("none");
		const wrong = settingsFromData({ earlierDeliverables: "drafts" }, "data.json");
		expect(wrong.settings.earlierDeliverables).toBe("approved");
		expect(wrong.problems).toEqual(['data.json: "earlierDeliverables" must be one of approved, all, none; "approved" is used.']);
	});
});
