/** Types of what tests import from esbuild.config.mjs: the plugin both bundles are built with. */
import type { Plugin } from "esbuild";

export declare const openAiUsedApisOnly: Plugin;
