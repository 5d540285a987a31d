// Lint: Obsidian's guideline rules for everything, plus the rule that keeps src/core free of Obsidian and Node.
import { defineConfig, globalIgnores } from "eslint/config";
import obsidianmd from "eslint-plugin-obsidianmd";
import globals from "globals";
import { DEFAULT_ACRONYMS } from "eslint-plugin-obsidianmd/dist/lib/rules/ui/acronyms.js";

const nodeBuiltins = ["fs", "fs/promises", "path", "os", "child_process", "crypto", "url", "util", "stream", "events", "http", "https", "net", "worker_threads", "process", "module"];

export default defineConfig([
	globalIgnores(["node_modules/", "main.js", "dist/", "bench/.work/", "coverage/", "examples/", "version-bump.mjs", "esbuild.config.mjs", "tests/fixtures/**/*.mjs"]),
	...obsidianmd.configs.recommended,
	{
		languageOptions: {
			globals: { ...globals.browser },
			parserOptions: {
				projectService: { allowDefaultProject: ["eslint.config.mjs", ".ci/readme-setup.mjs"] },
				tsconfigRootDir: import.meta.dirname,
			},
		},
	},
	{
		rules: {
			// The declarative settings API needs Obsidian 1.13, still an insider build; minAppVersion is 1.11.4,
			// so the tab keeps display(). Revisit when 1.13 is public (dual support as in the migration guide).
			"obsidianmd/settings-tab/prefer-setting-definitions": "off",
			// MCP (Model Context Protocol) is written in capitals, like the rule's own list of acronyms.
			"obsidianmd/ui/sentence-case": ["warn", { acronyms: [...DEFAULT_ACRONYMS, "MCP"] }],
		},
	},
	{
		files: ["src/core/**/*.ts"],
		rules: {
			"no-restricted-imports": ["error", {
				paths: ["obsidian", ...nodeBuiltins].map((name) => ({ name, message: "src/core stays pure: reach the world through a port in src/core/ports." })),
				patterns: [{ group: ["node:*"], message: "src/core stays pure: no Node built-ins." }],
			}],
			"no-restricted-globals": ["error", { name: "process", message: "src/core takes settings and the environment as arguments." }],
			// The core also runs in the CLI, where there is no window; its timers (a network watchdog) belong to no window either.
			"obsidianmd/prefer-window-timers": "off",
		},
	},
	{
		// The command line, the tests and the bench run on Node, not inside Obsidian.
		files: ["src/cli/**/*.ts", "tests/**/*.ts", "bench/**/*.ts", "vitest.config.mts", ".ci/*.mjs"],
		languageOptions: { globals: { ...globals.node } },
		rules: {
			"obsidianmd/no-nodejs-modules": "off",
			"obsidianmd/prefer-window-timers": "off",
			"obsidianmd/no-global-this": "off",
			"obsidianmd/hardcoded-config-path": "off",
			"obsidianmd/ui/sentence-case": "off",
			"import/no-nodejs-modules": "off",
		},
	},
]);
