/** The price table per model, as JSON: the coworker panel estimates each run's cost from it. */
import { Setting } from "obsidian";
import { readModelPricesText } from "../../core/panel/model-prices";
import type { SettingsHost } from "./settings-host";

const EXAMPLE = `{
  "gpt-4.1-mini": { "input": 0.4, "output": 1.6 }
}`;

export function displayPriceSettings(containerEl: HTMLElement, host: SettingsHost): void {
	const { settings } = host;
	const field = new Setting(containerEl)
		.setName("Model prices")
		.setDesc("Dollars per million input and output tokens, per model, for the cost estimates in the coworker panel. Leave a model out (a local model) to show no cost.");
	const verdict = containerEl.createDiv({ cls: "setting-item-description coworker-prices-verdict" });
	field.addTextArea((area) => {
		area.inputEl.rows = 5;
		area.inputEl.addClass("coworker-mcp-json");
		const current = Object.keys(settings.modelPrices).length === 0 ? "" : JSON.stringify(settings.modelPrices, null, 2);
		area.setPlaceholder(EXAMPLE)
			.setValue(current)
			.onChange(async (value) => {
				const read = readModelPricesText(value, "Model prices");
				verdict.toggleClass("mod-warning", !read.ok);
				// A bad table is not saved: the last good one stays in use, and the text stays in the field to be fixed.
				if (!read.ok) {
					verdict.setText(read.error);
					return;
				}
				verdict.setText("");
				settings.modelPrices = read.prices;
				await host.saveSettings(false);
			});
	});
}
