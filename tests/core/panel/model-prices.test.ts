/** The price table: read with one sentence naming the model and field on a bad value; a cost only for a priced model. */
import { describe, expect, it } from "vitest";
import { estimateCost, formatCost, priceFor, readModelPricesText } from "../../../src/core/panel/model-prices";
import { settingsFromData } from "../../../src/core/settings/plugin-settings";

const USAGE = { promptTokens: 10_000, completionTokens: 2_000, totalTokens: 12_000 };

describe("model prices", () => {
	it("estimates dollars per million input and output tokens", () => {
		const read = readModelPricesText('{ "gpt-4.1-mini": { "input": 0.4, "output": 1.6 } }', "Prices");
		if (!read.ok) throw new Error(read.error);
		expect(estimateCost(USAGE, "gpt-4.1-mini", read.prices)).toBeCloseTo(0.0072, 10);
		expect(formatCost(0.0072)).toBe("$0.0072");
		expect(formatCost(1.234)).toBe("$1.23");
		expect(formatCost(0.012)).toBe("$0.012");
		expect(formatCost(0.00001)).toBe("less than $0.0001");
	});

	it("matches a dated model name the endpoint answers with, and nothing for a model not in the table", () => {
		const prices = { "gpt-4.1": { input: 2, output: 8 }, "gpt-4.1-mini": { input: 0.4, output: 1.6 } };
		expect(priceFor("gpt-4.1-mini-2025-04-14", prices)).toEqual(prices["gpt-4.1-mini"]);
		expect(priceFor("gpt-4.1-2025-04-14", prices)).toEqual(prices["gpt-4.1"]);
		expect(estimateCost(USAGE, "llama3.2", prices)).toBeNull();
	});

	it("names the model and the field of a bad price, and the JSON error", () => {
		expect(readModelPricesText('{ "gpt-4.1-mini": { "input": "cheap", "output": 1.6 } }', "Prices")).toEqual({
			ok: false,
			error: 'Prices: "input" of "gpt-4.1-mini" must be a number of dollars per million tokens, 0 or more.',
		});
		const missing = readModelPricesText('{ "m": { "input": 1 } }', "Prices");
		expect(missing.ok ? "" : missing.error).toContain('"output" of "m"');
		const broken = readModelPricesText("{ nope", "Prices");
		expect(broken.ok ? "" : broken.error).toContain("not valid JSON");
		expect(readModelPricesText("  ", "Prices")).toEqual({ ok: true, prices: {} });
	});

	it("is read from data.json, a bad table reported by name and ignored", () => {
		expect(settingsFromData({ modelPrices: { m: { input: 1, output: 2 } } }, "data.json").settings.modelPrices).toEqual({ m: { input: 1, output: 2 } });
		const bad = settingsFromData({ modelPrices: { m: { input: -1, output: 2 } } }, "data.json");
		expect(bad.settings.modelPrices).toEqual({});
		expect(bad.problems).toEqual(['data.json: "input" of "m" must be a number of dollars per million tokens, 0 or more. The price table is ignored.']);
	});
});
