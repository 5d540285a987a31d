/**
 * The test calendar servers this test process started (its children, and theirs), found with `ps`. Test
 * files run side by side, so a count of every calendar server on the machine would see another file's.
 */
import { execFileSync } from "node:child_process";

export function calendarProcesses(root = process.pid): string[] {
	const rows = execFileSync("ps", ["-eo", "pid=,ppid=,args="], { encoding: "utf8" })
		.split("\n")
		.map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
		.filter((match): match is RegExpExecArray => match !== null)
		.map((match) => ({ pid: Number(match[1]), ppid: Number(match[2]), args: match[3] ?? "" }));
	const ours = new Set([root]);
	// Parents can be listed after their children, so repeat until no new descendant turns up.
	for (let grew = true; grew; ) {
		grew = false;
		for (const row of rows) {
			if (ours.has(row.ppid) && !ours.has(row.pid)) {
				ours.add(row.pid);
				grew = true;
			}
		}
	}
	return rows.filter((row) => ours.has(row.pid) && row.args.includes("calendar-server.mjs")).map((row) => row.args);
}

/**
 * Every process on the machine whose command line holds `marker`, whoever its parent is now: a grandchild
 * whose parent exited is adopted by init, so counting descendants would miss exactly the one that survived.
 */
export function processesWith(marker: string): string[] {
	return execFileSync("ps", ["-eo", "args="], { encoding: "utf8" })
		.split("\n")
		.filter((args) => args.includes(marker) && !args.startsWith("ps "));
}
