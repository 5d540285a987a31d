/** Builds a {@link VaultIndex} over a folder of real files, as the CLI does. */
import { NodeVaultReader } from "../../src/cli/node-vault-reader";
import { NodeFileStore } from "../../src/cli/node-file-store";
import { VaultIndex } from "../../src/core/index/vault-index";
import { DEFAULT_INDEX_SETTINGS, type IndexSettings } from "../../src/core/index/index-settings";
import type { KeyValueStore } from "../../src/core/ports/key-value-store";
import type { Clock } from "../../src/core/ports/clock";
import { join } from "node:path";

export function indexOver(root: string, options: { settings?: Partial<IndexSettings>; store?: KeyValueStore; clock?: Clock } = {}): VaultIndex {
	return new VaultIndex({
		vault: new NodeVaultReader(root),
		store: options.store ?? new NodeFileStore(join(root, ".obsidian", "plugins", "ai-coworker")),
		settings: { ...DEFAULT_INDEX_SETTINGS, ...options.settings },
		...(options.clock ? { clock: options.clock } : {}),
	});
}
