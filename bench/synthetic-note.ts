/** One synthetic note rendered as markdown: frontmatter, headings, paragraphs, lists, tasks, code, tables. */
import type { Random } from "./prng";
import { capitalize, isoDate, type LinkTarget, type ProseWriter } from "./synthetic-text";

export type NoteKind = "daily" | "meeting" | "project" | "person" | "reference" | "area" | "inbox" | "archive";

/** A note decided before any text is written, so other notes can link to its headings and blocks. */
export interface PlannedNote extends LinkTarget {
	kind: NoteKind;
	title: string;
	/** Roughly how long the rendered note should be. */
	targetBytes: number;
	frontmatter: "yaml" | "none" | "broken" | "private";
	tags: string[];
	aliases: string[];
	/** Day number (from 2019-01-01) the note is dated. */
	day: number;
}

/** Renders `note`; `people` are names used for attendees and owners. */
export function renderNote(note: PlannedNote, prose: ProseWriter, random: Random, people: readonly string[]): string {
	const out: string[] = [];
	prose.beginNote();
	if (note.frontmatter !== "none") out.push(frontmatterOf(note, prose, random, people));
	if (random.chance(0.4)) out.push(`# ${note.title}`, "");
	const perSection = note.targetBytes / Math.max(1, note.headings.length + 1);
	let length = out.join("\n").length;
	const blocks = [...note.blocks];
	// The text before the first heading, then one section per planned heading, each filled to its share.
	for (let s = -1; s < note.headings.length; s++) {
		if (s >= 0) {
			const level = s > 0 && random.chance(0.3) ? (random.chance(0.2) ? 4 : 3) : 2;
			out.push(`${"#".repeat(level)} ${note.headings[s] ?? ""}`, "");
		}
		const sectionEnd = Math.min(note.targetBytes, length + perSection);
		do {
			const block = blockOf(prose, random, people, random.chance(0.2) ? blocks.pop() : undefined);
			out.push(block, "");
			length += block.length + 2;
		} while (length < sectionEnd);
	}
	return out.join("\n");
}

function frontmatterOf(note: PlannedNote, prose: ProseWriter, random: Random, people: readonly string[]): string {
	const lines = ["---"];
	if (note.aliases.length > 0) {
		if (random.chance(0.5)) lines.push(`aliases: [${note.aliases.map((a) => JSON.stringify(a)).join(", ")}]`);
		else lines.push("aliases:", ...note.aliases.map((a) => `  - ${a}`));
	}
	if (note.tags.length > 0) {
		const roll = random.next();
		if (roll < 0.6) lines.push("tags:", ...note.tags.map((t) => `  - ${t}`));
		else if (roll < 0.85) lines.push(`tags: [${note.tags.join(", ")}]`);
		else lines.push(`tags: ${note.tags.join(", ")}`);
	}
	lines.push(`created: ${isoDate(note.day)}`);
	if (random.chance(0.5)) lines.push(`updated: ${isoDate(note.day + random.int(0, 90))}T${String(random.int(7, 19)).padStart(2, "0")}:${String(random.int(0, 59)).padStart(2, "0")}:00`);
	if (random.chance(0.45)) lines.push(`description: ${JSON.stringify(prose.sentence(6, 16))}`);
	if (note.kind === "project" || note.kind === "reference" || random.chance(0.2)) {
		lines.push(`status: ${random.pick(["draft", "active", "active", "on-hold", "done", "archived"])}`);
	}
	if (note.kind === "meeting") lines.push("attendees:", ...pickSome(random, people, 2, 5).map((p) => `  - "[[${p}]]"`));
	if (note.kind === "project") lines.push(`owner: "[[${random.pick(people)}]]"`, `due: ${isoDate(note.day + random.int(14, 200))}`);
	if (note.kind === "person") lines.push(`role: ${prose.titleWords(2)}`, `company: ${prose.titleWords(1)} Inc`, `email: ${note.name.toLowerCase().replace(/\W+/g, ".")}@example.com`);
	if (random.chance(0.1)) lines.push(`rating: ${random.int(1, 5)}`, `published: ${random.chance(0.5)}`);
	if (note.frontmatter === "private") lines.push("coworker: private");
	// A handful of notes carry the YAML mistakes people make by hand (an unquoted colon, an unclosed list).
	if (note.frontmatter === "broken") lines.push(random.chance(0.5) ? `summary: ${prose.topic()}: ${prose.topic()}: [${prose.topic()}` : `related: [[${prose.target().name}]`);
	lines.push("---", "");
	return lines.join("\n");
}

function blockOf(prose: ProseWriter, random: Random, people: readonly string[], blockId: string | undefined): string {
	const roll = random.next();
	if (roll < 0.52 || blockId !== undefined) {
		const paragraph = prose.paragraph(1, 5);
		return blockId === undefined ? paragraph : `${paragraph} ^${blockId}`;
	}
	if (roll < 0.72) {
		const items: string[] = [];
		for (let i = random.int(2, 7); i > 0; i--) {
			items.push(`- ${prose.sentence(3, 14)}`);
			if (random.chance(0.2)) items.push(`\t- ${prose.sentence(3, 10)}`);
		}
		return items.join("\n");
	}
	if (roll < 0.82) {
		const tasks: string[] = [];
		for (let i = random.int(2, 5); i > 0; i--) {
			const due = random.chance(0.3) ? ` 📅 ${isoDate(random.int(1500, 2600))}` : "";
			const who = random.chance(0.25) ? ` [[${random.pick(people)}]]` : "";
			tasks.push(`- [${random.chance(0.4) ? "x" : " "}] ${prose.sentence(3, 12)}${who}${due}`);
		}
		return tasks.join("\n");
	}
	if (roll < 0.835) return codeBlock(prose, random);
	if (roll < 0.895) {
		const kind = random.pick(["note", "tip", "warning", "info", "quote"]);
		return `> [!${kind}] ${capitalize(prose.topic())}\n> ${prose.paragraph(1, 3)}`;
	}
	if (roll < 0.92) return table(prose, random);
	if (roll < 0.97) {
		const target = prose.target();
		const heading = target.headings.length > 0 && random.chance(0.4) ? `#${random.pick(target.headings)}` : "";
		return random.chance(0.3) ? `![[${prose.topic()}-${random.int(1, 400)}.png]]` : `![[${target.name}${heading}]]`;
	}
	return `> ${prose.paragraph(1, 2)}`;
}

function codeBlock(prose: ProseWriter, random: Random): string {
	const language = random.pick(["js", "ts", "python", "bash", "sql", "json", ""]);
	const lines = Array.from({ length: random.int(2, 12) }, () => {
		const name = prose.topic();
		return random.pick([`const ${name} = ${random.int(0, 99)}; // #not-a-tag`, `${name}(${prose.topic()}, "${prose.topic()}")`, `  return ${name} + [[not a link]]`, `# ${name} is not a heading`]);
	});
	return ["```" + language, ...lines, "```"].join("\n");
}

function table(prose: ProseWriter, random: Random): string {
	const columns = random.int(2, 4);
	const row = (cells: string[]): string => `| ${cells.join(" | ")} |`;
	const rows = [row(Array.from({ length: columns }, () => capitalize(prose.topic()))), row(Array.from({ length: columns }, () => "---"))];
	for (let i = random.int(2, 5); i > 0; i--) rows.push(row(Array.from({ length: columns }, () => (random.chance(0.3) ? String(random.int(1, 999)) : prose.sentence(1, 4).slice(0, -1)))));
	return rows.join("\n");
}

/** Between `min` and `max` distinct items. */
export function pickSome<T>(random: Random, items: readonly T[], min: number, max: number): T[] {
	const chosen = new Set<T>();
	const want = Math.min(items.length, random.int(min, max));
	while (chosen.size < want) chosen.add(random.pick(items));
	return [...chosen];
}
