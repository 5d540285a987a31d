/**
 * The text of the index worker's program (term-worker-main.ts), put here by esbuild.config.mjs when it bundles the
 * command line. Run from the sources (tests, the bench) there is none unless given: a build then runs on one thread.
 */
declare const COWORKER_NODE_TERM_WORKER: string | undefined;

export const bundledTermWorkerSource: string | null = typeof COWORKER_NODE_TERM_WORKER === "string" ? COWORKER_NODE_TERM_WORKER : null;
