/** Deliverables as a run writes them (through renderDeliverable), in a copy of the example vault, for the export tests. */
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { unzipSync, strFromU8 } from "fflate";
import { LinkResolver } from "../../src/core/notes/link-resolver";
import { NodeVaultReader } from "../../src/cli/node-vault-reader";
import { renderDeliverable, type DeliverableInput } from "../../src/core/deliverable/render-deliverable";
import type { DeliverableFormat } from "../../src/core/deliverable/deliverable-format";
import type { TempVault } from "./temp-vault";

export const REPORT = "Coworker/Deliverables/2026-11-24 Acme renewal status.md";
export const SLIDES = "Coworker/Deliverables/2026-11-24 Alpha kickoff deck.md";
export const TABLE = "Coworker/Deliverables/2026-11-24 Q3 revenue.md";

const REPORT_ANSWER = `# Acme renewal status

The renewal of [[Acme Corp]] is **on track**, with *one open risk*; see the [pricing page](https://example.com/pricing).

## Risks

- Pricing: the \`Connect\` seats
  - owner: [[Maya Chen]]
- Timing

1. Send the offer
2. Book the call

| Client | Revenue (EUR) |
| --- | --- |
| Acme Corp | 12400 |
| Globex | 7800 |

![[chart.png]]

\`\`\`
renewal_date = 2026-12-01
\`\`\``;

const SLIDES_ANSWER = `# Project Alpha kickoff

A deck for the kickoff

---

## Goals

- Ship the pipeline by **December**
- Keep [[Acme Corp]] informed

> notes: Mention the budget first.

---

## Timeline

- Design review in November
- Launch in December

| Milestone | Month |
| --- | --- |
| Pilot | January |

![[chart.png]]`;

const TABLE_ANSWER = "Q3 revenue per client, from [[Q3 figures.csv]].\n\n```csv\nmonth,client,revenue_eur,churn_pct,reviewed\n2026-07,Acme Corp,12400,1.2,2026-08-03\n2026-08,\"Initech, GmbH\",5100,2.1,2026-09-01\n```";

/** Writes a report (with a table and an image), slides and a table deliverable into the vault copy. */
export async function writeDeliverables(vault: TempVault): Promise<void> {
	await vault.write("Attachments/chart.png", await readFile(join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "chart.png")));
	const links = new LinkResolver(await new NodeVaultReader(vault.root).listAllFiles());
	const render = async (format: DeliverableFormat, notePath: string, answer: string): Promise<void> => {
		const input: DeliverableInput = {
			format,
			answer,
			notePath,
			csvPath: format === "table" ? notePath.replace(/\.md$/, ".csv") : null,
			goal: `Write the ${format}`,
			workflow: null,
			model: "test-model",
			usage: { promptTokens: 1, completionTokens: 1, totalTokens: 2 },
			created: "2026-11-24T09:00:00+01:00",
			sources: ["Clients/Acme Corp.md", "Data/Q3 figures.csv"],
			links,
		};
		const rendered = renderDeliverable(input);
		if (!rendered.ok) throw new Error(rendered.error);
		for (const file of rendered.files) await vault.write(file.path, file.content);
	};
	await render("report", REPORT, REPORT_ANSWER);
	await render("slides", SLIDES, SLIDES_ANSWER);
	await render("table", TABLE, TABLE_ANSWER);
}

/** The XML parts of an office file (a zip), by name. */
export async function officeParts(path: string): Promise<Record<string, string>> {
	const parts = unzipSync(new Uint8Array(await readFile(path)));
	return Object.fromEntries(Object.entries(parts).filter(([name]) => /\.(xml|rels)$/.test(name)).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

/** The names of the binary parts (media) of an office file. */
export async function mediaParts(path: string): Promise<string[]> {
	return Object.keys(unzipSync(new Uint8Array(await readFile(path)))).filter((name) => /media\//.test(name));
}
