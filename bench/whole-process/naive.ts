/** The whole-process naive index: the floor's reading and parsing, then MiniSearch with its defaults over whole notes, saved with one JSON.stringify. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import matter from "gray-matter";
import MiniSearch from "minisearch";
import { listNotes } from "./list-notes";

const [root, outFile] = process.argv.slice(2);
if (!root || !outFile) throw new Error("usage: naive VAULT_DIR OUT_FILE");
const documents: { id: string; text: string }[] = [];
for (const path of listNotes(root)) {
	const text = readFileSync(path, "utf8");
	let content = text;
	try {
		content = matter(text, {}).content;
	} catch {
		// Broken YAML: the whole text is the note.
	}
	documents.push({ id: path, text: content });
}
const index = new MiniSearch<{ id: string; text: string }>({ fields: ["id", "text"] });
index.addAll(documents);
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, JSON.stringify(index));
process.stdout.write(`${JSON.stringify({ notes: documents.length, terms: index.termCount })}\n`);
