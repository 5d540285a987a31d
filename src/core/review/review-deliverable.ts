/** Review: approve a deliverable, or send it back with feedback that becomes a lesson and, if asked, a revision. */
import type { NoteEditor } from "../ports/note-editor";
import type { VaultWriter } from "../ports/vault-writer";
import { MEMORY_NOTE_TEMPLATE } from "../context/memory-note";
import { basenameOf } from "../notes/note-path";
import type { SourceSpec } from "../context/source-spec";
import { sourceForPath } from "../context/source-spec";
import { localDate, localIsoWithOffset } from "../run/local-time";
import { runTask, type RunResult, type RunServices, type TaskRequest } from "../run/run-task";
import { isWorkflowNote, parseWorkflow, type WorkflowDefaults, type WorkflowVault } from "../workflow/parse-workflow";
import { readNote } from "../context/gather-sources";
import { workflowRequest } from "../workflow/workflow-request";
import { readDeliverable, type DeliverableInfo } from "./deliverable-info";
import { appendToSection } from "./note-sections";

export interface ReviewServices {
	run: RunServices;
	editor: NoteEditor;
	writer: VaultWriter;
	/** For reading the workflow a deliverable came from. */
	workflowVault: WorkflowVault;
	workflowDefaults: WorkflowDefaults;
	memoryPath: string;
	/** Runs the revision; the pipeline directly unless the app routes it through its task runner (notice, cancel). */
	runRevision?: (request: TaskRequest) => Promise<RunResult | null>;
}

export type ReviewResult =
	| {
			ok: true;
			deliverable: string;
			status: string;
			/** Where the feedback became a standing lesson (the workflow, or the memory note when asked), or null: it then lives in the deliverable's `feedback` property and its revision. */
			lessonIn: string | null;
			revision: RunResult | null;
	  }
	| { ok: false; error: string };

/** What the reviewer chose besides the feedback itself. */
export interface FeedbackChoices {
	/** Write a revision now that addresses the feedback. */
	revise: boolean;
	/** Also keep the feedback as standing memory for future tasks (the memory note's `## Feedback`). */
	remember?: boolean;
}

/** Sets `status: approved` and `reviewed`; nothing else in the note changes. */
export async function approveDeliverable(path: string, services: ReviewServices): Promise<ReviewResult> {
	const read = await readDeliverable(path, services.run.readers.reader, services.run.readers.links);
	if (!read.ok) return read;
	await services.editor.setProperties(path, { status: "approved", reviewed: localIsoWithOffset(services.run.now()) });
	return { ok: true, deliverable: path, status: "approved", lessonIn: null, revision: null };
}

/**
 * Sets `status: changes-requested`, `reviewed` and `feedback` on the deliverable; adds the feedback as a dated
 * lesson to the deliverable's workflow, and to the memory note only when the reviewer asks (`remember`): feedback
 * on one delegated task is about that task, and would otherwise steer every later one. With `revise` it writes a
 * revision: a new deliverable with `revises: [[previous]]` that addresses the feedback. The earlier one is kept.
 */
export async function requestChanges(path: string, feedback: string, choices: FeedbackChoices, services: ReviewServices, signal?: AbortSignal): Promise<ReviewResult> {
	const text = feedback.replace(/\s+/g, " ").trim();
	if (text === "") return { ok: false, error: "The feedback is empty; say what should change." };
	const read = await readDeliverable(path, services.run.readers.reader, services.run.readers.links);
	if (!read.ok) return read;
	const info = read.info;
	// The workflow link is an older reference: the note may since have become private, excluded or no workflow at all.
	const workflow = await linkedWorkflow(info, services);
	if (workflow.kind === "refused") return { ok: false, error: workflow.error };
	const now = services.run.now();
	await services.editor.setProperties(path, { status: "changes-requested", reviewed: localIsoWithOffset(now), feedback: text });
	const lesson = (inNote: string): string => `- ${localDate(now)}: ${text} (review of [[${services.run.readers.links.linktext(path, inNote)}]])`;
	const lessonIn = await addLesson(info, workflow, lesson, choices.remember === true, services);
	if (!choices.revise) return { ok: true, deliverable: path, status: "changes-requested", lessonIn, revision: null };
	const request = await revisionRequest(info, workflow, text, services);
	if (!request.ok) return request;
	const revision = services.runRevision ? await services.runRevision(request.request) : await runTask(request.request, services.run, signal);
	if (revision === null) return { ok: false, error: "The feedback was kept, but the revision could not start (another task is running, or the model is not set up)." };
	return { ok: true, deliverable: path, status: "changes-requested", lessonIn, revision };
}

/** The deliverable's workflow as it is now: none (no link, or the note is gone), a valid workflow, or refused with the reason. */
type LinkedWorkflow = { kind: "none" } | { kind: "ok"; path: string; text: string } | { kind: "refused"; error: string };

/**
 * Reads the workflow the deliverable links to through the same privacy check as a named source: a note that is
 * now private, excluded or not a valid workflow is neither read into a revision nor given a lesson.
 */
async function linkedWorkflow(info: DeliverableInfo, services: ReviewServices): Promise<LinkedWorkflow> {
	if (info.workflowPath === null || !(await services.writer.exists(info.workflowPath))) return { kind: "none" };
	const path = info.workflowPath;
	const refused = (why: string): LinkedWorkflow => ({ kind: "refused", error: `The workflow ${path} of ${info.path} ${why}, so nothing was changed: no feedback, no lesson, no revision.` });
	const read = await readNote(path, services.run.readers);
	if (read.kind === "excluded") return refused(read.reason);
	if (read.kind === "missing") return refused(read.reason);
	if (!isWorkflowNote(read.note.properties)) return refused("is no longer a workflow note (coworker: workflow)");
	return { kind: "ok", path, text: read.text };
}

/** A workflow's feedback is its lesson; `remember` also makes it standing memory. Returns the first note written, or null. */
async function addLesson(info: DeliverableInfo, workflow: LinkedWorkflow, lesson: (inNote: string) => string, remember: boolean, services: ReviewServices): Promise<string | null> {
	let lessonIn: string | null = null;
	if (workflow.kind === "ok") {
		const workflowPath = workflow.path;
		await services.editor.process(workflowPath, (text) => appendToSection(text, "Lessons", lesson(workflowPath)));
		lessonIn = workflowPath;
	}
	if (!remember) return lessonIn;
	if (!(await services.writer.exists(services.memoryPath))) await services.writer.create(services.memoryPath, MEMORY_NOTE_TEMPLATE);
	// A memory note made private or excluded is never edited (nor read): the lesson then stays on the deliverable.
	else if ((await readNote(services.memoryPath, services.run.readers)).kind === "excluded") return lessonIn;
	await services.editor.process(services.memoryPath, (text) => appendToSection(text, "Feedback", lesson(services.memoryPath)));
	return lessonIn ?? services.memoryPath;
}

/** The same task again, with the earlier deliverable as a source and the feedback as the first thing to address. */
async function revisionRequest(info: DeliverableInfo, workflow: LinkedWorkflow, feedback: string, services: ReviewServices): Promise<{ ok: true; request: TaskRequest } | { ok: false; error: string }> {
	const previous = `[[${services.run.readers.links.linktext(info.path, "")}]]`;
	const instruction = `Revise the earlier deliverable ${previous} (given as a source) to address this review feedback: "${feedback}". Keep what was right; change what the feedback asks for.`;
	if (info.workflowPath !== null) {
		// Read again through the same check, so the revision carries the lesson just added.
		const current = workflow.kind === "ok" ? await linkedWorkflow(info, services) : workflow;
		if (current.kind !== "ok") return { ok: false, error: `The workflow ${info.workflowPath} of ${info.path} cannot be read, so no revision was made.` };
		const parsed = parseWorkflow(current.path, current.text, services.workflowVault, services.workflowDefaults);
		if (!parsed.workflow) return { ok: false, error: `The workflow ${current.path} has problems, so no revision was made: ${parsed.problems[0]?.message ?? ""}` };
		const base = workflowRequest(parsed.workflow, info.occurrence ?? localIsoWithOffset(services.run.now()), null, services.run.now(), info.path);
		const folder = info.path.includes("/") ? `${info.path.slice(0, info.path.lastIndexOf("/"))}/` : "";
		return {
			ok: true,
			request: { ...base, goal: `${instruction}\n\n${base.goal}`, trigger: "command", outputTemplate: `${folder}{{title}}`, title: `${basenameOf(info.path)} revised`, revises: info.path },
		};
	}
	const sources: SourceSpec[] = [{ kind: "note", path: info.path }, ...info.sources.filter((source) => source !== info.path).map(sourceForPath), ...info.resources];
	const folder = info.path.includes("/") ? info.path.slice(0, info.path.lastIndexOf("/")) : "";
	return {
		ok: true,
		request: {
			goal: `${instruction}\n\n${info.goal ?? "The original goal is not recorded; keep the earlier deliverable's purpose."}`,
			format: info.format,
			sources,
			useMemory: true,
			agentMode: false,
			trigger: "command",
			outputTemplate: `${folder === "" ? "" : `${folder}/`}{{title}}`,
			title: `${basenameOf(info.path)} revised`,
			revises: info.path,
		},
	};
}
