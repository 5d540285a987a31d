/**
 * Node's `http` in the desktop app knows nothing of the system proxy (or the certificates) that Electron's network
 * stack, behind `requestUrl`, uses. A request that cannot even connect through the first fetch (a `TypeError`, as
 * `fetch` rejects on a network failure) is sent again through the second: the answer then arrives whole, and a
 * streamed one is read from its text at once. An HTTP error is an answer and is returned as it is; a cancelled
 * request is not sent again.
 */
import type { FetchLike } from "../../core/ports/fetch-like";

export function fetchWithFallback(first: FetchLike, fallback: FetchLike): FetchLike {
	return async (input, init) => {
		try {
			return await first(input, init);
		} catch (error) {
			if (init?.signal?.aborted === true || !(error instanceof TypeError)) throw error;
			return fallback(input, init);
		}
	};
}
