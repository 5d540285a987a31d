import { describe, expect, it } from "vitest";
import { hasTag, normalizeTag, withParentTags } from "../../../src/core/notes/tags";

describe("tags", () => {
	it("normalises case, leading # and trailing /", () => {
		expect(normalizeTag("#Client/Acme/")).toBe("client/acme");
		expect(normalizeTag("#2026")).toBeNull();
		expect(normalizeTag("")).toBeNull();
	});

	it("expands nested tags to their parents", () => {
		expect(withParentTags(["client/acme/emea", "risk"]).sort()).toEqual(["client", "client/acme", "client/acme/emea", "risk"]);
	});

	it("matches a parent tag against nested ones, not against a mere prefix", () => {
		expect(hasTag(["client/acme"], "#client")).toBe(true);
		expect(hasTag(["client/acme"], "client/acme")).toBe(true);
		expect(hasTag(["clientele"], "client")).toBe(false);
	});
});
