/** Picks an MCP resource from those the configured servers list, by typing part of its name or URI. */
import { SuggestModal, type App } from "obsidian";
import type { ListedResource } from "../../core/tools/mcp-connections";

export class ResourcePickerModal extends SuggestModal<ListedResource> {
	constructor(
		app: App,
		private readonly resources: readonly ListedResource[],
		private readonly onPick: (spec: string) => void,
	) {
		super(app);
		this.setPlaceholder("Type part of a resource's name or address…");
		this.emptyStateText = resources.length === 0 ? "The MCP servers list no resources." : "No matching resources.";
	}

	getSuggestions(query: string): ListedResource[] {
		const words = query.toLowerCase().split(/\s+/).filter((word) => word !== "");
		return this.resources.filter((resource) => words.every((word) => `${resource.server}/${resource.uri} ${resource.name} ${resource.description}`.toLowerCase().includes(word)));
	}

	renderSuggestion(resource: ListedResource, el: HTMLElement): void {
		el.createDiv({ text: resource.name === "" ? resource.uri : resource.name });
		el.createDiv({ cls: "coworker-search-hit-path", text: `${resource.server}/${resource.uri}` });
		if (resource.description !== "") el.createDiv({ cls: "coworker-search-hit-snippet", text: resource.description });
	}

	onChooseSuggestion(resource: ListedResource): void {
		this.onPick(`${resource.server}/${resource.uri}`);
	}
}
