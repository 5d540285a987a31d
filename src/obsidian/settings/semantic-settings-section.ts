/** Settings for semantic search: off by default, and its own embedding model at the model's endpoint. */
import { debounce, Setting } from "obsidian";
import type { SettingsHost } from "./settings-host";

/** A model name is applied after the typing stops, not once per key (each change re-reads the stored vectors). */
const APPLY_MODEL_DELAY_MS = 1_000;
/** A model name, not UI text: kept in a constant so it is shown as the API spells it. */
const EXAMPLE_MODEL = "text-embedding-3-small";

export function displaySemanticSettings(containerEl: HTMLElement, host: SettingsHost): void {
	new Setting(containerEl).setName("Semantic search").setHeading();
	const applyModel = debounce(() => host.semanticSearchChanged?.(), APPLY_MODEL_DELAY_MS, true);

	new Setting(containerEl)
		.setName("Search by meaning")
		.setDesc(
			"Off by default. When on, the sections of the notes the index holds are sent to the model endpoint above to be embedded, and each search sends its query. " +
				"Private notes and excluded folders and tags are never sent. Before the first embedding you see how many sections and about how many tokens it costs.",
		)
		.addToggle((toggle) =>
			toggle.setValue(host.settings.semanticSearch).onChange(async (on) => {
				host.settings.semanticSearch = on;
				await host.saveSettings(false);
				host.semanticSearchChanged?.();
			}),
		);

	new Setting(containerEl)
		.setName("Embedding model")
		.setDesc("The embedding model at the same endpoint: text-embedding-3-small at OpenAI, nomic-embed-text in a local server. Changing it embeds the notes again.")
		.addText((text) =>
			text
				.setPlaceholder(EXAMPLE_MODEL)
				.setValue(host.settings.embeddingModel)
				.onChange(async (value) => {
					host.settings.embeddingModel = value.trim();
					await host.saveSettings(false);
					applyModel();
				}),
		);
}
