/** Reads files a few at a time ahead of the consumer, so file I/O overlaps with parsing and indexing. */

/**
 * Yields each file with the promise of its text, in order, keeping up to `window` reads in flight.
 * A read that fails rejects its own promise only; the consumer decides what that means for the file.
 */
export async function* readAhead<T extends { path: string }>(
	files: readonly T[],
	read: (path: string) => Promise<string>,
	window = 8,
): AsyncGenerator<{ file: T; text: Promise<string> }> {
	const pending: { file: T; text: Promise<string> }[] = [];
	let next = 0;
	const start = (): void => {
		const file = files[next++];
		if (!file) return;
		const text = read(file.path);
		// Attach a handler now: the consumer awaits it later, and an unobserved rejection must not crash the host.
		text.catch(() => undefined);
		pending.push({ file, text });
	};
	while (next < files.length && pending.length < window) start();
	while (pending.length > 0) {
		const head = pending.shift();
		if (!head) break;
		start();
		// Let the read settle before handing it over, so the consumer's synchronous work does not wait on I/O.
		await head.text.catch(() => undefined);
		yield head;
	}
}
