/** Progress on standard error while a terminal watches: one line redrawn in place, at most ten times a second, cleared at the end. */
import type { ChatModel } from "../core/model/chat-model";

export interface Progress {
	/** "Indexing vault: N of M notes". */
	indexing(done: number, total: number): void;
	/** What a run is doing now ("Waiting for the model"); shown again after indexing ends. */
	stage(text: string): void;
	/** Removes the line, so what follows starts on a clean line. */
	clear(): void;
}

/** For pipes, files, cron and `--json`: nothing extra on stderr. */
export const NO_PROGRESS: Progress = { indexing: () => undefined, stage: () => undefined, clear: () => undefined };

/** Fewer redraws than this apart would only flicker (and slow a fast index down). */
const MIN_REDRAW_MS = 100;

export function terminalProgress(stream: { write(text: string): unknown }, now: () => number): Progress {
	let shown = "";
	let lastDraw = -Infinity;
	let stageText: string | null = null;
	const draw = (text: string, force: boolean): void => {
		if (text === shown) return;
		if (!force && now() - lastDraw < MIN_REDRAW_MS) return;
		// Padding over the previous text erases what a shorter line would leave behind.
		stream.write(`\r${text}${" ".repeat(Math.max(0, shown.length - text.length))}`);
		shown = text;
		lastDraw = now();
	};
	return {
		indexing(done, total) {
			if (total === 0) return;
			// The last count is always drawn, so the line never stops short of M of M.
			if (done < total) draw(`Indexing vault: ${done} of ${total} notes`, false);
			else draw(stageText ?? `Indexing vault: ${total} of ${total} notes`, true);
		},
		stage(text) {
			stageText = `${text}…`;
			draw(stageText, true);
		},
		clear() {
			if (shown !== "") stream.write(`\r${" ".repeat(shown.length)}\r`);
			shown = "";
		},
	};
}

/** The model with its calls shown as stages: waiting while it thinks, writing once it has answered. */
export function modelWithProgress(model: ChatModel, progress: Progress): ChatModel {
	return {
		get modelName() {
			return model.modelName;
		},
		async complete(messages, options) {
			progress.stage(`Waiting for the model (${model.modelName})`);
			const turn = await model.complete(messages, options);
			progress.stage(turn.toolCalls.length > 0 ? "Calling tools" : "Writing");
			return turn;
		},
	};
}
