/** Types of what tests and the bench import from esbuild.config.mjs: plugins the bundles are built with, the plugin's build, the index worker's program. */
import type { BuildOptions, Plugin } from "esbuild";

export declare const characterReferencesWithoutInnerHtml: Plugin;
export declare const openAiChatHelpersLeftOut: Plugin;
export declare const openAiUsedApisOnly: Plugin;
export declare const pluginBuild: BuildOptions;
/** The index worker's program bundled from `entry` into one script's text (a Node worker thread's or a Web Worker's). */
export declare function termWorkerSource(entry: string, platform: "node" | "browser"): Promise<string>;
