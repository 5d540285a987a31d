// Prints the command of the Nth ```sh block in the README's "Set-up of a fresh clone" section (1: the main job, 2: the tests),
// so CI runs exactly what the README tells a newcomer to run, in that order.
import { readFileSync } from "node:fs";

const which = Number(process.argv[2]);
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const start = readme.indexOf("\n## Set-up of a fresh clone");
if (start < 0) throw new Error('README.md has no "## Set-up of a fresh clone" section.');
const end = readme.indexOf("\n## ", start + 1);
const section = readme.slice(start, end < 0 ? undefined : end);
const blocks = [...section.matchAll(/```sh\n([\s\S]*?)\n```/g)].map((match) => match[1].trim());
const command = blocks[which - 1];
if (!command) throw new Error(`README.md's set-up section has no sh block number ${which}.`);
process.stdout.write(command);
