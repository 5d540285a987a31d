/**
 * Pins the time zone (UTC, or COWORKER_TEST_TZ, e.g. America/New_York, to run the suite as a user elsewhere would),
 * and gives every test the example vault as the repository ships it.
 */
import { execFileSync } from "node:child_process";
import { cp, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const REPOSITORY = join(dirname(fileURLToPath(import.meta.url)), "..");
const SHIPPED_VAULT = "examples/vault";

export default async function setup(): Promise<() => Promise<void>> {
	process.env.TZ = process.env.COWORKER_TEST_TZ || "UTC";
	// The README's main job runs on examples/vault and leaves its index cache there (and, with a model, a
	// deliverable): tests read a pristine copy, so running it before the tests changes nothing they see.
	const pristine = await mkdtemp(join(tmpdir(), "coworker-example-vault-"));
	await copyShippedVault(pristine);
	process.env.COWORKER_EXAMPLE_VAULT = pristine;
	return () => rm(pristine, { recursive: true, force: true });
}

/** The files git tracks under examples/vault; outside a git checkout, everything but the config folder. */
async function copyShippedVault(to: string): Promise<void> {
	let tracked: string[] | null = null;
	try {
		tracked = execFileSync("git", ["ls-files", "-z", "--", SHIPPED_VAULT], { cwd: REPOSITORY, encoding: "utf8" }).split("\0").filter((path) => path !== "");
	} catch {
		tracked = null;
	}
	const source = join(REPOSITORY, SHIPPED_VAULT);
	if (tracked === null || tracked.length === 0) {
		await cp(source, to, { recursive: true, filter: (path) => !path.slice(source.length).split(/[\\/]/).includes(".obsidian") });
		return;
	}
	for (const path of tracked) {
		const target = join(to, path.slice(SHIPPED_VAULT.length + 1));
		await mkdir(dirname(target), { recursive: true });
		await cp(join(REPOSITORY, path), target);
	}
}
