/** Waits for the next call of a method and what it resolves to: a test waits on the call it expects (a save, an open), not on time. */

type Method = (...args: never[]) => unknown;
type MethodsOf<T> = { [K in keyof T]: T[K] extends Method ? K : never }[keyof T];

/**
 * Resolves with the settled value of the next call of `target[method]` after this one (rejects if that call does),
 * then puts the method back. Set it up before the action that makes the call.
 */
export function nextCall<T extends object, K extends MethodsOf<T>>(target: T, method: K): Promise<Awaited<ReturnType<Extract<T[K], Method>>>> {
	const slots = target as Record<PropertyKey, unknown>;
	const own = Object.prototype.hasOwnProperty.call(target, method);
	const original = slots[method] as (...args: unknown[]) => unknown;
	const restore = (): void => {
		if (own) slots[method] = original;
		else delete slots[method];
	};
	return new Promise((resolve, reject) => {
		slots[method] = function (this: unknown, ...args: unknown[]): unknown {
			restore();
			const result = original.apply(this, args);
			Promise.resolve(result).then((value) => resolve(value as Awaited<ReturnType<Extract<T[K], Method>>>), reject);
			return result;
		};
	});
}
