/** Runs the `coworker` command line in-process with captured output, or the built binary as a child process. */
import { Writable } from "node:stream";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { main } from "../../src/cli/main";

export interface CliResult {
	code: number;
	stdout: string;
	stderr: string;
}

function collector(): { stream: Writable; text: () => string } {
	const chunks: string[] = [];
	const stream = new Writable({
		write(chunk: Buffer | string, _encoding, done) {
			chunks.push(chunk.toString());
			done();
		},
	});
	return { stream, text: () => chunks.join("") };
}

export async function runCli(...argv: string[]): Promise<CliResult> {
	const out = collector();
	const err = collector();
	const code = await main(argv, out.stream, err.stream);
	return { code, stdout: out.text(), stderr: err.text() };
}

/** The bundle `npm run build` writes; `npm test` builds it before vitest runs. */
export const BUILT_CLI = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "dist", "coworker.cjs");

export function runBuiltCli(...argv: string[]): Promise<CliResult> {
	return new Promise((resolve) => {
		execFile(process.execPath, [BUILT_CLI, ...argv], { encoding: "utf8" }, (error, stdout, stderr) => {
			const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
			resolve({ code, stdout, stderr });
		});
	});
}
