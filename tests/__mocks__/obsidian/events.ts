/**
 * Events, EventRef and Component of the Obsidian API double.
 */

/** A listener as the double stores it; callers may pass narrower parameter types. */
export type EventCallback = (...data: never[]) => unknown;
type StoredCallback = (...data: unknown[]) => unknown;

/** Shape of Obsidian's EventRef — see Reference/TypeScript API/EventRef.md (the fields are internal, as in Obsidian). */
export interface EventRef {
	readonly e: Events;
	readonly name: string;
	readonly fn: StoredCallback;
	readonly ctx: unknown;
}

/** Fake of Events — see Reference/TypeScript API/Events.md */
export class Events {
	readonly #handlers = new Map<string, EventRef[]>();

	/** Fake of Events.on — see Reference/TypeScript API/Events/on.md */
	on(name: string, callback: EventCallback, ctx?: unknown): EventRef {
		const ref: EventRef = { e: this, name, fn: callback as StoredCallback, ctx };
		const list = this.#handlers.get(name);
		if (list) list.push(ref);
		else this.#handlers.set(name, [ref]);
		return ref;
	}

	/** Fake of Events.off — see Reference/TypeScript API/Events/off.md */
	off(name: string, callback: EventCallback): void {
		const list = this.#handlers.get(name);
		if (!list) return;
		const kept = list.filter((ref) => ref.fn !== (callback as StoredCallback));
		if (kept.length > 0) this.#handlers.set(name, kept);
		else this.#handlers.delete(name);
	}

	/** Fake of Events.offref — see Reference/TypeScript API/Events/offref.md */
	offref(ref: EventRef): void {
		const list = this.#handlers.get(ref.name);
		if (!list) return;
		const kept = list.filter((r) => r !== ref);
		if (kept.length > 0) this.#handlers.set(ref.name, kept);
		else this.#handlers.delete(ref.name);
	}

	/**
	 * Fake of Events.trigger — see Reference/TypeScript API/Events/trigger.md.
	 * Calls the listeners registered when the trigger starts, in order, each through tryTrigger.
	 */
	trigger(name: string, ...data: unknown[]): void {
		const list = this.#handlers.get(name);
		if (!list) return;
		for (const ref of list.slice()) this.tryTrigger(ref, data);
	}

	/**
	 * Fake of Events.tryTrigger — see Reference/TypeScript API/Events/tryTrigger.md.
	 * Calls the listener with `this` set to its ctx; an exception is logged, not rethrown, so one
	 * failing listener does not stop the others.
	 */
	tryTrigger(evt: EventRef, args: unknown[]): void {
		try {
			evt.fn.apply(evt.ctx, args);
		} catch (error) {
			console.error(error);
		}
	}
}

/** Fake of Component — see Reference/TypeScript API/Component.md */
export class Component {
	/** Whether load() has run and unload() has not (Obsidian's internal field of the same name). */
	_loaded = false;
	readonly #children: Component[] = [];
	readonly #cleanups: (() => unknown)[] = [];

	/** Fake of Component.load — see Reference/TypeScript API/Component/load.md */
	load(): void {
		if (this._loaded) return;
		this._loaded = true;
		void this.onload();
		for (const child of this.#children.slice()) child.load();
	}

	/**
	 * Test-only: like load(), but awaits an async onload() before loading the children, as Obsidian
	 * does when it enables a plugin.
	 */
	async loadAsync(): Promise<void> {
		if (this._loaded) return;
		this._loaded = true;
		await this.onload();
		for (const child of this.#children.slice()) child.load();
	}

	/** Fake of Component.onload — see Reference/TypeScript API/Component/onload.md */
	onload(): Promise<void> | void {
		// Override to load the component.
	}

	/**
	 * Fake of Component.unload — see Reference/TypeScript API/Component/unload.md.
	 * Unloads the children, then runs the registered cleanups (latest first: detaching events,
	 * clearing intervals, removing DOM listeners…), then onunload().
	 */
	unload(): void {
		if (!this._loaded) return;
		this._loaded = false;
		for (let child = this.#children.pop(); child; child = this.#children.pop()) child.unload();
		for (let cleanup = this.#cleanups.pop(); cleanup; cleanup = this.#cleanups.pop()) cleanup();
		this.onunload();
	}

	/** Fake of Component.onunload — see Reference/TypeScript API/Component/onunload.md */
	onunload(): void {
		// Override to unload the component.
	}

	/** Fake of Component.addChild — see Reference/TypeScript API/Component/addChild.md */
	addChild<T extends Component>(component: T): T {
		this.#children.push(component);
		if (this._loaded) component.load();
		return component;
	}

	/** Fake of Component.removeChild — see Reference/TypeScript API/Component/removeChild.md */
	removeChild<T extends Component>(component: T): T {
		const index = this.#children.indexOf(component);
		if (index !== -1) {
			this.#children.splice(index, 1);
			component.unload();
		}
		return component;
	}

	/** Fake of Component.register — see Reference/TypeScript API/Component/register.md */
	register(cb: () => unknown): void {
		this.#cleanups.push(cb);
	}

	/** Fake of Component.registerEvent — see Reference/TypeScript API/Component/registerEvent.md */
	registerEvent(eventRef: EventRef): void {
		this.register(() => eventRef.e.offref(eventRef));
	}

	/** Fake of Component.registerDomEvent — see Reference/TypeScript API/Component/registerDomEvent.md (and _1, _2) */
	registerDomEvent(
		el: Window | Document | HTMLElement,
		type: string,
		callback: (this: HTMLElement, ev: never) => unknown,
		options?: boolean | AddEventListenerOptions,
	): void {
		const listener = callback as unknown as EventListener;
		el.addEventListener(type, listener, options);
		this.register(() => el.removeEventListener(type, listener, options));
	}

	/**
	 * Fake of Component.registerInterval — see Reference/TypeScript API/Component/registerInterval.md.
	 * The interval is cleared with `window.clearInterval` (the global one in a Node environment).
	 */
	registerInterval(id: number): number {
		this.register(() => (typeof window === "undefined" ? globalThis : window).clearInterval(id));
		return id;
	}
}
