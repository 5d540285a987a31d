/** Where a command writes: standard output for results, standard error for warnings, injectable for tests. */
import type { Writable } from "node:stream";

export interface Output {
	line(text: string): void;
	json(value: unknown): void;
	error(text: string): void;
}

export function streamOutput(stdout: Writable, stderr: Writable): Output {
	return {
		line: (text) => stdout.write(text + "\n"),
		json: (value) => stdout.write(JSON.stringify(value, null, 2) + "\n"),
		error: (text) => stderr.write(text + "\n"),
	};
}
