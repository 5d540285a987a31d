/** parseCsv and tableAsMarkdown on real CSV files, and the tokenizer-free token estimate. */
import { afterEach, describe, expect, it } from "vitest";
import { createTempVault, type TempVault } from "../../helpers/temp-vault";
import { NodeVaultReader } from "../../../src/cli/node-vault-reader";
import { markdownTableRow, parseCsv, tableAsMarkdown, type CsvTable } from "../../../src/core/context/csv-table";
import { estimateTokens } from "../../../src/core/context/token-estimate";

let vault: TempVault | undefined;

afterEach(async () => {
	await vault?.cleanup();
	vault = undefined;
});

/** Writes the CSV to a temp vault and parses what the vault reader gives back, bytes and all. */
async function parseFile(content: string | Buffer, path = "Data/t.csv"): Promise<ReturnType<typeof parseCsv>> {
	vault = await createTempVault({ [path]: content });
	return parseCsv(path, await new NodeVaultReader(vault.root).read(path));
}

function tableOf(result: ReturnType<typeof parseCsv>): CsvTable {
	if (!result.ok) throw new Error(result.error);
	return result.table;
}

describe("parseCsv", () => {
	it("reads quoted fields with commas, doubled quotes and line breaks", async () => {
		const table = tableOf(await parseFile('client,note,revenue\n"Initech, GmbH","She said ""no""",5100\n"Acme","two\nlines",12400\n'));
		expect(table.header).toEqual(["client", "note", "revenue"]);
		expect(table.rows).toEqual([
			["Initech, GmbH", 'She said "no"', "5100"],
			["Acme", "two\nlines", "12400"],
		]);
	});

	it("drops a byte order mark, so the first header cell is clean", async () => {
		const table = tableOf(await parseFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("month,revenue\n2026-07,12400\n")])));
		expect(table.header).toEqual(["month", "revenue"]);
		expect(table.header[0]?.charCodeAt(0)).toBe("m".charCodeAt(0));
	});

	it("detects a semicolon delimiter (European Excel) and keeps decimal commas", async () => {
		const table = tableOf(await parseFile("month;client;churn_pct\n2026-07;Acme Corp;1,2\n2026-08;Globex;0,8\n"));
		expect(table.header).toEqual(["month", "client", "churn_pct"]);
		expect(table.rows).toEqual([
			["2026-07", "Acme Corp", "1,2"],
			["2026-08", "Globex", "0,8"],
		]);
	});

	it("reads tab-separated values and CRLF line endings, skipping blank lines and trimming the header", async () => {
		const table = tableOf(await parseFile(" a \t b \r\n1\t2\r\n\r\n   \r\n3\t4\r\n"));
		expect(table.header).toEqual(["a", "b"]);
		expect(table.rows).toEqual([
			["1", "2"],
			["3", "4"],
		]);
	});

	it("explains an unclosed quote in one sentence naming the file", async () => {
		const result = await parseFile('a,b\n1,"unclosed\n2,3\n', "Data/Broken.csv");
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error).toMatch(/^Data\/Broken\.csv is not valid CSV: .+ at row \d+\.$/);
		expect(result.error).not.toContain("\n");
	});

	it("refuses a file with no header row", async () => {
		expect(parseCsv("Data/e.csv", "")).toEqual({ ok: false, error: "Data/e.csv has no header row; a table source needs one." });
		expect(parseCsv("Data/e.csv", "\n\n")).toEqual({ ok: false, error: "Data/e.csv has no header row; a table source needs one." });
	});

	it("reads the example vault's figures", async () => {
		const { EXAMPLE_VAULT } = await import("../../helpers/temp-vault");
		const table = tableOf(parseCsv("Data/Q3 figures.csv", await new NodeVaultReader(EXAMPLE_VAULT).read("Data/Q3 figures.csv")));
		expect(table.header).toEqual(["month", "client", "product", "revenue_eur", "active_users", "churn_pct"]);
		expect(table.rows.length).toBeGreaterThan(10);
		expect(table.rows.every((row) => row.length === 6)).toBe(true);
	});
});

describe("tableAsMarkdown", () => {
	const table: CsvTable = {
		header: ["client", "note"],
		rows: [
			["Acme | Corp", "two\nlines"],
			["Globex"],
			["Initech", "ok"],
		],
	};

	it("shows the header, a rule and every row, escaping pipes and line breaks and padding short rows", () => {
		const shown = tableAsMarkdown(table);
		expect(shown.rowsShown).toBe(3);
		expect(shown.text).toBe(["| client | note |", "| --- | --- |", "| Acme \\| Corp | two lines |", "| Globex |  |", "| Initech | ok |"].join("\n"));
	});

	it("shows as many rows as fit and says how many were left out", () => {
		const many: CsvTable = { header: ["n", "square"], rows: Array.from({ length: 100 }, (_, i) => [String(i), String(i * i)]) };
		const shown = tableAsMarkdown(many, 60);
		expect(shown.rowsShown).toBeGreaterThan(0);
		expect(shown.rowsShown).toBeLessThan(100);
		expect(shown.text).toContain(`(${shown.rowsShown} of 100 rows shown; the rest did not fit the context budget.)`);
		const withoutNote = shown.text.slice(0, shown.text.lastIndexOf("\n\n"));
		expect(estimateTokens(withoutNote)).toBeLessThanOrEqual(60);
	});

	it("keeps the header even when no row fits", () => {
		const shown = tableAsMarkdown(table, 1);
		expect(shown.rowsShown).toBe(0);
		expect(shown.text).toMatch(/^\| client \| note \|\n\| --- \| --- \|\n\n\(0 of 3 rows shown/);
	});

	it("writes one markdown row per call", () => {
		expect(markdownTableRow(["a", "b|c", "d\r\ne"])).toBe("| a | b\\|c | d e |");
	});
});

describe("estimateTokens", () => {
	/** A small deterministic generator, so the property checks are repeatable. */
	function randomText(seed: number, length: number): string {
		const alphabet = "abc def, GHI.\n0123 ü € 漢字 🦊";
		let state = seed;
		let text = "";
		for (let i = 0; i < length; i++) {
			state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
			text += alphabet[state % alphabet.length];
		}
		return text;
	}

	it("is 0 for nothing and at least a quarter of the characters for anything", () => {
		expect(estimateTokens("")).toBe(0);
		for (let seed = 1; seed <= 50; seed++) {
			const text = randomText(seed, seed * 17);
			expect(estimateTokens(text)).toBeGreaterThanOrEqual(text.length / 4);
		}
		expect(estimateTokens("a")).toBe(1);
		expect(estimateTokens("x".repeat(400))).toBeGreaterThanOrEqual(100);
	});

	it("never decreases as text grows", () => {
		for (let seed = 1; seed <= 20; seed++) {
			const text = randomText(seed, 300);
			let previous = 0;
			for (let end = 0; end <= text.length; end++) {
				const tokens = estimateTokens(text.slice(0, end));
				expect(tokens).toBeGreaterThanOrEqual(previous);
				previous = tokens;
			}
		}
	});

	it("counts characters outside ASCII double", () => {
		expect(estimateTokens("é".repeat(36))).toBe(estimateTokens("e".repeat(72)));
		expect(estimateTokens("漢字".repeat(100))).toBeGreaterThan(estimateTokens("ab".repeat(100)));
	});
});
