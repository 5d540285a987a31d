/** Entry point of the `coworker` command. */
import { main } from "./main";

void main(process.argv.slice(2), process.stdout, process.stderr).then((code) => {
	process.exitCode = code;
});
