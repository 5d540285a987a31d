/** Turns source specs into the notes, tables, MCP resources and selection a run may use, leaving out what the index may not see. */
import { ReadRefused, type VaultReader } from "../ports/vault-reader";
import type { VaultLinks } from "../ports/vault-links";
import type { VaultIndex } from "../index/vault-index";
import { exclusionOf, isExcludedByFolder, type IndexSettings } from "../index/index-settings";
import { examineText } from "../index/text-checks";
import { parseNote } from "../notes/parse-note";
import type { ParsedNote } from "../notes/parsed-note";
import { hasTag } from "../notes/tags";
import { isInFolder, vaultPathOf } from "../notes/note-path";
import { describeSource, mcpResourceLabel, type SourceSpec } from "./source-spec";
import { parseCsv, type CsvTable } from "./csv-table";
import { isUntouchedMemory } from "./memory-note";
import { readAhead } from "../index/read-ahead";
import type { EarlierOutput } from "./context-piece";
import { admitsDeliverable, DEFAULT_EARLIER_DELIVERABLES, earlierOutputOf, leftOutWarning, type EarlierDeliverablesPolicy } from "./earlier-deliverables";

export interface SourceReaders {
	reader: VaultReader;
	index: VaultIndex;
	links: VaultLinks;
	settings: IndexSettings;
}

export interface CandidateNote {
	path: string;
	note: ParsedNote;
	/** Which source brought it in (the first one, when several did). */
	origin: string;
	/** Named by the user (the note itself, a selection's note): ranked ahead of notes a folder, tag or search brought. */
	explicit: boolean;
	/** An MCP resource, whose `path` is its `server/uri`: cited by that text, since it is no file in the vault. */
	resource?: boolean;
	/** A deliverable of the coworker's (`coworker: deliverable`): sent labelled as earlier output, never as a primary source. */
	earlier?: EarlierOutput;
}

/** Reads an MCP resource's text for this run; rejects with one sentence naming the server and the URI. */
export type ResourceReader = (server: string, uri: string) => Promise<string>;

export interface CandidateTable {
	path: string;
	table: CsvTable;
	origin: string;
}

export interface GatheredSources {
	notes: CandidateNote[];
	tables: CandidateTable[];
	selection: { text: string; path: string | null } | null;
	memory: CandidateNote | null;
	/** Sources left out, and why (private, excluded, too many notes); shown in the preview and kept with the run. */
	warnings: string[];
	/** Sources that do not exist or cannot be read: the run stops before calling the model. */
	errors: string[];
}

/** Folder and tag sources read at most this many notes (the most recently changed), so one broad source cannot stall a run. */
export const MAX_NOTES_PER_SOURCE = 200;
const DEFAULT_SEARCH_LIMIT = 8;

const EXCLUSION_WORDS = {
	"excluded-folder": "is in a folder excluded in the settings",
	"excluded-tag": "has a tag excluded in the settings",
	private: "is marked coworker: private",
} as const;

/**
 * `resources` reads MCP resource sources: null when the run has no MCP server, which turns them into warnings.
 * `earlierDeliverables` says which of the coworker's own deliverables a search, folder, tag or linked-notes
 * source may bring in (see earlier-deliverables.ts); a deliverable named as a note source is always read.
 */
export async function gatherSources(
	specs: readonly SourceSpec[],
	memoryPath: string | null,
	readers: SourceReaders,
	resources: ResourceReader | null = null,
	earlierDeliverables: EarlierDeliverablesPolicy = DEFAULT_EARLIER_DELIVERABLES,
): Promise<GatheredSources> {
	const gathered: GatheredSources = { notes: [], tables: [], selection: null, memory: null, warnings: [], errors: [] };
	const seen = new Set<string>();
	/** Deliverables the policy kept out of broad sources; counted at the end, less those named explicitly after all. */
	const leftOutDeliverables = new Set<string>();
	/** Adds a note; false when it was not added (already in, missing, excluded, or a deliverable the policy leaves out). */
	const addNote = async (path: string, origin: string, explicit: boolean, missing: "error" | "warning", text?: Promise<string>, previous = false): Promise<boolean> => {
		if (seen.has(path)) {
			if (explicit) {
				for (const note of gathered.notes) {
					if (note.path !== path) continue;
					note.explicit = true;
					if (previous && note.earlier) note.earlier.previous = true;
				}
			}
			return false;
		}
		const read = await readNote(path, readers, text);
		if (read.kind === "ok") {
			const earlier = earlierOutputOf(read.note, read.text, previous);
			if (earlier !== null && !explicit && !admitsDeliverable(earlierDeliverables, earlier)) {
				leftOutDeliverables.add(path);
				return false;
			}
			seen.add(path);
			gathered.notes.push({ path, note: read.note, origin, explicit, ...(earlier ? { earlier } : {}) });
			return true;
		} else if (read.kind === "missing") {
			(missing === "error" ? gathered.errors : gathered.warnings).push(`${path} (${origin}) ${read.reason}.`);
		} else {
			gathered.warnings.push(`${path} ${read.reason}, so it is never sent to the model; it was left out.`);
		}
		return false;
	};
	/**
	 * Broad sources read their notes a few at a time ahead of parsing, not one after another; with `cap`, they
	 * stop once that many notes came in (a search asks for spare hits, since some may be left out).
	 */
	const addNotes = async (paths: readonly string[], origin: string, cap = Infinity): Promise<void> => {
		const isTable = (path: string): boolean => /\.csv$/i.test(path);
		const fresh = paths.filter((path) => !seen.has(path) && /\.md$/i.test(path) && !isExcludedByFolder(path, readers.settings));
		const reads = readAhead(
			fresh.map((path) => ({ path })),
			(path) => readers.reader.read(path),
		);
		let added = 0;
		// In the sources' own order (warnings too), the reads running ahead.
		for (const path of paths) {
			if (added >= cap) break;
			if (isTable(path)) await addTable(path, origin, gathered, readers, "warning");
			else if (fresh.includes(path)) {
				const next = await reads.next();
				if (await addNote(path, origin, false, "warning", next.done ? undefined : next.value.text)) added++;
			} else if (await addNote(path, origin, false, "warning")) added++;
		}
	};
	/** With "none", deliverables are dropped from a broad source's list before anything is read, so they take no slot. */
	const withoutDeliverables = <T extends { path: string; coworker: string | null }>(notes: T[]): T[] => {
		if (earlierDeliverables !== "none") return notes;
		for (const note of notes) if (note.coworker === "deliverable") leftOutDeliverables.add(note.path);
		return notes.filter((note) => note.coworker !== "deliverable");
	};

	for (const spec of specs) {
		const origin = describeSource(spec);
		switch (spec.kind) {
			case "note": {
				const path = checkedPath(spec.path, origin, gathered);
				if (path !== null) await addNote(path, origin, true, "error", undefined, spec.role === "previous");
				break;
			}
			case "selection": {
				if (spec.path !== null) {
					const read = await readNote(spec.path, readers);
					if (read.kind === "excluded") {
						gathered.warnings.push(`The selection comes from ${spec.path}, which ${read.reason}; it was left out.`);
						break;
					}
				}
				if (spec.text.trim() !== "") gathered.selection = { text: spec.text, path: spec.path };
				break;
			}
			case "linked": {
				const path = checkedPath(spec.path, origin, gathered);
				if (path === null) break;
				const read = await readNote(path, readers);
				if (read.kind === "excluded") {
					// The links of a private note would say what it holds: they are left out with it.
					gathered.warnings.push(`${path} ${read.reason}, so neither it nor its links are used; it was left out.`);
					break;
				}
				if (read.kind !== "ok") {
					gathered.errors.push(`${path} (${origin}) ${read.reason}.`);
					break;
				}
				const linked: string[] = [];
				for (const link of read.note.links) {
					if (link.target === "") continue;
					const target = readers.links.resolve(link.target, path);
					if (target === null || target === path || linked.includes(target)) continue;
					if (/\.(csv|md)$/i.test(target)) linked.push(target);
				}
				await addNotes(linked, origin);
				break;
			}
			case "folder": {
				const folder = vaultPathOf(spec.path);
				if (folder === null) {
					gathered.errors.push(`The folder "${spec.path}" (${origin}) is outside the vault.`);
					break;
				}
				const notes = readers.index.indexedNotes().filter((note) => isInFolder(note.path, folder) && changedAfter(note.mtime, spec.changedSince));
				if (notes.length === 0) gathered.warnings.push(`No notes the coworker may read were found in the folder "${folder}".`);
				await addNotes(mostRecent(withoutDeliverables(notes), origin, gathered), origin);
				break;
			}
			case "tag": {
				const notes = readers.index.indexedNotes().filter((note) => hasTag(note.tags, spec.tag) && changedAfter(note.mtime, spec.changedSince));
				if (notes.length === 0) gathered.warnings.push(`No notes the coworker may read have the tag #${spec.tag.replace(/^#/, "")}.`);
				await addNotes(mostRecent(withoutDeliverables(notes), origin, gathered), origin);
				break;
			}
			case "search": {
				const since = spec.changedSince;
				const limit = spec.limit ?? DEFAULT_SEARCH_LIMIT;
				const indexed = new Map(readers.index.indexedNotes().map((note) => [note.path, note]));
				// Some hits will be filtered out (not changed, or a deliverable left out), so more are asked for and the first `limit` kept.
				const spare = (since === undefined ? 1 : 4) * (earlierDeliverables === "all" ? 1 : 4);
				const found = (await readers.index.rankNotes(spec.query, limit * spare))
					.filter((hit) => changedAfter(indexed.get(hit.path)?.mtime ?? 0, since))
					.map((hit) => ({ path: hit.path, coworker: indexed.get(hit.path)?.coworker ?? null }));
				if (found.length === 0) gathered.warnings.push(`The search "${spec.query}" found no notes.`);
				const hits = withoutDeliverables(found);
				await addNotes(
					hits.map((hit) => hit.path),
					origin,
					limit,
				);
				break;
			}
			case "table": {
				const path = checkedPath(spec.path, origin, gathered);
				if (path !== null) await addTable(path, origin, gathered, readers, "error");
				break;
			}
			case "mcp": {
				const label = mcpResourceLabel(spec);
				if (seen.has(label)) break;
				seen.add(label);
				// A server that is missing or failing is outside the vault's control: the run goes on without the resource, as without a tool.
				let text: string;
				try {
					if (resources === null) throw new Error(`no MCP server named "${spec.server}" is configured`);
					text = await resources(spec.server, spec.uri);
				} catch (error) {
					gathered.warnings.push(`The ${origin} was left out: ${(error instanceof Error ? error.message : String(error)).replace(/\.$/, "")}.`);
					break;
				}
				if (text.trim() === "") gathered.warnings.push(`The ${origin} is empty; it was left out.`);
				else gathered.notes.push({ path: label, note: parseNote(label, text), origin, explicit: true, resource: true });
				break;
			}
		}
	}

	const leftOut = [...leftOutDeliverables].filter((path) => !seen.has(path)).length;
	if (leftOut > 0) gathered.warnings.push(leftOutWarning(earlierDeliverables, leftOut));

	if (memoryPath !== null) {
		const read = await readNote(memoryPath, readers);
		if (read.kind === "ok" && !isUntouchedMemory(read.text)) gathered.memory = { path: memoryPath, note: read.note, origin: "memory", explicit: true };
		else if (read.kind === "excluded") gathered.warnings.push(`The memory note ${memoryPath} ${read.reason}; it was not read.`);
		// The memory note is also an ordinary note; it is not repeated among the other sources.
		gathered.notes = gathered.notes.filter((note) => note.path !== memoryPath || gathered.memory === null);
	}
	return gathered;
}

export type NoteRead = { kind: "ok"; note: ParsedNote; text: string } | { kind: "missing"; reason: string } | { kind: "excluded"; reason: string };

/** Reads and parses a note, applying the index's exclusion policy to it (so an explicit source cannot bypass it). */
export async function readNote(path: string, readers: SourceReaders, alreadyReading?: Promise<string>): Promise<NoteRead> {
	if (!/\.md$/i.test(path)) return { kind: "missing", reason: "is not a markdown note" };
	if (isExcludedByFolder(path, readers.settings)) return { kind: "excluded", reason: EXCLUSION_WORDS["excluded-folder"] };
	let text: string;
	try {
		text = await (alreadyReading ?? readers.reader.read(path));
	} catch (error) {
		// A link to an excluded note is that note; a link that leaves the vault is named as such, not as missing.
		if (error instanceof ReadRefused) return { kind: error.excluded ? "excluded" : "missing", reason: error.refusal };
		return { kind: "missing", reason: "does not exist or cannot be read" };
	}
	const examined = examineText(path, text, text.length, readers.settings.maxNoteBytes);
	if (examined.kind === "skip") return { kind: "missing", reason: "looks like a binary file, not a note" };
	const note = parseNote(path, examined.text, examined.cut === true);
	const exclusion = exclusionOf(note, readers.settings);
	if (exclusion !== null) return { kind: "excluded", reason: EXCLUSION_WORDS[exclusion] };
	return { kind: "ok", note, text: examined.text };
}

async function addTable(path: string, origin: string, gathered: GatheredSources, readers: SourceReaders, missing: "error" | "warning"): Promise<void> {
	if (gathered.tables.some((table) => table.path === path)) return;
	if (isExcludedByFolder(path, readers.settings)) {
		gathered.warnings.push(`${path} ${EXCLUSION_WORDS["excluded-folder"]}, so it is never sent to the model; it was left out.`);
		return;
	}
	let text: string;
	try {
		text = await readers.reader.read(path);
	} catch {
		(missing === "error" ? gathered.errors : gathered.warnings).push(`${path} (${origin}) does not exist or cannot be read.`);
		return;
	}
	const parsed = parseCsv(path, text);
	if (parsed.ok) gathered.tables.push({ path, table: parsed.table, origin });
	else (missing === "error" ? gathered.errors : gathered.warnings).push(parsed.error);
}

function checkedPath(raw: string, origin: string, gathered: GatheredSources): string | null {
	const path = vaultPathOf(raw);
	if (path === null || path === "") {
		gathered.errors.push(`"${raw}" (${origin}) is not a path inside the vault.`);
		return null;
	}
	return path;
}

function changedAfter(mtime: number, since: number | undefined): boolean {
	return since === undefined || mtime > since;
}

/** Broad sources keep their most recently changed notes, and say how many they left out. */
function mostRecent(notes: readonly { path: string; mtime: number }[], origin: string, gathered: GatheredSources): string[] {
	if (notes.length <= MAX_NOTES_PER_SOURCE) return notes.map((note) => note.path);
	gathered.warnings.push(`The ${origin} has ${notes.length} notes; the ${MAX_NOTES_PER_SOURCE} most recently changed were considered.`);
	return [...notes]
		.sort((a, b) => b.mtime - a.mtime)
		.slice(0, MAX_NOTES_PER_SOURCE)
		.map((note) => note.path);
}
