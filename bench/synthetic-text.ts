/** The prose of the synthetic vault: sentences of real words, with links, tags and inline markup sprinkled in. */
import { Random, WeightedPicker } from "./prng";
import type { Vocabulary } from "./vocabulary";

/** What a note elsewhere in the vault looks like to a link pointing at it. */
export interface LinkTarget {
	/** The note's file name without `.md`, as a wikilink names it. */
	name: string;
	/** The path relative to the vault root, as a markdown link names it. */
	path: string;
	headings: readonly string[];
	/** Block ids the note defines (`^b3k9x2`). */
	blocks: readonly string[];
}

/**
 * Writes sentences whose words follow the vocabulary's real frequencies (Zipf), with roughly the density of
 * links, tags and markup of a working vault. Everything is drawn from the one seeded {@link Random}.
 */
export class ProseWriter {
	private readonly words: WeightedPicker<string>;
	/** Content words (past the commonest function words), for titles, headings and tags. */
	readonly topicWords: string[];
	private readonly topics: WeightedPicker<string>;
	private targets: WeightedPicker<LinkTarget> | null = null;
	/** The words the current note is about: real text is bursty, a word once used is likely to come again. */
	private noteWords: string[] = [];
	private tags: WeightedPicker<string> | null = null;

	constructor(
		private readonly random: Random,
		vocabulary: Vocabulary,
	) {
		this.words = new WeightedPicker(vocabulary.words, vocabulary.counts);
		this.topicWords = vocabulary.words.slice(120, 6000).filter((w) => w.length >= 4 && !w.includes("'"));
		this.topics = WeightedPicker.zipf(this.topicWords, 0.8);
	}

	/** Links go to every note, a few hub notes far more often than the rest (as MOCs and people notes are). */
	setLinkTargets(targets: readonly LinkTarget[], tags: readonly string[]): void {
		const hubsFirst = [...targets];
		for (let i = hubsFirst.length - 1; i > 0; i--) {
			const j = this.random.int(0, i);
			[hubsFirst[i], hubsFirst[j]] = [hubsFirst[j] as LinkTarget, hubsFirst[i] as LinkTarget];
		}
		this.targets = new WeightedPicker(
			hubsFirst,
			hubsFirst.map((_, i) => 1 / Math.pow(i + 1, 0.6)),
		);
		this.tags = WeightedPicker.zipf(tags, 1);
	}

	topic(): string {
		return this.topics.pick(this.random);
	}

	/** Starts a new note: picks the handful of topic words it keeps coming back to. */
	beginNote(): void {
		this.noteWords = Array.from({ length: this.random.int(6, 16) }, () => this.topic());
	}

	/** One running-text word: usually from the whole vocabulary, sometimes one of the note's own topic words. */
	word(): string {
		if (this.noteWords.length > 0 && this.random.chance(0.12)) return this.random.pick(this.noteWords);
		return this.words.pick(this.random);
	}

	/** `count` topic words in title case: "Release Checklist Review". */
	titleWords(count: number): string {
		return Array.from({ length: count }, () => capitalize(this.topic())).join(" ");
	}

	tag(): string {
		if (!this.tags) throw new Error("setLinkTargets first");
		return this.tags.pick(this.random);
	}

	target(): LinkTarget {
		if (!this.targets) throw new Error("setLinkTargets first");
		return this.targets.pick(this.random);
	}

	/** Plain words, no markup: "fix the sync settings". */
	phrase(minWords: number, maxWords: number): string {
		return Array.from({ length: this.random.int(minWords, maxWords) }, () => this.word()).join(" ");
	}

	sentence(minWords = 5, maxWords = 22): string {
		const r = this.random;
		const parts: string[] = [];
		const length = r.int(minWords, maxWords);
		for (let i = 0; i < length; i++) {
			const roll = r.next();
			if (roll < 0.018) parts.push(this.wikilink());
			else if (roll < 0.022) parts.push(this.markdownLink());
			else if (roll < 0.028) parts.push(`#${this.tag()}`);
			else if (roll < 0.036) parts.push(r.chance(0.5) ? `**${this.words.pick(r)} ${this.words.pick(r)}**` : `*${this.words.pick(r)}*`);
			else if (roll < 0.039) parts.push(`\`${this.topic()}\``);
			else if (roll < 0.047) parts.push(this.token());
			else parts.push(this.word());
		}
		const first = parts[0] ?? "";
		if (/^[a-z]/.test(first)) parts[0] = capitalize(first);
		return parts.join(" ") + r.pick([".", ".", ".", ".", ".", "?", "!", ":"]);
	}

	paragraph(minSentences: number, maxSentences: number): string {
		return Array.from({ length: this.random.int(minSentences, maxSentences) }, () => this.sentence()).join(" ");
	}

	/** Every shape Obsidian accepts: plain, aliased, to a heading, to a block, by path. */
	wikilink(): string {
		const r = this.random;
		const target = this.target();
		const heading = target.headings.length > 0 ? r.pick(target.headings) : null;
		const roll = r.next();
		if (roll < 0.5 || heading === null) return `[[${target.name}]]`;
		if (roll < 0.65) return `[[${target.name}|${this.words.pick(r)} ${this.topic()}]]`;
		if (roll < 0.8) return `[[${target.name}#${heading}]]`;
		if (roll < 0.9) return `[[${target.name}#${heading}|${this.topic()}]]`;
		if (roll < 0.95 && target.blocks.length > 0) return `[[${target.name}#^${r.pick(target.blocks)}]]`;
		return `[[${target.path.replace(/\.md$/, "")}]]`;
	}

	markdownLink(): string {
		const r = this.random;
		const text = `${this.words.pick(r)} ${this.topic()}`;
		if (r.chance(0.4)) return `[${text}](https://example.com/${this.topic()}/${r.int(1, 9999)})`;
		const target = this.target();
		return r.chance(0.5) ? `[${text}](${encodeURI(target.path)})` : `[${text}](<${target.path}>)`;
	}

	/** The numbers, dates, versions and ticket ids that give real vaults their long tail of rare terms. */
	token(): string {
		const r = this.random;
		switch (r.int(0, 4)) {
			case 0:
				return String(r.int(2, 500));
			case 1:
				return isoDate(r.int(0, 3000));
			case 2:
				return `v${r.int(0, 9)}.${r.int(0, 20)}.${r.int(0, 40)}`;
			case 3:
				return `${r.pick(["PRJ", "OPS", "WEB", "API", "HR"])}-${r.int(100, 9999)}`;
			default:
				return `${r.int(1, 99)}%`;
		}
	}
}

export function capitalize(word: string): string {
	return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The date `days` days after 2019-01-01, as `YYYY-MM-DD`. */
export function isoDate(days: number): string {
	return new Date(Date.UTC(2019, 0, 1) + days * 86_400_000).toISOString().slice(0, 10);
}
