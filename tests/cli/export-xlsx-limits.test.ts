import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copyExampleVault, type TempVault } from "../helpers/temp-vault";
import { runBuiltCli } from "../helpers/run-cli";
import { snapshotVault } from "../helpers/vault-snapshot";
import { TABLE, writeDeliverables } from "../helpers/office-deliverables";

let vault: TempVault;
beforeEach(async () => {
	vault = await copyExampleVault();
	await writeDeliverables(vault);
});
afterEach(() => vault.cleanup());

describe("coworker export of a table Excel cannot hold whole", () => {
	it("refuses in one sentence naming the CSV, the row and the column, and writes nothing", async () => {
		const csv = TABLE.replace(/\.md$/, ".csv");
		await vault.write(csv, `month,client,notes\n2026-07,Acme Corp,short\n2026-08,Initech,"${"long ".repeat(7000)}"\n`);
		const before = await snapshotVault(vault.root);
		const result = await runBuiltCli("export", "--vault", vault.root, TABLE);
		expect(result.code).toBe(1);
		expect(result.stderr).toBe(`coworker: ${TABLE}: its table ${csv} has a cell of 35,000 characters in row 3, column C, more than an Excel cell holds (32,767); nothing was exported.\n`);
		expect(await snapshotVault(vault.root)).toEqual(before);
	});
});
