/**
 * A workflow's `export:` after its note is written. The note is the deliverable and the office file a copy,
 * so a failed export is a warning, never a failed run. The exporter is loaded with import() here, so nothing
 * that only runs tasks evaluates the office libraries.
 */
import type { ExportFormat } from "./export-format";
import type { ExportPorts } from "./export-deliverable";

/** Exports `deliverable`, returns the files written; a failure becomes one sentence in `warnings`. */
export type ExportAfterRun = (deliverable: string, formats: readonly ExportFormat[], warnings: string[]) => Promise<string[]>;

/** The hook over the vault's ports. No run log: the run's own record, written after, lists the files. */
export function exportAfterRun(ports: Omit<ExportPorts, "runLog">): ExportAfterRun {
	return async (deliverable, formats, warnings) => {
		try {
			const { exportDeliverable } = await import("./export-deliverable");
			const result = await exportDeliverable(deliverable, formats, { ...ports, runLog: null });
			if (result.ok) {
				warnings.push(...result.warnings);
				return result.files;
			}
			warnings.push(`The note is written, but its export failed: ${result.error}`);
		} catch (error) {
			warnings.push(`The note is written, but its export failed: ${error instanceof Error ? error.message : String(error)}.`);
		}
		return [];
	};
}
