/** Command "Search vault context…": opens the search modal over the vault index. */
import type { App, Command } from "obsidian";
import type { IndexSync } from "../index/index-sync";
import { SearchModal } from "./search-modal";

export function searchVaultContextCommand(app: App, sync: IndexSync): Command {
	return {
		id: "search-vault-context",
		name: "Search vault context…",
		callback: () => new SearchModal(app, sync).open(),
	};
}
