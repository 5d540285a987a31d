/** Entry point of the `coworker` command. */
import { main } from "./main";

// `coworker search … | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on("error", (error: Error & { code?: string }) => {
	if (error.code === "EPIPE") process.exit(0);
	throw error;
});

void main(process.argv.slice(2), process.stdout, process.stderr).then((code) => {
	process.exitCode = code;
});
