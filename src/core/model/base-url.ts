/** An OpenAI-compatible base URL as the settings, a flag or the environment give it: one spelling and one check for every reader. */

/** Without surrounding spaces or trailing slashes, so `${baseUrl}/chat/completions` has one slash. */
export function normalizedBaseUrl(text: string): string {
	return text.trim().replace(/\/+$/, "");
}

/** Whether it is an http(s) URL with no spaces (what the endpoint's client can be given). */
export function isHttpUrl(text: string): boolean {
	return /^https?:\/\/\S+$/i.test(text);
}
