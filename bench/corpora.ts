/** Real vaults for the bench: unpacks a .tar.gz into bench/.work/corpora once, or copies a folder there. */
import { execFile } from "node:child_process";
import { cp, mkdir, readdir, rm, stat, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { promisify } from "node:util";
import { CORPORA_WORK_DIR } from "./paths";

const run = promisify(execFile);
const UNPACKED_MARKER = ".bench-unpacked";

/** A vault the bench may modify (the incremental phase appends to notes, then restores them). */
export interface CorpusVault {
	/** Short name for the table (`tldr-pages`). */
	name: string;
	/** The vault root: the folder holding the notes. */
	dir: string;
}

/**
 * Turns a `--corpus` argument into a vault under bench/.work. A `.tar.gz` is unpacked once (a marker
 * file says the unpacking finished); a folder is copied afresh on every run, hidden folders left out,
 * so the bench never writes into someone's real vault.
 */
export async function prepareCorpus(source: string): Promise<CorpusVault> {
	const path = resolve(source);
	if (/\.(tar\.gz|tgz)$/i.test(path)) {
		const name = basename(path).replace(/\.(tar\.gz|tgz)$/i, "");
		return { name, dir: await vaultRootOf(await unpackOnce(path, name)) };
	}
	const info = await stat(path).catch(() => null);
	if (!info?.isDirectory()) throw new Error(`--corpus ${source}: not a folder nor a .tar.gz file`);
	const name = basename(path);
	const copy = join(CORPORA_WORK_DIR, `${name}-copy`);
	await rm(copy, { recursive: true, force: true });
	await cp(path, copy, { recursive: true, filter: (from) => from === path || !basename(from).startsWith(".") });
	return { name, dir: copy };
}

/** Unpacks `archive` into bench/.work/corpora/<name> unless a finished unpacking is already there. */
export async function unpackOnce(archive: string, name: string): Promise<string> {
	const target = join(CORPORA_WORK_DIR, name);
	const done = await stat(join(target, UNPACKED_MARKER)).catch(() => null);
	if (done) return target;
	await rm(target, { recursive: true, force: true });
	await mkdir(target, { recursive: true });
	await run("tar", ["xzf", archive, "-C", target], { maxBuffer: 64 * 1024 * 1024 });
	await writeFile(join(target, UNPACKED_MARKER), `${archive}\n`);
	return target;
}

/** An archive usually wraps the vault in a folder or two (`obsidian-help/en`): descend while there is nothing else. */
export async function vaultRootOf(dir: string): Promise<string> {
	let current = dir;
	for (;;) {
		const entries = (await readdir(current, { withFileTypes: true })).filter((e) => !e.name.startsWith("."));
		const only = entries[0];
		if (entries.length !== 1 || !only?.isDirectory()) return current;
		current = join(current, only.name);
	}
}
