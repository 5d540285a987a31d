/** "Refine workflow from feedback": the model proposes a new instruction that folds in the workflow's lessons. */
import type { ChatModel } from "../model/chat-model";
import { ModelError } from "../model/model-error";
import type { Workflow } from "../workflow/workflow";
import { cleanAnswer } from "../deliverable/model-answer";
import { stripReasoning } from "../model/reasoning";

/** The proposal, for the user to accept or discard; nothing is changed here. */
export async function proposeInstruction(model: ChatModel, workflow: Workflow, signal?: AbortSignal): Promise<string> {
	if (workflow.lessons.trim() === "") throw new ModelError("config", `${workflow.path} has no lessons yet; review its deliverables first.`);
	const turn = await model.complete(
		[
			{
				role: "system",
				content:
					"You improve the instruction of a recurring task from the lessons its reviewer wrote. Rewrite the instruction so that it already " +
					"says what each lesson asks, keeping the author's voice, purpose and anything the lessons do not touch. Answer with the new " +
					"instruction only: plain Markdown, no headings above it, no frontmatter, no commentary.",
			},
			{ role: "user", content: `Instruction:\n${workflow.instruction}\n\nLessons:\n${workflow.lessons}` },
		],
		signal ? { signal } : {},
	);
	// A reasoning model's thinking is no instruction: it would be written into the workflow note on Accept.
	const proposal = cleanAnswer(stripReasoning(turn.text ?? "").text);
	if (proposal === "") throw new ModelError("bad-response", `The model "${model.modelName}" proposed an empty instruction; nothing was changed.`);
	return proposal;
}
