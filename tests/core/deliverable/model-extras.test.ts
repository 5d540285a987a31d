/** removeModelSources: the Sources list a model appends is removed; a Sources section that is part of the work stays. */
import { describe, expect, it } from "vitest";
import { removeModelSources } from "../../../src/core/deliverable/model-extras";

const BODY = "# Acme renewal\n\nThe renewal is at risk ([[Acme renewal#Risks]]).";

describe("removeModelSources", () => {
	it.each([
		["## Sources", "## Sources\n\n- [[Acme renewal]]\n- [[Acme Corp]]"],
		["# References", "# References\n1. [[Acme renewal]]\n2. [Acme Corp](Clients/Acme%20Corp.md)"],
		["### Bibliography:", "### Bibliography:\n\n* [[Acme renewal]], the project note\n  with a second line"],
		["#### **Citations**", "#### **Citations**\n\n[1] [[Acme renewal]]\n[2] [[Acme Corp]]"],
		["**Sources:**", "**Sources:**\n- [[Acme renewal]]"],
		["**Sources**:", "**Sources**:\n\n- [[Acme renewal]]\n"],
		["Sources:", "Sources:\n[[Acme renewal]]\n[[Acme Corp]]"],
		["a rule then Sources", "---\n\n## Sources\n\n- [[Acme renewal]]"],
	])("removes a trailing list titled %s", (_title, extra) => {
		expect(removeModelSources(`${BODY}\n\n${extra}`)).toBe(BODY);
	});

	it("removes a deck's own last Sources slide with its separator, so no empty slide is left", () => {
		const deck = "# Acme\n\nStatus\n\n---\n\n## Risks\n\n- Vendor review";
		expect(removeModelSources(`${deck}\n\n---\n\n## Sources\n\n- [[Acme renewal]]\n\n---\n`)).toBe(deck);
	});

	it("keeps a Sources section with more sections after it: that is part of what the model was asked to write", () => {
		const report = "# Data quality\n\n## Sources\n\n- CRM export\n- Billing system\n\n## Findings\n\nThe CRM export lags a day.";
		expect(removeModelSources(report)).toBe(report);
	});

	it("keeps a trailing Sources section that holds prose or footnote definitions, not only a list", () => {
		const prose = `${BODY}\n\n## Sources\n\nThe figures come from the Q3 export, checked by Maya.`;
		expect(removeModelSources(prose)).toBe(prose);
		const footnotes = `${BODY} Risk is high.[^1]\n\n## References\n\n[^1]: [[Acme renewal]]`;
		expect(removeModelSources(footnotes)).toBe(footnotes);
	});

	it("leaves an answer without such a list alone, and a heading that only mentions sources", () => {
		expect(removeModelSources(BODY)).toBe(BODY);
		const other = `${BODY}\n\n## Sources of risk\n\n- Vendor review`;
		expect(removeModelSources(other)).toBe(other);
	});
});
