/** "Show tools": each MCP server with its state (running, stopped, failing and why), its tools, and each tool's permission, editable here. */
import { DropdownComponent, ItemView, Notice, Setting, type WorkspaceLeaf } from "obsidian";
import { permissionOf, type ToolPermission } from "../../core/tools/tool-permissions";
import type { McpService, ToolServerStatus } from "./mcp-service";

export const TOOLS_VIEW_TYPE = "ai-coworker-tools";

const STATE_WORDS: Record<ToolServerStatus["state"], string> = {
	running: "Running",
	stopped: "Stopped (starts when a run needs it)",
	failing: "Failing",
	unavailable: "Unavailable on this device",
};

export class ToolsView extends ItemView {
	constructor(
		leaf: WorkspaceLeaf,
		private readonly service: McpService,
	) {
		super(leaf);
	}

	override getViewType(): string {
		return TOOLS_VIEW_TYPE;
	}

	override getDisplayText(): string {
		return "Tools";
	}

	override getIcon(): string {
		return "plug";
	}

	override async onOpen(): Promise<void> {
		this.register(this.service.onChange(() => this.render()));
		this.render();
		return Promise.resolve();
	}

	override async onClose(): Promise<void> {
		this.contentEl.empty();
		return Promise.resolve();
	}

	render(): void {
		const el = this.contentEl;
		el.empty();
		el.addClass("coworker-tools");
		el.createEl("h4", { text: "Tools" });
		const statuses = this.service.statuses();
		const problems = this.service.readConfig().problems;
		for (const problem of problems) el.createEl("p", { cls: "mod-warning", text: problem });
		if (statuses.length === 0) {
			el.createEl("p", { text: "No MCP servers are configured yet. Paste them into the plugin settings." });
			return;
		}
		new Setting(el).setDesc("Starts each server and lists its tools.").addButton((button) =>
			button.setButtonText("Test servers").onClick(async () => {
				button.setDisabled(true);
				await this.service.test();
				button.setDisabled(false);
			}),
		);
		for (const status of statuses) this.renderServer(el.createDiv({ cls: "coworker-tool-server" }), status);
	}

	private renderServer(el: HTMLElement, status: ToolServerStatus): void {
		el.createDiv({ cls: "coworker-tool-server-name", text: `${status.name} (${status.transport === "stdio" ? "program" : "HTTP"})` });
		el.createDiv({ cls: `coworker-tool-state coworker-tool-state-${status.state}`, text: STATE_WORDS[status.state] });
		if (status.error) el.createDiv({ cls: "mod-warning", text: status.error });
		if (status.tools.length === 0) {
			if (status.state !== "unavailable") el.createDiv({ cls: "setting-item-description", text: "Its tools show here once it has started (Test servers)." });
			return;
		}
		for (const tool of status.tools) {
			const fallback = permissionOf({ server: tool.server, tool: tool.name, readOnly: tool.readOnly, overrides: {} });
			const setting = new Setting(el).setName(tool.name).setDesc(`${tool.description}${tool.readOnly ? " (read-only)" : ""}`);
			setting.addDropdown((dropdown: DropdownComponent) =>
				dropdown
					.addOption("default", `Default (${fallback})`)
					.addOption("allow", "Allow")
					.addOption("ask", "Ask")
					.addOption("deny", "Deny")
					.setValue(this.service.permissionOverride(tool.server, tool.name) ?? "default")
					.onChange(async (value) => {
						await this.service.setPermission(tool.server, tool.name, value === "default" ? null : (value as ToolPermission));
						new Notice(`${tool.server}/${tool.name}: ${value === "default" ? `back to the default (${fallback})` : value}.`);
					}),
			);
		}
	}
}
