/**
 * Stand-alone functions and constants of the Obsidian API double: normalizePath, debounce, Platform, setIcon.
 */

/**
 * Fake of normalizePath — see Reference/TypeScript API/normalizePath.md
 * (its rules are spelled out in Plugins/Releasing/Plugin guidelines.md, "Use normalizePath()"):
 * runs of `/` or `\` become one `/`, leading and trailing slashes go, `\u00A0` becomes a space,
 * and the result goes through `String.prototype.normalize()`. As in Obsidian, a path that
 * cleans up to nothing is the vault root, `/`.
 */
export function normalizePath(path: string): string {
	const cleaned = path
		.replace(/[\\/]+/g, "/")
		.replace(/^\/+|\/+$/g, "")
		.replace(/\u00A0/g, " ")
		.normalize();
	return cleaned === "" ? "/" : cleaned;
}

/** Shape of Obsidian's Debouncer — see Reference/TypeScript API/Debouncer.md */
export interface Debouncer<T extends unknown[], V> {
	(...args: [...T]): this;
	/** Fake of Debouncer.cancel — see Reference/TypeScript API/Debouncer/cancel.md */
	cancel(): this;
	/** Fake of Debouncer.run — see Reference/TypeScript API/Debouncer/run.md */
	run(): V | void;
}

/**
 * Fake of debounce — see Reference/TypeScript API/debounce.md.
 * The first call arms a timer of `timeout` ms; later calls only replace the arguments, so the
 * callback runs once, with the latest arguments. With `resetTimer`, every call pushes the deadline
 * back to `timeout` ms after that call. Timers are looked up on `globalThis` at call time, so
 * `vi.useFakeTimers()` drives them.
 */
export function debounce<T extends unknown[], V>(cb: (...args: [...T]) => V, timeout = 0, resetTimer = false): Debouncer<T, V> {
	let timer: ReturnType<typeof setTimeout> | null = null;
	let pendingArgs: [...T] | null = null;
	let deadline = 0;

	const fire = (): V | void => {
		const args = pendingArgs;
		pendingArgs = null;
		if (args) return cb(...args);
	};
	const onTimer = (): void => {
		const now = Date.now();
		if (resetTimer && deadline > now) {
			timer = setTimeout(onTimer, deadline - now);
			return;
		}
		timer = null;
		fire();
	};
	const debounced = function (...args: [...T]): Debouncer<T, V> {
		pendingArgs = args;
		deadline = Date.now() + timeout;
		timer ??= setTimeout(onTimer, timeout);
		return debounced;
	} as Debouncer<T, V>;
	debounced.cancel = () => {
		if (timer !== null) clearTimeout(timer);
		timer = null;
		pendingArgs = null;
		return debounced;
	};
	debounced.run = () => {
		if (timer === null) return;
		clearTimeout(timer);
		timer = null;
		return fire();
	};
	return debounced;
}

/** Fake of Platform — see Reference/TypeScript API/Platform.md. The double plays a desktop app on Linux. */
export const Platform = {
	isDesktop: true,
	isMobile: false,
	isDesktopApp: true,
	isMobileApp: false,
	isIosApp: false,
	isAndroidApp: false,
	isPhone: false,
	isTablet: false,
	isMacOS: false,
	isWin: false,
	isLinux: true,
	isSafari: false,
	resourcePathPrefix: "app://local/",
};

/** Fake of setIcon — see Reference/TypeScript API/setIcon.md. The double has no icon set, so this does nothing (as the real one does for an unknown icon id). */
export function setIcon(parent: HTMLElement, iconId: string): void {
	// Intentionally empty.
}
