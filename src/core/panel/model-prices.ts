/** The price table per model (US dollars per million tokens, as providers publish them) and a run's estimated cost from it. */
import type { TokenUsage } from "../model/chat-model";

export interface ModelPrice {
	/** Per million prompt (input) tokens. */
	input: number;
	/** Per million completion (output) tokens. */
	output: number;
}

/** Model name → price; a model with no entry (a local model) has no cost shown. */
export type ModelPrices = Record<string, ModelPrice>;

export type ModelPricesRead = { ok: true; prices: ModelPrices } | { ok: false; error: string };

/** Checks a parsed value (data.json, or the settings field's JSON); `source` names where it came from in the one sentence on a bad value. */
export function readModelPrices(value: unknown, source: string): ModelPricesRead {
	if (value === null || typeof value !== "object" || Array.isArray(value)) {
		return { ok: false, error: `${source}: "modelPrices" must map each model name to { "input": …, "output": … } in dollars per million tokens.` };
	}
	const prices: ModelPrices = {};
	for (const [model, price] of Object.entries(value as Record<string, unknown>)) {
		if (price === null || typeof price !== "object" || Array.isArray(price)) {
			return { ok: false, error: `${source}: the price of "${model}" must be { "input": …, "output": … } in dollars per million tokens.` };
		}
		const fields = price as Record<string, unknown>;
		for (const field of ["input", "output"] as const) {
			const amount = fields[field];
			if (typeof amount !== "number" || !Number.isFinite(amount) || amount < 0) {
				return { ok: false, error: `${source}: "${field}" of "${model}" must be a number of dollars per million tokens, 0 or more.` };
			}
		}
		prices[model] = { input: fields.input as number, output: fields.output as number };
	}
	return { ok: true, prices };
}

/** The JSON typed in the settings field: "" is an empty table. */
export function readModelPricesText(text: string, source: string): ModelPricesRead {
	if (text.trim() === "") return { ok: true, prices: {} };
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		return { ok: false, error: `${source}: "modelPrices" is not valid JSON (${error instanceof Error ? error.message : String(error)}).` };
	}
	return readModelPrices(parsed, source);
}

/**
 * The price for a model as the endpoint named it: the exact name, else the longest entry it extends with a dash
 * (OpenAI answers `gpt-4.1-mini-2025-04-14` for a request for `gpt-4.1-mini`). Null when none fits.
 */
export function priceFor(model: string, prices: ModelPrices): ModelPrice | null {
	const exact = prices[model];
	if (exact) return exact;
	let best: string | null = null;
	for (const name of Object.keys(prices)) if (model.startsWith(`${name}-`) && (best === null || name.length > best.length)) best = name;
	return best === null ? null : (prices[best] ?? null);
}

/** Dollars for this usage, or null when the table has no price for the model. */
export function estimateCost(usage: TokenUsage, model: string, prices: ModelPrices): number | null {
	const price = priceFor(model, prices);
	if (!price) return null;
	return (usage.promptTokens * price.input + usage.completionTokens * price.output) / 1_000_000;
}

/** `$1.23`; under a dollar two significant digits (`$0.42`, `$0.012`, `$0.0031`); `$0` for nothing. */
export function formatCost(dollars: number): string {
	if (dollars === 0) return "$0";
	if (dollars >= 1) return `$${dollars.toFixed(2)}`;
	if (dollars < 0.0001) return "less than $0.0001";
	return `$${dollars.toPrecision(2).replace(/0+$/, "")}`;
}
