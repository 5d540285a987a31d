/** Types of what tests and the bench import from esbuild.config.mjs: plugins the bundles are built with, and the plugin's build. */
import type { BuildOptions, Plugin } from "esbuild";

export declare const characterReferencesWithoutInnerHtml: Plugin;
export declare const openAiChatHelpersLeftOut: Plugin;
export declare const openAiUsedApisOnly: Plugin;
export declare const pluginBuild: BuildOptions;
