/** What the task runner is doing now and what waits behind it: the live state the panel's "Now" section shows. */
import { NO_USAGE, type TokenUsage } from "../model/chat-model";
import type { RunStage } from "../run/run-stage";

export interface RunningTask {
	/** The goal, or "workflow: goal". */
	label: string;
	startedAt: number;
	stage: RunStage;
	/** Tokens used so far, from the latest stage that knew them. */
	usage: TokenUsage;
	cancelling: boolean;
}

export interface QueuedTask {
	id: number;
	label: string;
}

export class TaskActivity {
	private current: RunningTask | null = null;
	private readonly waiting: QueuedTask[] = [];
	private readonly listeners = new Set<() => void>();
	private nextId = 1;

	get running(): RunningTask | null {
		return this.current;
	}

	get queue(): readonly QueuedTask[] {
		return this.waiting;
	}

	/** Returns the unsubscribe function. */
	onChange(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	start(label: string, now: number): void {
		this.current = { label, startedAt: now, stage: { kind: "gathering" }, usage: NO_USAGE, cancelling: false };
		this.changed();
	}

	stage(stage: RunStage): void {
		if (!this.current) return;
		this.current = { ...this.current, stage, usage: "usage" in stage ? stage.usage : this.current.usage };
		this.changed();
	}

	cancelling(): void {
		if (!this.current || this.current.cancelling) return;
		this.current = { ...this.current, cancelling: true };
		this.changed();
	}

	/** The running task ended (whatever its outcome: the run log has it). */
	finish(): void {
		this.current = null;
		this.changed();
	}

	/** A task waits for its turn; returns its id for {@link dequeue}. */
	enqueue(label: string): number {
		const id = this.nextId++;
		this.waiting.push({ id, label });
		this.changed();
		return id;
	}

	dequeue(id: number): void {
		const at = this.waiting.findIndex((task) => task.id === id);
		if (at < 0) return;
		this.waiting.splice(at, 1);
		this.changed();
	}

	/** Tells the listeners without a change of its own: a run record was added, a draft reviewed. */
	changed(): void {
		for (const listener of [...this.listeners]) listener();
	}
}
