/** Where the bench reads and writes: the repository, its scratch folder bench/.work, the shared corpora. */
import { join, resolve } from "node:path";

// package.json has no "type": "module", so tsx loads the bench as CommonJS, where __dirname is defined.
export const BENCH_DIR = __dirname;
export const REPO_ROOT = resolve(BENCH_DIR, "..");
/** Scratch output (gitignored): generated vaults, unpacked corpora, caches. */
export const WORK_DIR = join(BENCH_DIR, ".work");
export const CORPORA_WORK_DIR = join(WORK_DIR, "corpora");
export const CACHE_WORK_DIR = join(WORK_DIR, "cache");
export const RESULTS_FILE = join(BENCH_DIR, "results.json");
export const RETRIEVAL_DIR = join(BENCH_DIR, "retrieval");
/** Where `--retrieval-only` writes its figures (results.json stays the last full run's). */
export const RETRIEVAL_RESULTS_FILE = join(WORK_DIR, "retrieval-results.json");
/** The real public vaults, as .tar.gz, shared between worktrees. */
export const SHARED_CORPORA = resolve(REPO_ROOT, "..", "shared", "corpora");

export function syntheticVaultDir(notes: number): string {
	return join(WORK_DIR, `synthetic-${notes}`);
}

/** The folder the persisted index of a measured vault goes into (one per vault, emptied before a cold build). */
export function cacheDirFor(vaultName: string): string {
	return join(CACHE_WORK_DIR, vaultName.replace(/[^\w.-]+/g, "_"));
}

/** The bundled floor and naive scripts and the usage preload of the whole-process bench (cli-bench.ts). */
export const WHOLE_PROCESS_WORK_DIR = join(WORK_DIR, "whole-process");
/** The command line as `npm run bench` builds it. */
export const CLI_BUNDLE = join(REPO_ROOT, "dist", "coworker.cjs");
/** The 38k-note corpus the whole-process targets are set on (issue 16). */
export const TLDR_CORPUS = join(SHARED_CORPORA, "tldr-pages.tar.gz");
