/**
 * Vitest: `obsidian` resolves to our test double, since the real package ships types only; `jszip` to the
 * stand-in both bundles give pptxgenjs (esbuild.config.mjs), so the tests run the zip writer that ships.
 */
import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
	resolve: {
		alias: {
			obsidian: fileURLToPath(new URL("./tests/__mocks__/obsidian.ts", import.meta.url)),
			jszip: fileURLToPath(new URL("./src/core/export/jszip-on-fflate.ts", import.meta.url)),
		},
	},
	test: {
		include: ["tests/**/*.test.ts"],
		exclude: ["tests/live/**", "node_modules/**"],
		globalSetup: ["tests/global-setup.ts"],
		testTimeout: 20_000,
		pool: "forks",
		// pptxgenjs is run through Vite (not required as is), so its `import JSZip from "jszip"` meets the alias above.
		server: { deps: { inline: ["pptxgenjs"] } },
	},
});
