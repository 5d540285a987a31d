/** The synthetic vault: plans N notes in realistic folders and sizes, renders them, and writes them once. */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Random, WeightedPicker } from "./prng";
import { capitalize, isoDate, ProseWriter } from "./synthetic-text";
import { pickSome, renderNote, type NoteKind, type PlannedNote } from "./synthetic-note";
import { loadVocabulary, type Vocabulary } from "./vocabulary";
import { syntheticVaultDir } from "./paths";

/** Bump whenever the generated text changes, so vaults written by an older generator are written again. */
export const GENERATOR_VERSION = 2;
const MARKER = ".bench-generator.json";

/** Share of notes, typical size (median bytes, log-normal spread) and folder of each kind of note. */
const KINDS: Record<NoteKind, { share: number; median: number; sigma: number }> = {
	daily: { share: 24, median: 800, sigma: 0.6 },
	meeting: { share: 18, median: 2000, sigma: 0.6 },
	project: { share: 12, median: 2600, sigma: 0.8 },
	person: { share: 8, median: 1000, sigma: 0.5 },
	reference: { share: 16, median: 3000, sigma: 0.9 },
	area: { share: 8, median: 2000, sigma: 0.8 },
	inbox: { share: 7, median: 700, sigma: 0.7 },
	archive: { share: 7, median: 2000, sigma: 0.8 },
};

const FIRST_NAMES = "Ada Alan Amara Ana Ben Carla Chen Dara Diego Elena Emma Farid Grace Hana Ivan Jonas Kai Lena Luis Maya Mei Nia Noor Omar Pablo Priya Rosa Sam Sara Tomas Uma Vera Wei Yara Zoe".split(" ");
const LAST_NAMES = "Abbott Baker Costa Dubois Eriksen Fischer Garcia Haddad Ito Jensen Kowalski Larsen Moreau Nakamura Okafor Patel Quinn Rossi Santos Tanaka Ueda Varga Weber Xu Yilmaz Zhang".split(" ");
const MEETING_TOPICS = ["Weekly sync", "1-1", "Planning", "Retro", "Design review", "Kickoff", "Standup", "Interview", "Demo", "Budget review"];
const SECTION_HEADINGS: Partial<Record<NoteKind, string[]>> = {
	daily: ["Tasks", "Log", "Notes", "Gratitude", "Tomorrow"],
	meeting: ["Attendees", "Agenda", "Notes", "Decisions", "Action items", "Follow-up"],
	project: ["Goals", "Status", "Risks", "Timeline", "Open questions", "Stakeholders"],
	person: ["About", "Contact", "Meetings", "Notes", "Projects"],
};

/** Makes sure bench/.work/synthetic-N holds the vault of this generator version; returns its folder. */
export async function ensureSyntheticVault(notes: number, log: (line: string) => void): Promise<string> {
	const dir = syntheticVaultDir(notes);
	const wanted = JSON.stringify({ version: GENERATOR_VERSION, notes });
	const existing = await readFile(join(dir, MARKER), "utf8").catch(() => null);
	if (existing === wanted) return dir;
	log(`generating synthetic vault of ${notes} notes in ${dir}`);
	await rm(dir, { recursive: true, force: true });
	const files = generateVault(notes, new Random(`synthetic-${notes}`), await loadVocabulary());
	const folders = new Set([...files.keys()].map((path) => dirname(join(dir, path))));
	for (const folder of folders) await mkdir(folder, { recursive: true });
	const entries = [...files.entries()];
	for (let i = 0; i < entries.length; i += 64) {
		await Promise.all(entries.slice(i, i + 64).map(([path, text]) => writeFile(join(dir, path), text, "utf8")));
	}
	// Written last: a generation cut short leaves no marker and is redone.
	await writeFile(join(dir, MARKER), wanted);
	return dir;
}

/** The whole vault as path → text, a pure function of the note count, the random seed and the vocabulary. */
export function generateVault(count: number, random: Random, vocabulary: Vocabulary): Map<string, string> {
	const prose = new ProseWriter(random, vocabulary);
	const people = FIRST_NAMES.flatMap((first) => LAST_NAMES.map((last) => `${first} ${last}`));
	const tags = tagVocabulary(prose);
	const notes = planNotes(count, random, prose, people, tags);
	prose.setLinkTargets(notes, tags);
	const personNames = notes.filter((n) => n.kind === "person").map((n) => n.name);
	const files = new Map<string, string>();
	for (const note of notes) files.set(note.path, renderNote(note, prose, random, personNames.length > 0 ? personNames : people));
	return files;
}

function planNotes(count: number, random: Random, prose: ProseWriter, people: readonly string[], tags: readonly string[]): PlannedNote[] {
	const kinds = Object.keys(KINDS) as NoteKind[];
	const kindPicker = new WeightedPicker(kinds, kinds.map((k) => KINDS[k].share));
	const projects = Array.from({ length: Math.max(3, Math.round(count / 150)) }, () => prose.titleWords(random.int(1, 2)));
	const areas = ["Health", "Finance", "Home", "Learning", "Writing", "Travel", "Career", "Hobbies"];
	const used = new Set<string>();
	const notes: PlannedNote[] = [];
	let dailyDay = 0;
	let person = 0;
	for (let i = 0; i < count; i++) {
		const kind = kindPicker.pick(random);
		const day = kind === "daily" ? dailyDay++ : random.int(0, 2600);
		let name: string;
		let folder: string;
		switch (kind) {
			case "daily":
				name = isoDate(day);
				folder = `Daily/${name.slice(0, 4)}`;
				break;
			case "meeting":
				name = `${isoDate(day)} ${random.pick(MEETING_TOPICS)} ${prose.titleWords(1)}`;
				folder = "Meetings";
				break;
			case "person":
				// 37 shares no factor with the number of names, so stepping by it visits every name before any repeats.
				name = people[(person++ * 37) % people.length] ?? "Someone";
				folder = "People";
				break;
			case "project":
				name = prose.titleWords(random.int(2, 3));
				folder = random.chance(0.6) ? `Projects/${random.pick(projects)}` : "Projects";
				break;
			case "area":
				name = prose.titleWords(random.int(1, 3));
				folder = `Areas/${random.pick(areas)}`;
				break;
			case "archive":
				name = prose.titleWords(random.int(2, 4));
				folder = `Archive/${isoDate(day).slice(0, 4)}`;
				break;
			case "inbox":
				name = capitalize(`${prose.topic()} ${prose.phrase(1, 5)}`);
				folder = "Inbox";
				break;
			default:
				name = prose.titleWords(random.int(1, 4));
				folder = random.chance(0.7) ? `Reference/${capitalize(prose.topic())}` : "Reference";
		}
		while (used.has(name.toLowerCase())) name = `${name} ${random.int(2, 99)}`;
		used.add(name.toLowerCase());
		notes.push(plan(kind, name, `${folder}/${name}.md`, day, random, prose, tags));
	}
	return notes;
}

function plan(kind: NoteKind, name: string, path: string, day: number, random: Random, prose: ProseWriter, tags: readonly string[]): PlannedNote {
	const shape = KINDS[kind];
	let targetBytes = Math.min(40_000, random.logNormal(shape.median, shape.sigma));
	// A long tail as in real vaults: some long write-ups, a few pasted transcripts or exports.
	if (kind !== "daily" && random.chance(0.02)) targetBytes = random.logNormal(16_000, 0.35);
	if (kind !== "daily" && random.chance(0.003)) targetBytes = random.logNormal(100_000, 0.15);
	const sections = Math.max(0, Math.min(60, Math.round(targetBytes / 700) + random.int(-1, 1)));
	const stock = SECTION_HEADINGS[kind] ?? [];
	const headings = new Set<string>();
	for (let s = 0; s < sections; s++) {
		headings.add(stock.length > 0 && random.chance(0.6) ? random.pick(stock) : prose.titleWords(random.int(1, 4)));
	}
	const roll = random.next();
	const frontmatter = roll < 0.002 ? "broken" : roll < 0.007 ? "private" : roll < (kind === "daily" ? 0.5 : 0.85) ? "yaml" : "none";
	return {
		kind,
		name,
		path,
		title: name,
		day,
		targetBytes,
		headings: [...headings],
		blocks: Array.from({ length: random.chance(0.15) ? random.int(1, 3) : 0 }, () => random.int(0, 36 ** 6).toString(36)),
		frontmatter,
		tags: pickSome(random, tags, 0, 4),
		aliases: random.chance(0.25) ? [aliasOf(name, prose, random)] : [],
	};
}

function aliasOf(name: string, prose: ProseWriter, random: Random): string {
	const initials = name.split(/\s+/).map((w) => w.charAt(0)).join("").toUpperCase();
	return initials.length >= 2 && random.chance(0.5) ? initials : prose.titleWords(random.int(1, 3));
}

/** Flat and nested tags (`project/apollo`, `status/active`), commonest first. */
function tagVocabulary(prose: ProseWriter): string[] {
	const tags = ["meeting", "todo", "idea", "review", "status/active", "status/done", "type/reference", "type/howto"];
	for (let i = 0; i < 30; i++) tags.push(prose.topic());
	for (let i = 0; i < 30; i++) tags.push(`${prose.topic()}/${prose.topic()}`);
	return [...new Set(tags)];
}
