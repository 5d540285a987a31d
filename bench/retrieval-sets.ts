/** The question sets of bench/retrieval: every `.json` there, in either of its two formats, with the vault each is about. */
import { readdir, readFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { REPO_ROOT, RETRIEVAL_DIR, SHARED_CORPORA } from "./paths";

/** One question and the notes that answer it (a hit on any of them counts). */
export interface RetrievalQuestion {
	question: string;
	/** Vault-relative paths, best first; more than one when several notes hold the same text. */
	answers: string[];
}

/** The vault a set is about: an archive under ../shared/corpora and the vault root inside it. */
export interface SetVault {
	/** Short name, also the folder it is unpacked into under bench/.work/corpora. */
	name: string;
	archive: string;
	/** The vault root inside the archive; null: go down through single wrapper folders. */
	root: string | null;
}

export type SetRole = "tuning" | "held-out";

export interface QuestionSet {
	file: string;
	role: SetRole;
	vault: SetVault;
	questions: RetrievalQuestion[];
}

/** The first set the search was tuned on; a file named `…-tuning.json` is a tuning set too; every other set is held out and only reported. */
export const TUNING_SET_FILE = "obsidian-help-questions.json";

function isTuningSet(file: string): boolean {
	const name = basename(file);
	return name === TUNING_SET_FILE || name.endsWith("-tuning.json");
}

/** A set written as a bare array of `{question, answer}` is about the Obsidian help vault (the first two sets were). */
const HELP_VAULT: SetVault = { name: "obsidian-help-en", archive: join(SHARED_CORPORA, "obsidian-help-en.tar.gz"), root: null };

/** Every question set in bench/retrieval, tuning set first, then by file name. */
export async function loadQuestionSets(dir = RETRIEVAL_DIR): Promise<QuestionSet[]> {
	const files = (await readdir(dir)).filter((name) => name.endsWith(".json")).sort((a, b) => rankOf(a) - rankOf(b) || a.localeCompare(b));
	const sets: QuestionSet[] = [];
	for (const file of files) sets.push(parseQuestionSet(file, JSON.parse(await readFile(join(dir, file), "utf8")) as unknown));
	return sets;
}

function rankOf(file: string): number {
	return isTuningSet(file) ? 0 : 1;
}

/**
 * Accepts both formats: a bare array of `{question, answer}` (the Obsidian help sets), or
 * `{vault, source, root, questions: [{question, answers: [...]}]}` naming its own corpus (`source` relative to
 * the repository, as `../shared/corpora/x.tar.gz`). Anything else is refused with the file and the field.
 */
export function parseQuestionSet(file: string, data: unknown): QuestionSet {
	const role: SetRole = isTuningSet(file) ? "tuning" : "held-out";
	if (Array.isArray(data)) return { file, role, vault: HELP_VAULT, questions: data.map((item, i) => questionOf(file, `[${i}]`, item)) };
	if (!isRecord(data)) throw new Error(`${file}: expected an array of questions or an object with "questions".`);
	const { source, root, vault, questions } = data;
	if (typeof source !== "string" || !/\.(tar\.gz|tgz)$/i.test(source)) throw new Error(`${file}: "source" must name the corpus archive (a .tar.gz).`);
	if (root !== undefined && typeof root !== "string") throw new Error(`${file}: "root" must be a folder path inside the archive.`);
	if (!Array.isArray(questions)) throw new Error(`${file}: "questions" must be an array.`);
	const archive = resolve(REPO_ROOT, source);
	const name = typeof vault === "string" && vault.trim() !== "" ? vault : basename(archive).replace(/\.(tar\.gz|tgz)$/i, "");
	return { file, role, vault: { name, archive, root: root ?? null }, questions: questions.map((item, i) => questionOf(file, `questions[${i}]`, item)) };
}

function questionOf(file: string, where: string, item: unknown): RetrievalQuestion {
	if (!isRecord(item) || typeof item.question !== "string" || item.question.trim() === "") throw new Error(`${file}: ${where}.question must be a non-empty string.`);
	const answers = typeof item.answer === "string" ? [item.answer] : item.answers;
	if (!Array.isArray(answers) || answers.length === 0 || !answers.every((a) => typeof a === "string" && a !== "")) {
		throw new Error(`${file}: ${where} needs "answer" (a note path) or "answers" (a non-empty list of note paths).`);
	}
	return { question: item.question, answers: answers as string[] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}
