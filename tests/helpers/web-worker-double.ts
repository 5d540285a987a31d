/**
 * A Web Worker for Node tests, as browsers run one (MDN, "Using Web Workers"): it fetches its script from a blob URL
 * and runs it in a scope of its own whose `self` has `postMessage` and `onmessage`; messages cross as structured
 * clones (transferred buffers detached on the sender's side), each delivered in a task of its own; an error the
 * script does not catch reaches the page as an `error` event on the Worker, which `preventDefault` marks handled.
 * A URL that holds no script (revoked, never made) also ends in an `error` event, not a throw.
 */
import { resolveObjectURL } from "node:buffer";
import { createContext, runInContext } from "node:vm";

interface ErrorEventLike {
	message: string;
	preventDefault(): void;
}

export class WebWorkerDouble {
	/** Every worker started, so a test can see what became of them. */
	static readonly started: WebWorkerDouble[] = [];
	onmessage: ((event: { data: unknown }) => void) | null = null;
	onerror: ((event: ErrorEventLike) => void) | null = null;
	onmessageerror: ((event: unknown) => void) | null = null;
	terminated = false;
	/** Messages the worker posted that reached the page. */
	delivered = 0;
	/** Errors no handler marked as handled (a browser shows them in the console). */
	readonly unhandled: string[] = [];
	private scope: { onmessage: ((event: { data: unknown }) => void) | null; postMessage: (data: unknown, transfer?: ArrayBuffer[]) => void } = {
		onmessage: null,
		postMessage: (data, transfer) => {
			const copy = structuredClone(data, transfer ? { transfer } : undefined);
			setImmediate(() => {
				if (this.terminated) return;
				this.delivered++;
				this.onmessage?.({ data: copy });
			});
		},
	};
	private readonly loaded: Promise<void>;

	constructor(url: string) {
		WebWorkerDouble.started.push(this);
		this.loaded = this.load(url);
	}

	postMessage(data: unknown, transfer: ArrayBuffer[] = []): void {
		if (this.terminated) return;
		const copy = structuredClone(data, { transfer });
		void this.loaded.then(() =>
			setImmediate(() => {
				if (!this.terminated) this.inWorker(() => this.scope.onmessage?.({ data: copy }));
			}),
		);
	}

	terminate(): void {
		this.terminated = true;
	}

	private async load(url: string): Promise<void> {
		const blob = resolveObjectURL(url);
		const source = blob ? await blob.text() : null;
		if (source === null) {
			setImmediate(() => this.fail(`no script at ${url}`));
			return;
		}
		const context = createContext({ self: this.scope });
		this.inWorker(() => runInContext(source, context));
	}

	private inWorker(run: () => unknown): void {
		try {
			run();
		} catch (error) {
			const message = `Uncaught ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
			setImmediate(() => this.fail(message));
		}
	}

	private fail(message: string): void {
		if (this.terminated) return;
		let handled = false;
		this.onerror?.({ message, preventDefault: () => (handled = true) });
		if (!handled) this.unhandled.push(message);
	}
}
