/** Where a run is, as the pipeline reports it while it works: for the panel's "Now" line, not for the record. */
import type { TokenUsage } from "../model/chat-model";

/** `usage` is what the run's requests have used so far (all zero before the first answer, or when the endpoint reports none). */
export type RunStage =
	| { kind: "gathering" }
	| { kind: "waiting-for-model"; request: number; usage: TokenUsage }
	/** A streamed answer as it is written: `text` is what the model has written so far, its reasoning removed. */
	| { kind: "answering"; request: number; text: string; usage: TokenUsage }
	| { kind: "tool-call"; n: number; name: string; usage: TokenUsage }
	| { kind: "writing"; usage: TokenUsage };

/** The stage in a few words, sentence case: "Waiting for the model (request 2)"; an answer's text is shown apart. */
export function describeStage(stage: RunStage): string {
	switch (stage.kind) {
		case "gathering":
			return "Gathering sources";
		case "waiting-for-model":
			return stage.request === 1 ? "Waiting for the model" : `Waiting for the model (request ${stage.request})`;
		case "answering":
			return stage.request === 1 ? "The model is writing" : `The model is writing (request ${stage.request})`;
		case "tool-call":
			return `Tool call ${stage.n}: ${stage.name}`;
		case "writing":
			return "Writing the deliverable";
	}
}
