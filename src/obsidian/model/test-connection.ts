/** "Test connection": asks the endpoint for its models and says in one sentence what came back. */
import { ModelError } from "../../core/model/model-error";
import type { ModelSettings } from "../../core/settings/plugin-settings";
import type { PluginModel } from "./plugin-model";

const MODELS_NAMED = 5;

export async function testConnection(modelFor: (settings: ModelSettings) => PluginModel, settings: ModelSettings): Promise<string> {
	// Listing models needs no model name, so an empty one must not stop the test.
	const model = modelFor({ ...settings, model: settings.model || "(none)" });
	if (!model.ok) return model.error;
	try {
		const ids = await model.client.listModels();
		if (ids.length === 0) return `Connected to ${settings.baseUrl}, which lists no models.`;
		const named = ids.slice(0, MODELS_NAMED).join(", ") + (ids.length > MODELS_NAMED ? ", …" : "");
		const verdict =
			settings.model === ""
				? "Choose one as the model name."
				: ids.includes(settings.model)
					? `"${settings.model}" is one of them.`
					: `"${settings.model}" is not among them; check the model name.`;
		return `Connected: ${ids.length} model${ids.length === 1 ? "" : "s"} available (${named}). ${verdict}`;
	} catch (error) {
		return error instanceof ModelError ? error.message : `The test failed: ${error instanceof Error ? error.message : String(error)}`;
	}
}
