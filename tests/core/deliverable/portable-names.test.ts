/** File names from templates are valid on every platform: each unsafe character replaced, device names and trailing dots avoided, each with a warning. */
import { describe, expect, it } from "vitest";
import { outputPathFrom } from "../../../src/core/deliverable/output-path";

const VALUES = { date: "2026-11-02", title: "Memo", workflow: "Weekly" };

describe("portable file names from templates", () => {
	for (const character of [":", "|", "#", "^", "[", "]", "*", '"', "<", ">", "?"]) {
		it(`replaces ${character} written in the template itself, and says so`, () => {
			const result = outputPathFrom(`Reports/Q1${character}plan {{date}}`, VALUES, "md");
			expect(result).toMatchObject({ ok: true, path: "Reports/Q1 plan 2026-11-02.md" });
			if (result.ok) expect(result.warnings?.[0]).toContain(`"${character}" cannot be in a file name`);
		});
	}

	it("writes a reserved device name such as CON with a suffix, and says so", () => {
		for (const template of ["Reports/CON", "Reports/con", "Reports/LPT1", "NUL/{{title}}"]) {
			const result = outputPathFrom(template, VALUES, "md");
			expect(result.ok).toBe(true);
			if (!result.ok) continue;
			expect(result.path.split("/").every((segment) => !/^(con|nul|lpt1)(\..*)?$/i.test(segment))).toBe(true);
			expect(result.warnings?.join(" ")).toMatch(/reserves for a device/);
		}
	});

	it("drops trailing dots and spaces, and says so", () => {
		const result = outputPathFrom("Reports./Memo..", VALUES, "md");
		expect(result).toMatchObject({ ok: true, path: "Reports/Memo.md" });
		if (result.ok) expect(result.warnings?.length).toBe(2);
	});

	it("gives no warning for a name that is already portable", () => {
		expect(outputPathFrom("Reports/{{workflow}} {{date}}", VALUES, "md")).toEqual({ ok: true, path: "Reports/Weekly 2026-11-02.md" });
	});
});
