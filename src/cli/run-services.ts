/** The run pipeline's services over a vault folder; apart from vault-context.ts so that `index` and `search` never load the exporters. */
import type { ChatModel } from "../core/model/chat-model";
import type { RunServices } from "../core/run/run-task";
import type { LinkResolver } from "../core/notes/link-resolver";
import { exportAfterRun } from "../core/export/export-after-run";
import { NodeNoteEditor } from "./node-note-editor";
import type { VaultContext } from "./vault-context";

/** The run pipeline's services over the vault folder, with this run's model, clock and external tools. */
export function runServicesFor(vault: VaultContext, links: LinkResolver, options: { model: ChatModel | null; now: () => number; externalTools?: RunServices["externalTools"] }): RunServices {
	return {
		readers: { reader: vault.reader, index: vault.index, links, settings: vault.settings },
		writer: vault.writer,
		model: options.model,
		runLog: vault.runLog,
		now: options.now,
		settings: vault.settings,
		...(options.externalTools ? { externalTools: options.externalTools } : {}),
		exportDeliverable: exportAfterRun({ reader: vault.reader, writer: vault.writer, links, editor: new NodeNoteEditor(vault.root) }),
	};
}
