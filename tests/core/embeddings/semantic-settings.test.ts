import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, settingsFromData } from "../../../src/core/settings/plugin-settings";
import { embeddingCostSentence, semanticSearchProblem } from "../../../src/core/embeddings/semantic-settings";

describe("semantic search settings", () => {
	it("are off by default, with no embedding model", () => {
		expect(DEFAULT_SETTINGS.semanticSearch).toBe(false);
		expect(DEFAULT_SETTINGS.embeddingModel).toBe("");
		expect(semanticSearchProblem(DEFAULT_SETTINGS)).toBeNull();
	});

	it("are read from data.json, and a wrong type is named and replaced by the default", () => {
		const read = settingsFromData({ semanticSearch: true, embeddingModel: " nomic-embed-text " }, "data.json");
		expect(read.settings.semanticSearch).toBe(true);
		expect(read.settings.embeddingModel).toBe("nomic-embed-text");
		const wrong = settingsFromData({ semanticSearch: "yes", embeddingModel: 3 }, "data.json");
		expect(wrong.settings.semanticSearch).toBe(false);
		expect(wrong.problems).toEqual(['data.json: "semanticSearch" must be true or false; the default is used.', 'data.json: "embeddingModel" must be text; the default is used.']);
	});

	it("say in one sentence why semantic search cannot start", () => {
		expect(semanticSearchProblem({ ...DEFAULT_SETTINGS, semanticSearch: true })).toBe(
			"Semantic search is on but no embedding model is set (for example text-embedding-3-small or nomic-embed-text), so search uses words only.",
		);
		expect(semanticSearchProblem({ ...DEFAULT_SETTINGS, semanticSearch: true, embeddingModel: "m", baseUrl: "localhost:11434" })).toBe(
			"Semantic search is on but the model's base URL does not start with http:// or https://, so search uses words only.",
		);
		expect(semanticSearchProblem({ ...DEFAULT_SETTINGS, semanticSearch: true, embeddingModel: "m" })).toBeNull();
	});

	it("show the cost with its figures", () => {
		expect(embeddingCostSentence({ sections: 12345, estimatedTokens: 1234567 }, "text-embedding-3-small", "https://api.openai.com/v1")).toBe(
			"Semantic search will send 12,345 sections (about 1,234,567 tokens, estimated from their length at about four characters a token) to https://api.openai.com/v1 to be embedded by text-embedding-3-small.",
		);
	});
});
