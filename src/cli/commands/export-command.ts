/** `coworker export`: writes a deliverable's .docx, .pptx or .xlsx beside it and links it from the note. */
import type { VaultContext } from "../composition-root";
import type { Output } from "../output";
import { vaultPathOf } from "../../core/notes/note-path";
import { exportDeliverable } from "../../core/export/export-deliverable";
import type { ExportFormat } from "../../core/export/export-format";
import { UsageError } from "../usage-error";

export interface ExportOptions {
	deliverable: string;
	/** `default`: the deliverable's natural format; `all`: every one that makes sense for it. */
	to: "default" | "all" | ExportFormat[];
	json: boolean;
}

export async function runExportCommand(vault: VaultContext, options: ExportOptions, out: Output): Promise<number> {
	const path = vaultPathOf(options.deliverable);
	if (path === null || path === "") throw new UsageError(`${options.deliverable} is not a path inside the vault.`);
	for (const warning of vault.warnings) out.error(`warning: ${warning}`);
	const result = await exportDeliverable(path, options.to, {
		reader: vault.reader,
		writer: vault.writer,
		links: await vault.links(),
		editor: vault.editor,
		runLog: vault.runLog,
	});
	if (options.json) {
		out.json(result.ok ? { status: "ok", deliverable: result.deliverable, files: result.files, warnings: result.warnings, error: null } : { status: "failed", deliverable: path, files: [], warnings: [], error: result.error });
		return result.ok ? 0 : 1;
	}
	if (!result.ok) {
		out.error(`coworker: ${result.error}`);
		return 1;
	}
	for (const warning of result.warnings) out.error(`warning: ${warning}`);
	for (const file of result.files) out.line(`Exported: ${file}`);
	return 0;
}
