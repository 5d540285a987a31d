/** Finds the vault's workflow notes through the index and reads each one. */
import type { VaultIndex } from "../index/vault-index";
import type { VaultReader } from "../ports/vault-reader";
import { parseWorkflow, type WorkflowDefaults, type WorkflowVault } from "./parse-workflow";
import type { WorkflowRead } from "./workflow";

/**
 * Every indexed note whose `coworker` property is `workflow`, parsed and checked, in path order. A workflow
 * in an excluded folder or marked private is not indexed, and so never runs.
 */
export async function readWorkflows(index: VaultIndex, reader: VaultReader, vault: WorkflowVault, defaults: WorkflowDefaults): Promise<WorkflowRead[]> {
	const reads: WorkflowRead[] = [];
	for (const note of index.indexedNotes()) {
		if (note.coworker !== "workflow") continue;
		let text: string;
		try {
			text = await reader.read(note.path);
		} catch (error) {
			reads.push({
				path: note.path,
				workflow: null,
				problems: [{ path: note.path, field: "file", message: `${note.path} could not be read (${error instanceof Error ? error.message : String(error)}).` }],
			});
			continue;
		}
		reads.push(parseWorkflow(note.path, text, vault, defaults));
	}
	return reads;
}
