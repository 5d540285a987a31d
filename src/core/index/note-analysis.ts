/**
 * What the index makes of one note's text: its entry (title, status, tags, problems) and the section documents
 * to index. A pure function of the text and the settings, so a helper thread analysing a rebuild's notes (see
 * ports/index-helper.ts) decides privacy and exclusion exactly as the index itself does.
 */
import type { VaultFileStat } from "../ports/vault-reader";
import { parseNote } from "../notes/parse-note";
import { documentsForNote, type SectionDocument } from "./section-documents";
import { exclusionOf, type IndexSettings } from "./index-settings";
import type { NoteEntry } from "./cache-note-columns";
import { examineText } from "./text-checks";

export interface NoteAnalysis {
	entry: Omit<NoteEntry, "mtime" | "size">;
	/** Empty for a note left out (private, excluded by tag, skipped). */
	documents: SectionDocument[];
}

export function analyseNote(stat: VaultFileStat, text: string, settings: IndexSettings): NoteAnalysis {
	const checked = examineText(stat.path, text, stat.size, settings.maxNoteBytes);
	if (checked.kind === "skip") return { entry: { title: stat.path, docs: 0, status: "skipped", problems: [checked.problem] }, documents: [] };
	const note = parseNote(stat.path, checked.text, checked.cut === true);
	const problems = checked.problem ? [checked.problem, ...note.problems] : note.problems;
	const exclusion = exclusionOf(note, settings);
	if (exclusion === "private" || exclusion === "excluded-tag") {
		// Its title (and any problem quoting it) would say what it holds: only the path is kept, as for an excluded folder.
		return { entry: { title: stat.path, docs: 0, status: exclusion, problems: problems.filter((problem) => problem.field === "file") }, documents: [] };
	}
	const documents = documentsForNote(note);
	const coworker = typeof note.properties.coworker === "string" ? note.properties.coworker.trim().toLowerCase() : "";
	return {
		entry: {
			title: note.title,
			docs: documents.length,
			status: "indexed",
			problems,
			...(note.tags.length > 0 ? { tags: note.tags } : {}),
			...(coworker !== "" ? { coworker } : {}),
		},
		documents,
	};
}
