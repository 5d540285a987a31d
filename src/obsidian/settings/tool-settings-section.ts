/** Settings for MCP servers: the JSON other clients use, checked as it is typed, and the limits of tool calls. */
import { SecretComponent, Setting, type App } from "obsidian";
import type { McpConfigRead } from "../../core/tools/mcp-config";
import type { SettingsHost } from "./settings-host";
import { numberSetting, rangeWords } from "./number-setting";

const EXAMPLE = `{
  "mcpServers": {
    "calendar": { "command": "npx", "args": ["-y", "some-calendar-mcp"] },
    "tracker": { "url": "https://example.com/mcp", "headers": { "Authorization": "Bearer \${TRACKER_TOKEN}" } }
  }
}`;

export function displayToolSettings(containerEl: HTMLElement, app: App, host: SettingsHost): void {
	const { settings } = host;
	new Setting(containerEl).setName("Tools (MCP servers)").setHeading();

	const field = new Setting(containerEl)
		.setName("MCP servers")
		.setDesc(
			"Paste the mcpServers JSON you use with other MCP clients. Write ${NAME} where a token goes: it is filled from the secret of that name in Obsidian's secret storage, so it never sits in data.json. Servers that run a program work on desktop only.",
		);
	field.settingEl.addClass("coworker-mcp-setting");
	const verdict = containerEl.createDiv({ cls: "setting-item-description coworker-mcp-verdict" });
	const showVerdict = (read: McpConfigRead, text: string): void => {
		verdict.empty();
		verdict.toggleClass("mod-warning", read.problems.length > 0);
		if (text.trim() === "") verdict.setText("No servers: runs use the vault only.");
		else if (read.problems.length === 0) verdict.setText(`${read.servers.length} server${read.servers.length === 1 ? "" : "s"}: ${read.servers.map((s) => `${s.name} (${s.transport === "stdio" ? "program" : "HTTP"})`).join(", ")}.`);
		for (const problem of read.problems) verdict.createDiv({ text: problem });
	};
	field.addTextArea((area) => {
		area.inputEl.rows = 10;
		area.inputEl.addClass("coworker-mcp-json");
		area.setPlaceholder(EXAMPLE)
			.setValue(settings.mcpServers)
			.onChange(async (value) => {
				// Saved as typed, even with problems, so nothing the user wrote is lost; servers with problems are left out of runs.
				settings.mcpServers = value;
				showVerdict(host.readMcpConfig(value), value);
				await host.saveSettings(false);
			});
	});
	showVerdict(host.readMcpConfig(settings.mcpServers), settings.mcpServers);

	const test = new Setting(containerEl).setName("Test MCP servers").setDesc("Starts each server and lists its tools, or says why it could not be used.");
	test.addButton((button) =>
		button.setButtonText("Test").onClick(async () => {
			button.setDisabled(true);
			test.setDesc("Starting the servers…");
			const lines = await host.testMcpServers();
			test.descEl.empty();
			if (lines.length === 0) test.setDesc("No servers to test.");
			for (const line of lines) test.descEl.createDiv({ text: line });
			button.setDisabled(false);
		}),
	);

	if ((app as Partial<Pick<App, "secretStorage">>).secretStorage) {
		const secret = new Setting(containerEl).setName("Secret for a server").setDesc("Pick or create a secret here, then write its name as ${NAME} in the JSON above.");
		secret.addComponent((el) =>
			new SecretComponent(app, el).onChange((name) => {
				secret.setDesc(name === "" ? "Pick or create a secret here, then write its name as ${NAME} in the JSON above." : `Write \${${name}} in the JSON above where this secret goes.`);
			}),
		);
	}

	numberSetting(
		containerEl,
		host,
		"mcpCallTimeoutSeconds",
		"Seconds per tool call",
		`How long a server may take to start or to answer one call before the run goes on without it (${rangeWords("mcpCallTimeoutSeconds")}).`,
	);
	numberSetting(
		containerEl,
		host,
		"mcpMaxResultBytes",
		"Largest tool result",
		`Bytes of one result the model sees; the rest is cut, and the model is told so (${rangeWords("mcpMaxResultBytes")}).`,
	);
	numberSetting(containerEl, host, "mcpIdleMinutes", "Keep servers running for", "Minutes after the last run, so the next run does not wait for them to start; 0 stops them when each run ends.");
}
