// @vitest-environment happy-dom
/** The app with exclusions that cannot be known: it keeps the last good ones and says so, through the same data.json path. */
import { afterEach, describe, expect, it } from "vitest";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import CoworkerPlugin from "../../src/obsidian/main";
import { createTempVault, type TempVault } from "../helpers/temp-vault";
import { clearNotices, createFakeApp, findSetting, noticeMessages, openSettingTab } from "../helpers/fake-obsidian-app";
import { startCoworker, stopCoworker } from "../helpers/start-coworker";
import { PLUGIN_DIR } from "../helpers/plugin-settings";

const MARKER = "MARKER-b81d44e0-settings";

let vault: TempVault;
let plugin: CoworkerPlugin | undefined;
afterEach(async () => {
	if (plugin) await stopCoworker(plugin);
	plugin = undefined;
	clearNotices();
	await vault.cleanup();
});

async function startWith(data: unknown): Promise<CoworkerPlugin> {
	if (plugin) await stopCoworker(plugin);
	await writeFile(join(vault.root, PLUGIN_DIR, "data.json"), JSON.stringify(data));
	return startCoworker(createFakeApp(vault.root), (loaded) => (plugin = loaded));
}

describe("settings with exclusions of the wrong type, in the app", () => {
	it("keeps the last good exclusions, says so, and the excluded note stays out of the index", async () => {
		vault = await createTempVault({ "Secret/Pay.md": `# Pay\n${MARKER} salaries`, "Public.md": "# Public\nsalaries are public here" });
		await mkdir(join(vault.root, PLUGIN_DIR), { recursive: true });
		const first = await startWith({ excludedFolders: ["./Secret/"] });
		expect(first.indexSync.index.searchNotes("salaries", 10).map((hit) => hit.path)).toEqual(["Public.md"]);

		clearNotices();
		const second = await startWith({ excludedFolders: "Secret" });
		expect(second.settings.excludedFolders).toEqual(["./Secret/"]);
		expect(noticeMessages().join("\n")).toMatch(/"excludedFolders" must be a list of text.*The last good exclusions are kept \(folder \.\/Secret\/\)/);
		expect(second.indexSync.index.searchNotes("salaries", 10).map((hit) => hit.path)).toEqual(["Public.md"]);
		expect(second.indexSync.index.searchNotes(MARKER, 10)).toEqual([]);
	});

	it("a folder spelling that names no one folder is refused with a sentence in the settings tab", async () => {
		vault = await createTempVault({ "Public.md": "# Public" });
		await mkdir(join(vault.root, PLUGIN_DIR), { recursive: true });
		const loaded = await startWith({});
		const excluded = findSetting(openSettingTab(loaded).containerEl, "Excluded folders");
		excluded.change("./Secret/\nSec*");
		expect(excluded.setting.descEl.textContent).toContain('The excluded folder "Sec*" holds a wildcard; write the folder itself, such as "Secret".');
		expect(excluded.setting.descEl.textContent).not.toContain("./Secret/");
	});
});
