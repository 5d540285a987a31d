/** Fixtures of bulk builds: a vault large enough to be built in bulk, the example vault's sections, a cache's text for comparing two saves. */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { copyExampleVault, EXAMPLE_VAULT, type TempVault } from "./temp-vault";
import type { InMemoryKeyValueStore } from "../../src/core/ports/key-value-store";
import { NodeVaultReader } from "../../src/cli/node-vault-reader";
import { documentsForNote, type SectionDocument } from "../../src/core/index/section-documents";
import { parseNote } from "../../src/core/notes/parse-note";

const WORDS = ["renewal", "pricing", "rollback", "plan", "freeze", "thursday", "vendor", "audit", "café", "naïve", "don't", "q3", "2026", "migration", "latency"];

/** The example vault plus enough notes of its own that a build from nothing collects them in bulk (as on a real vault). */
export async function largerVault(): Promise<TempVault> {
	const copy = await copyExampleVault();
	await mkdir(join(copy.root, "Extra"), { recursive: true });
	for (let i = 0; i < 80; i++) {
		const words = Array.from({ length: 40 }, (_, k) => WORDS[(i * 7 + k * k) % WORDS.length]);
		const frontmatter = i % 3 === 0 ? `---\ntags: [extra, n${i % 5}]\naliases: [Extra ${i}]\n---\n` : "";
		await writeFile(join(copy.root, "Extra", `Note ${i}.md`), `${frontmatter}# Extra ${i}\n\n${words.slice(0, 20).join(" ")}\n\n## Part ${i % 4}\n\n${words.slice(20).join(" ")}\n`);
	}
	return copy;
}

/** The cache's parts and head with the save's generation name taken out (it changes at every save). */
export async function cacheText(store: InMemoryKeyValueStore): Promise<Record<string, string>> {
	const head = await store.read("index-cache.json");
	const generation = (JSON.parse(head ?? "{}") as { generation: string }).generation;
	const files: Record<string, string> = {};
	for (const key of await store.list()) files[key.replace(generation, "GEN")] = ((await store.read(key)) ?? "").replaceAll(generation, "GEN");
	return files;
}

/** The example vault's sections, notes in path order, as the index would add them. */
export async function exampleSectionDocuments(): Promise<SectionDocument[]> {
	const files = await new NodeVaultReader(EXAMPLE_VAULT).listMarkdownFiles();
	files.sort((a, b) => (a.path < b.path ? -1 : 1));
	const documents: SectionDocument[] = [];
	for (const file of files) documents.push(...documentsForNote(parseNote(file.path, await readFile(join(EXAMPLE_VAULT, file.path), "utf8"))));
	return documents;
}
