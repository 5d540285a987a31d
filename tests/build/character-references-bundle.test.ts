/** The plugin's character-reference table, kept as JSON text until first used: the same answers as the package's own. */
import { afterEach, describe, expect, it } from "vitest";
import { characterEntities } from "character-entities";
import { characterReferencesWithoutInnerHtml } from "../../esbuild.config.mjs";
import { bundledModule } from "../helpers/bundled-module";

let cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
	await Promise.all(cleanups.map((cleanup) => cleanup()));
	cleanups = [];
});

type Bundled = { decodeNamedCharacterReference: (name: string) => string | false; fromMarkdown: (text: string) => unknown };

/** Built for the browser, as main.js is, so the package's own browser build (innerHTML) would be chosen without the plugin. */
async function bundled(): Promise<{ module: Bundled; code: string }> {
	const built = await bundledModule<Bundled>('export { decodeNamedCharacterReference } from "decode-named-character-reference";\nexport { fromMarkdown } from "mdast-util-from-markdown";', {
		plugins: [characterReferencesWithoutInnerHtml],
		platform: "browser",
	});
	cleanups.push(built.remove);
	return built;
}

describe("character references in the plugin bundle", () => {
	it("decodes every named reference as character-entities does, and nothing else", async () => {
		const { module, code } = await bundled();
		expect(code).not.toContain("innerHTML");
		const names = Object.keys(characterEntities);
		expect(names.length).toBeGreaterThan(2000);
		for (const name of names) expect(module.decodeNamedCharacterReference(name)).toBe(characterEntities[name]);
		for (const name of ["notAnEntity", "constructor", "__proto__", "hasOwnProperty", "toString", "", "AMP;"]) {
			expect(module.decodeNamedCharacterReference(name)).toBe(false);
		}
	});

	it("keeps the table as text, not an object literal V8 would parse at every start", async () => {
		const { code } = await bundled();
		// One of the 2,231 entries as it appears inside the JSON text, and not as a property of an object literal.
		expect(code).toContain('{"AElig":');
		expect(code).not.toMatch(/\bAElig:\s*"/);
	});

	it("lets the Markdown parser decode references in text", async () => {
		const { module } = await bundled();
		const text = JSON.stringify(module.fromMarkdown("&copy; 2026 &fjlig; &amp; &notAnEntity; &#x41;"));
		expect(text).toContain('"value":"© 2026 fj & &notAnEntity; A"');
	});
});
