/** Fits the gathered sources into the token budget: most relevant sections first, whole notes when they fit. */
import type { VaultLinks } from "../ports/vault-links";
import type { NoteSection, PropertyValue } from "../notes/parsed-note";
import type { CandidateNote, GatheredSources } from "./gather-sources";
import { linkableHeading, renderPiece, type AssembledContext, type ContextPiece } from "./context-piece";
import { relevanceScores } from "./relevance";
import { estimateTokens } from "./token-estimate";
import { tableAsMarkdown } from "./csv-table";
import { isProvenanceSection } from "../deliverable/provenance-sections";

/** Shares of the budget that pinned sources may take at most, so notes always get room. */
const SELECTION_SHARE = 0.4;
const MEMORY_SHARE = 0.2;
const TABLES_SHARE = 0.4;
/** Below this many tokens a cut-down section is not worth sending. */
const MIN_CUT_TOKENS = 200;
/** Explicit notes outrank anything a folder, tag or search brought in, whatever their scores. */
const EXPLICIT_BOOST = 1_000;
/** An earlier deliverable a broad source brought in is the coworker's own output: primary notes of the same relevance go first. */
const EARLIER_OUTPUT_WEIGHT = 0.5;

export function assembleContext(gathered: GatheredSources, goal: string, budgetTokens: number, links: VaultLinks): AssembledContext {
	const assembly = new Assembly(budgetTokens);
	if (gathered.selection) {
		const { text, path } = gathered.selection;
		const cite = path ? `[[${links.linktext(path, "")}]]` : null;
		const frame = costOf({ kind: "selection", path, cite, text: "" });
		const fitted = cutToTokens(text, Math.floor(budgetTokens * SELECTION_SHARE) - frame);
		assembly.add({ kind: "selection", path, cite, text: fitted.text });
		if (fitted.cut) assembly.omitted.push("The selection was cut to fit the context budget.");
	}
	if (gathered.memory) addMemory(gathered.memory, goal, Math.floor(budgetTokens * MEMORY_SHARE), assembly, links);
	if (gathered.tables.length > 0) {
		const share = Math.floor((assembly.remaining * TABLES_SHARE) / gathered.tables.length);
		for (const table of gathered.tables) {
			const shown = tableAsMarkdown(table.table, share);
			if (shown.rowsShown < table.table.rows.length) assembly.omitted.push(`${table.path}: ${shown.rowsShown} of ${table.table.rows.length} rows fit the context budget.`);
			assembly.add({ kind: "table", path: table.path, cite: `[[${links.linktext(table.path, "")}]]`, text: shown.text });
		}
	}
	addNotes(gathered.notes, goal, assembly, links);
	return { pieces: assembly.pieces, sources: assembly.sources(), omitted: assembly.omitted, tokens: assembly.used };
}

class Assembly {
	readonly pieces: ContextPiece[] = [];
	readonly omitted: string[] = [];
	used = 0;

	constructor(private readonly budget: number) {}

	get remaining(): number {
		return Math.max(0, this.budget - this.used);
	}

	/** Adds a piece, counting its framing too. */
	add(piece: Omit<ContextPiece, "tokens">): void {
		const tokens = costOf(piece);
		this.pieces.push({ ...piece, tokens });
		this.used += tokens;
	}

	/** Files in the order the model saw them, the memory note last: it backs every run, the others are this run's. */
	sources(): string[] {
		const paths: string[] = [];
		const ordered = [...this.pieces.filter((piece) => piece.kind !== "memory"), ...this.pieces.filter((piece) => piece.kind === "memory")];
		for (const piece of ordered) if (piece.path !== null && !paths.includes(piece.path)) paths.push(piece.path);
		return paths;
	}
}

function costOf(piece: Omit<ContextPiece, "tokens">): number {
	return estimateTokens(renderPiece({ ...piece, tokens: 0 })) + 1;
}

interface RankedSection {
	note: CandidateNote;
	noteOrder: number;
	section: NoteSection;
	sectionOrder: number;
	score: number;
}

/** The memory note's most relevant sections that fit its share, in the note's own order. */
function addMemory(memory: CandidateNote, goal: string, share: number, assembly: Assembly, links: VaultLinks): void {
	const sections = contentSections(memory.note.sections);
	const scores = relevanceScores(goal, sections.map(sectionText));
	const chosen = new Set<number>();
	const cite = `[[${links.linktext(memory.path, "")}]]`;
	let used = costOf({ kind: "memory", path: memory.path, cite, text: "" });
	const order = sections.map((_, i) => i).sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b);
	for (const i of order) {
		const section = sections[i];
		if (!section) continue;
		const cost = estimateTokens(withHeading(section)) + 1;
		if (used + cost > share) continue;
		chosen.add(i);
		used += cost;
	}
	if (chosen.size === 0) {
		const best = sections[order[0] ?? -1];
		const room = share - used;
		// One memory section larger than the whole share is cut to it rather than lost, when the share is worth sending.
		if (best && room >= MIN_CUT_TOKENS) {
			assembly.add({ kind: "memory", path: memory.path, cite, text: cutToTokens(withHeading(best), room).text });
			assembly.omitted.push(`The memory note ${memory.path}: its most relevant section was cut to fit the context budget.`);
		} else if (sections.length > 0) {
			assembly.omitted.push(`The memory note ${memory.path} did not fit the context budget.`);
		}
		return;
	}
	const text = sections
		.filter((_, i) => chosen.has(i))
		.map(withHeading)
		.join("\n\n");
	assembly.add({ kind: "memory", path: memory.path, cite, text });
	if (chosen.size < sections.length) assembly.omitted.push(`The memory note ${memory.path}: ${chosen.size} of ${sections.length} sections fit, the most relevant ones.`);
}

function addNotes(notes: readonly CandidateNote[], goal: string, assembly: Assembly, links: VaultLinks): void {
	const ranked: RankedSection[] = [];
	notes.forEach((note, noteOrder) => {
		sectionsOf(note).forEach((section, sectionOrder) => {
			ranked.push({ note, noteOrder, section, sectionOrder, score: 0 });
		});
	});
	const scores = relevanceScores(
		goal,
		ranked.map((entry) => `${entry.note.note.title} ${entry.section.headingPath.join(" ")} ${entry.section.text}`),
	);
	ranked.forEach((entry, i) => {
		const relevance = (scores[i] ?? 0) * (entry.note.earlier && !entry.note.explicit ? EARLIER_OUTPUT_WEIGHT : 1);
		entry.score = relevance + (entry.note.explicit ? EXPLICIT_BOOST : 0);
	});
	ranked.sort((a, b) => b.score - a.score || a.noteOrder - b.noteOrder || a.sectionOrder - b.sectionOrder);

	// Each section is priced as the labelled piece it would be sent as, frame and citation included.
	const chosen = new Map<CandidateNote, { sections: Map<number, Omit<ContextPiece, "tokens">>; cost: number; best: number }>();
	const cutNotes = new Set<CandidateNote>();
	let room = assembly.remaining;
	ranked.forEach((entry, rank) => {
		let piece: Omit<ContextPiece, "tokens"> = {
			...kindOf(entry.note, "section"),
			path: entry.note.path,
			cite: citeOf(entry.note, entry.section.heading, links),
			text: withHeading(entry.section),
		};
		let cost = costOf(piece);
		if (cost > room) {
			// A section larger than all that is left is cut rather than lost, when nothing else was taken and what is left is worth sending.
			if (room < MIN_CUT_TOKENS || chosen.size > 0) return;
			const frame = costOf({ ...piece, text: "" });
			piece = { ...piece, text: cutToTokens(piece.text, room - frame).text };
			cost = costOf(piece);
			if (cost > room) return;
			cutNotes.add(entry.note);
			assembly.omitted.push(`${entry.note.path}: the section "${entry.section.heading ?? entry.note.note.title}" was cut to fit the context budget.`);
		}
		room -= cost;
		const slot = chosen.get(entry.note) ?? { sections: new Map<number, Omit<ContextPiece, "tokens">>(), cost: 0, best: rank };
		slot.sections.set(entry.sectionOrder, piece);
		slot.cost += cost;
		chosen.set(entry.note, slot);
	});

	const inOrder = [...chosen.entries()].sort(([, a], [, b]) => a.best - b.best);
	for (const [note, slot] of inOrder) {
		const all = sectionsOf(note);
		if (slot.sections.size === all.length && !cutNotes.has(note)) {
			// An earlier deliverable's status and date are in its label; its other properties repeat its provenance.
			const properties = note.earlier ? "" : propertiesLine(note.note.properties);
			const body = all.map(withHeading).join("\n\n");
			const whole: Omit<ContextPiece, "tokens"> = {
				...kindOf(note, "note"),
				path: note.path,
				cite: citeOf(note, null, links),
				text: properties ? `${properties}\n\n${body}` : body,
			};
			// One frame instead of one per section usually saves room; a long properties line may cost more than is left.
			const extra = costOf(whole) - slot.cost;
			if (extra <= room) {
				room -= Math.max(0, extra);
				assembly.add(whole);
				continue;
			}
		}
		for (const order of [...slot.sections.keys()].sort((a, b) => a - b)) {
			const piece = slot.sections.get(order);
			if (piece) assembly.add(piece);
		}
		if (slot.sections.size < all.length) assembly.omitted.push(`${note.path}: ${slot.sections.size} of ${all.length} sections fit, the most relevant ones.`);
	}
	for (const note of notes) if (!chosen.has(note)) assembly.omitted.push(`${note.path} (${note.origin}) did not fit the context budget.`);
}

/** How a note's piece is labelled: an MCP resource, an earlier deliverable (with its status and date), or a vault note or section. */
function kindOf(note: CandidateNote, plain: "note" | "section"): Pick<ContextPiece, "kind" | "earlier"> {
	if (note.resource) return { kind: "resource" };
	if (note.earlier) return { kind: "deliverable", earlier: { ...note.earlier } };
	return { kind: plain };
}

/** The sections a note is sent as; an earlier deliverable's Sources and Tool calls lists are provenance, not content. */
function sectionsOf(note: CandidateNote): NoteSection[] {
	const sections = contentSections(note.note.sections);
	return note.earlier ? sections.filter((section) => !isProvenanceSection(section)) : sections;
}

/** A note's wikilink (to the section's heading, when given); an MCP resource is no file to link to, so it is cited by its `server/uri`. */
function citeOf(note: CandidateNote, heading: string | null, links: VaultLinks): string {
	if (note.resource) return note.path;
	return `[[${links.linktext(note.path, "")}${heading ? `#${linkableHeading(heading)}` : ""}]]`;
}

/** Sections with something in them: an empty preamble or a heading with nothing under it adds nothing. */
function contentSections(sections: readonly NoteSection[]): NoteSection[] {
	return sections.filter((section) => section.text.trim() !== "" || section.heading !== null);
}

function sectionText(section: NoteSection): string {
	return `${section.headingPath.join(" ")} ${section.text}`;
}

function withHeading(section: NoteSection): string {
	const body = section.text.trim();
	if (section.heading === null) return body;
	return `${"#".repeat(Math.max(1, section.level))} ${section.heading}${body ? `\n${body}` : ""}`;
}

/** A note's properties in one line, since dates, owners and statuses often live there. */
function propertiesLine(properties: Record<string, PropertyValue>): string {
	const entries = Object.entries(properties).filter(([key]) => key !== "coworker" && key !== "position");
	if (entries.length === 0) return "";
	return `Properties: ${entries.map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`).join("; ")}`;
}

/** Cuts text at a line (or word) boundary so it costs at most `maxTokens`, marking the cut. */
function cutToTokens(text: string, maxTokens: number): { text: string; cut: boolean } {
	if (estimateTokens(text) <= maxTokens) return { text, cut: false };
	const marker = "\n[…cut to fit the context budget]";
	let end = Math.max(0, Math.floor(maxTokens * 3.6) - marker.length);
	while (end > 0 && estimateTokens(text.slice(0, end)) > maxTokens - estimateTokens(marker)) end = Math.floor(end * 0.9);
	const newline = text.lastIndexOf("\n", end);
	const space = text.lastIndexOf(" ", end);
	const at = newline > end * 0.6 ? newline : space > end * 0.6 ? space : end;
	return { text: text.slice(0, at).trimEnd() + marker, cut: true };
}
