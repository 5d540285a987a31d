/** Vitest: `obsidian` resolves to our test double, since the real package ships types only. */
import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
	resolve: {
		alias: {
			obsidian: fileURLToPath(new URL("./tests/__mocks__/obsidian.ts", import.meta.url)),
		},
	},
	test: {
		include: ["tests/**/*.test.ts"],
		exclude: ["tests/live/**", "node_modules/**"],
		globalSetup: ["tests/global-setup.ts"],
		testTimeout: 20_000,
		pool: "forks",
	},
});
