/** Settings for the model: provider, endpoint, model, API key (in secret storage), limits, and "Test connection". */
import { SecretComponent, Setting, type App } from "obsidian";
import { isProviderId, PROVIDER_IDS, PROVIDER_PRESETS } from "../../core/model/provider-presets";
import type { SettingsHost } from "./settings-host";
import { numberSetting } from "./number-setting";

export function displayModelSettings(containerEl: HTMLElement, app: App, host: SettingsHost, redisplay: () => void): void {
	const { settings } = host;
	new Setting(containerEl).setName("Model").setHeading();

	new Setting(containerEl)
		.setName("Provider")
		.setDesc("Any OpenAI-compatible endpoint. Local servers run on this computer, so nothing leaves it.")
		.addDropdown((dropdown) => {
			for (const id of PROVIDER_IDS) dropdown.addOption(id, PROVIDER_PRESETS[id].label);
			dropdown.setValue(settings.provider).onChange(async (value) => {
				if (!isProviderId(value)) return;
				const previous = PROVIDER_PRESETS[settings.provider];
				const next = PROVIDER_PRESETS[value];
				settings.provider = value;
				if (next.baseUrl !== "") settings.baseUrl = next.baseUrl;
				// Keep a model the user chose; replace only the previous provider's default.
				if (settings.model === "" || settings.model === previous.defaultModel) settings.model = next.defaultModel;
				await host.saveSettings(false);
				redisplay();
			});
		});

	new Setting(containerEl)
		.setName("Base URL")
		.setDesc("Usually ends in /v1.")
		.addText((text) =>
			text
				.setValue(settings.baseUrl)
				.onChange(async (value) => {
					settings.baseUrl = value.trim();
					await host.saveSettings(false);
				}),
		);

	new Setting(containerEl).setName("Model name").addText((text) =>
		text
			.setPlaceholder(PROVIDER_PRESETS[settings.provider].defaultModel || "llama3.1")
			.setValue(settings.model)
			.onChange(async (value) => {
				settings.model = value.trim();
				await host.saveSettings(false);
			}),
	);

	if ((app as Partial<Pick<App, "secretStorage">>).secretStorage) {
		new Setting(containerEl)
			.setName("API key")
			.setDesc(
				"Kept in Obsidian's secret storage on this device, never in the plugin's data.json (which stores only the secret's name). Local servers need none.",
			)
			.addComponent((el) =>
				new SecretComponent(app, el).setValue(settings.apiKeySecret).onChange(async (name) => {
					settings.apiKeySecret = name;
					await host.saveSettings(false);
				}),
			);
	} else {
		new Setting(containerEl)
			.setName("API key")
			.setDesc("This version of Obsidian has no secret storage, so the key is kept in the plugin's data.json in this vault. Update Obsidian to keep it out of the vault.")
			.addText((text) => {
				text.inputEl.type = "password";
				text.setValue(settings.apiKey).onChange(async (value) => {
					settings.apiKey = value.trim();
					await host.saveSettings(false);
				});
			});
	}

	const test = new Setting(containerEl).setName("Test connection").setDesc("Lists the models the endpoint offers, or says why it cannot be reached.");
	test.addButton((button) =>
		button.setButtonText("Test").onClick(async () => {
			button.setDisabled(true);
			test.setDesc("Connecting…");
			test.setDesc(await host.testConnection());
			button.setDisabled(false);
		}),
	);

	numberSetting(containerEl, host, "requestTimeoutSeconds", "Request timeout in seconds", "How long to wait for an answer before giving up (retries wait longer).");
	numberSetting(containerEl, host, "maxRetries", "Retries", "Retries after a rate limit, a server error or a dropped connection, waiting as the server asks.");
	numberSetting(
		containerEl,
		host,
		"contextBudgetTokens",
		"Context budget in tokens",
		"The most a request may hold: instructions, goal and sources. The most relevant sections go first; the rest is left out. Keep it below the model's context window.",
	);
	new Setting(containerEl)
		.setName("Agent mode by default")
		.setDesc("Delegated tasks start with agent mode on: the model may search and read more notes (read-only).")
		.addToggle((toggle) =>
			toggle.setValue(settings.agentMode).onChange(async (value) => {
				settings.agentMode = value;
				await host.saveSettings(false);
			}),
		);
	numberSetting(containerEl, host, "maxAgentSteps", "Agent steps", "The most rounds of tool calls in agent mode before the model must write.");
}
