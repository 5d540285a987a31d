/** `coworker bases`: writes Coworker/Review.base as the app's "Review queue" command does; an existing one is the user's and stays. */
import type { VaultContext } from "../composition-root";
import type { Output } from "../output";
import { REVIEW_BASE, REVIEW_BASE_PATH } from "../../core/review/review-queue";

export async function runBasesCommand(vault: VaultContext, options: { json: boolean }, out: Output): Promise<number> {
	let written = false;
	if (!(await vault.writer.exists(REVIEW_BASE_PATH))) {
		try {
			await vault.writer.create(REVIEW_BASE_PATH, REVIEW_BASE);
			written = true;
		} catch (error) {
			// Created meanwhile (the app, a second run): the same outcome as finding it, never an overwrite.
			if (!(await vault.writer.exists(REVIEW_BASE_PATH))) throw error;
		}
	}
	if (options.json) out.json({ path: REVIEW_BASE_PATH, written });
	else out.line(written ? `Wrote ${REVIEW_BASE_PATH}; open it in Obsidian (Bases core plugin) for the review queue.` : `${REVIEW_BASE_PATH} already exists; it is left as it is.`);
	return 0;
}
