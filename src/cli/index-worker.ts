/**
 * The command line's second thread in a large rebuild (see core/ports/index-helper.ts and worker-index-helper.ts):
 * reads the notes it is given the way the main thread reads a listed plain note, analyses them with the index's
 * own rules and indexes them, then sends its part back, the postings as transferred typed arrays (no copy).
 */
import { parentPort, workerData } from "node:worker_threads";
import { NodeVaultReader } from "./node-vault-reader";
import { analyseNote } from "../core/index/note-analysis";
import { BulkIndexBuilder } from "../core/index/bulk-index-builder";
import { unhurriedClock } from "../core/ports/clock";
import type { IndexPart } from "../core/ports/index-helper";
import type { IndexWorkerInput } from "./worker-index-helper";

async function indexPart(input: IndexWorkerInput): Promise<IndexPart> {
	const reader = new NodeVaultReader(input.root, input.configDir);
	const plain = new Set(input.plain);
	const builder = new BulkIndexBuilder();
	const notes: IndexPart["notes"] = [];
	const unread: string[] = [];
	for (const file of input.files) {
		// Only what the main thread's listing found plain is read here; anything else, or any failure, is left to it.
		const text = plain.has(file.path) ? reader.readPlainNoteOrNull(file.path) : null;
		if (text === null) {
			unread.push(file.path);
			continue;
		}
		const { entry, documents } = analyseNote(file, text, input.settings);
		builder.addAll(documents);
		notes.push({ path: file.path, entry });
	}
	// No window to keep responsive on this thread: one slice.
	return { notes, unread, index: await builder.collected(unhurriedClock, Infinity) };
}

const input = workerData as IndexWorkerInput;
void indexPart(input).then((part) => {
	const { postings, fieldLengths } = part.index;
	parentPort?.postMessage(part, [postings.start.buffer, postings.documents.buffer, postings.frequencies.buffer, fieldLengths.buffer]);
});
