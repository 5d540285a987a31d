/**
 * The DOM side of the Obsidian double.
 *
 * Obsidian adds helpers to the DOM prototypes and to `window` (the `declare global` block at the top
 * of obsidian.d.ts): `createEl`, `createDiv`, `createSpan`, `setText`, `empty`, `addClass`, …
 * When the test runs in a DOM environment (`// @vitest-environment happy-dom`), they are installed
 * on that environment's prototypes and globals. In the plain Node environment nothing global is
 * touched; the elements the double itself needs (status bar items, modals, setting tabs…) are then
 * built in a private happy-dom window, so plugin code that builds UI in `onload` still runs.
 */
import type {} from "obsidian"; // type-only: brings obsidian.d.ts's DOM augmentations (createEl, setText, …) into scope

export type DomWindow = Window & typeof globalThis;
type ElementInfo = DomElementInfo | string | undefined;

/**
 * What the helpers need from a document. Typed as this narrow port rather than `Document`: these
 * functions are the implementation of `createEl`/`createFragment`, so they cannot be written in
 * terms of them (the obsidianmd/prefer-create-el rule is aimed at plugin code).
 */
interface ElementFactory {
	createElement<K extends keyof HTMLElementTagNameMap>(tagName: K): HTMLElementTagNameMap[K];
	createDocumentFragment(): DocumentFragment;
}

const happyDom = typeof HTMLElement === "undefined" ? await import("happy-dom") : undefined;
let fallbackWindow: DomWindow | undefined;
const installed = new WeakSet<object>();

/** The window the double builds its elements in: the test environment's, else a private happy-dom one. */
export function domWindow(): DomWindow {
	if (typeof window !== "undefined" && typeof HTMLElement !== "undefined") return window;
	if (!fallbackWindow) {
		if (!happyDom) throw new Error("obsidian double: no DOM available");
		fallbackWindow = new happyDom.Window() as unknown as DomWindow;
		installDomHelpers(fallbackWindow, false);
	}
	return fallbackWindow;
}

function factoryOf(node: Node): ElementFactory {
	return node.ownerDocument ?? (node as Document);
}

function setTextOf(el: Element, val: string | DocumentFragment): void {
	if (typeof val === "string") {
		el.textContent = val;
		return;
	}
	while (el.lastChild) el.removeChild(el.lastChild);
	el.appendChild(val);
}

function setAttrOf(el: Element, name: string, value: string | number | boolean | null): void {
	if (value === null) el.removeAttribute(name);
	else el.setAttribute(name, String(value));
}

/** Obsidian's createEl: builds `tag`, applies the DomElementInfo, appends it to `parent` (or `info.parent`). */
export function buildEl<K extends keyof HTMLElementTagNameMap>(
	factory: ElementFactory,
	tag: K,
	o: ElementInfo,
	callback?: (el: HTMLElementTagNameMap[K]) => void,
	parent?: Node,
): HTMLElementTagNameMap[K] {
	const info: DomElementInfo = typeof o === "string" ? { cls: o } : (o ?? {});
	const el = factory.createElement(tag);
	if (info.cls !== undefined) el.className = Array.isArray(info.cls) ? info.cls.join(" ") : info.cls;
	if (info.text !== undefined) setTextOf(el, info.text);
	for (const [name, value] of Object.entries(info.attr ?? {})) setAttrOf(el, name, value);
	if (info.title !== undefined) el.title = info.title;
	if (info.type !== undefined) el.setAttribute("type", info.type);
	if (info.placeholder !== undefined) el.setAttribute("placeholder", info.placeholder);
	if (info.href !== undefined) el.setAttribute("href", info.href);
	if (info.value !== undefined && "value" in el) el.value = info.value;
	const target = parent ?? info.parent;
	if (target) {
		if (info.prepend) target.insertBefore(el, target.firstChild);
		else target.appendChild(el);
	}
	callback?.(el);
	return el;
}

/** A detached element built in the double's window (see {@link domWindow}). */
export function newEl<K extends keyof HTMLElementTagNameMap>(tag: K, o?: ElementInfo): HTMLElementTagNameMap[K] {
	return buildEl(domWindow().document, tag, o);
}

/** Dispatches a bubbling DOM event of `type` on `el`, built with `el`'s own window's Event class. */
export function dispatch(el: Element, type: string): void {
	const view = el.ownerDocument.defaultView ?? domWindow();
	el.dispatchEvent(new view.Event(type, { bubbles: true }));
}

function define(target: object, name: string, value: unknown): void {
	Object.defineProperty(target, name, { value, configurable: true, writable: true, enumerable: false });
}

/**
 * Installs Obsidian's DOM helpers on `win`'s Node/Element prototypes and, when `asGlobals`, the global
 * `createEl`/`createDiv`/`createSpan`/`createFragment`/`activeDocument`/`activeWindow` on `win` itself.
 */
export function installDomHelpers(win: DomWindow, asGlobals: boolean): void {
	if (installed.has(win.Node.prototype)) return;
	installed.add(win.Node.prototype);

	const node = win.Node.prototype;
	define(node, "createEl", function <K extends keyof HTMLElementTagNameMap>(this: Node, tag: K, o?: ElementInfo, cb?: (el: HTMLElementTagNameMap[K]) => void) {
		return buildEl(factoryOf(this), tag, o, cb, this);
	});
	define(node, "createDiv", function (this: Node, o?: ElementInfo, cb?: (el: HTMLDivElement) => void) {
		return buildEl(factoryOf(this), "div", o, cb, this);
	});
	define(node, "createSpan", function (this: Node, o?: ElementInfo, cb?: (el: HTMLSpanElement) => void) {
		return buildEl(factoryOf(this), "span", o, cb, this);
	});
	define(node, "empty", function (this: Node) {
		while (this.lastChild) this.removeChild(this.lastChild);
	});
	define(node, "detach", function (this: Node) {
		this.parentNode?.removeChild(this);
	});
	define(node, "appendText", function (this: Node, val: string) {
		this.appendChild((this.ownerDocument ?? (this as Document)).createTextNode(val));
	});

	const element = win.Element.prototype;
	define(element, "getText", function (this: Element) {
		return this.textContent ?? "";
	});
	define(element, "setText", function (this: Element, val: string | DocumentFragment) {
		setTextOf(this, val);
	});
	define(element, "addClass", function (this: Element, ...classes: string[]) {
		this.classList.add(...classes.filter((c) => c !== ""));
	});
	define(element, "addClasses", function (this: Element, classes: string[]) {
		this.classList.add(...classes.filter((c) => c !== ""));
	});
	define(element, "removeClass", function (this: Element, ...classes: string[]) {
		this.classList.remove(...classes.filter((c) => c !== ""));
	});
	define(element, "removeClasses", function (this: Element, classes: string[]) {
		this.classList.remove(...classes.filter((c) => c !== ""));
	});
	define(element, "toggleClass", function (this: Element, classes: string | string[], value: boolean) {
		for (const cls of Array.isArray(classes) ? classes : [classes]) if (cls !== "") this.classList.toggle(cls, value);
	});
	define(element, "hasClass", function (this: Element, cls: string) {
		return this.classList.contains(cls);
	});
	define(element, "setAttr", function (this: Element, name: string, value: string | number | boolean | null) {
		setAttrOf(this, name, value);
	});
	define(element, "setAttrs", function (this: Element, obj: Record<string, string | number | boolean | null>) {
		for (const [name, value] of Object.entries(obj)) setAttrOf(this, name, value);
	});
	define(element, "getAttr", function (this: Element, name: string) {
		return this.getAttribute(name);
	});

	if (!asGlobals) return;
	const doc: ElementFactory = win.document;
	define(win, "createEl", <K extends keyof HTMLElementTagNameMap>(tag: K, o?: ElementInfo, cb?: (el: HTMLElementTagNameMap[K]) => void) => buildEl(doc, tag, o, cb));
	define(win, "createDiv", (o?: ElementInfo, cb?: (el: HTMLDivElement) => void) => buildEl(doc, "div", o, cb));
	define(win, "createSpan", (o?: ElementInfo, cb?: (el: HTMLSpanElement) => void) => buildEl(doc, "span", o, cb));
	define(win, "createFragment", (cb?: (el: DocumentFragment) => void) => {
		const fragment = doc.createDocumentFragment();
		cb?.(fragment);
		return fragment;
	});
	define(win, "activeDocument", win.document);
	define(win, "activeWindow", win);
}

if (typeof HTMLElement !== "undefined" && typeof window !== "undefined") installDomHelpers(window, true);
