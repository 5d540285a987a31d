/** When a run is for: the date its file name and prompt carry, and for a workflow, its occurrence and period in the workflow's zone. */
import type { TaskRequest } from "./task-request";
import { dateOfIso, localDate, localIsoWithOffset, wallTimeWords } from "./local-time";
import { isoWithOffset } from "../workflow/time-zones";

/** A workflow run that starts this long after its occurrence says it is late (the scheduler's grace period). */
export const LATE_AFTER_MS = 10 * 60_000;

/**
 * The date of `{{date}}` and of "Today is": a workflow's occurrence date in the workflow's zone (its ISO
 * text carries that wall date), so Monday's 00:30 run is Monday's even on a host in UTC, and a catch-up on
 * Tuesday is still filed under Monday; the host's date for a delegated task.
 */
export function runDate(request: TaskRequest, nowMs: number): string {
	const occurrence = request.workflow?.occurrence;
	return (occurrence !== undefined ? dateOfIso(occurrence) : null) ?? localDate(nowMs);
}

/** Sentences for the prompt: the period a workflow run covers and, for a late run, which occurrence it is for. */
export function occurrenceLines(request: TaskRequest, nowMs: number): string[] {
	const workflow = request.workflow;
	if (!workflow) return [];
	const zone = workflow.zone ? ` (${workflow.zone})` : "";
	const lines: string[] = [];
	const at = Date.parse(workflow.occurrence);
	if (Number.isFinite(at) && nowMs - at > LATE_AFTER_MS) {
		const written = workflow.zone ? isoWithOffset(nowMs, workflow.zone) : localIsoWithOffset(nowMs);
		lines.push(`This run is for the occurrence of ${wallTimeWords(workflow.occurrence)}${zone}; it is being written late, on ${wallTimeWords(written)}.`);
	}
	if (workflow.period) {
		lines.push(`This run covers the period from ${wallTimeWords(workflow.period.from)} to ${wallTimeWords(workflow.period.to)}${zone}, since the previous scheduled run; what the goal calls recent or new is within it.`);
	}
	return lines;
}
