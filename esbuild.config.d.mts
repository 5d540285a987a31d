/** Types of what tests import from esbuild.config.mjs: the plugins both bundles are built with. */
import type { Plugin } from "esbuild";

export declare const jszipOnFflate: Plugin;
export declare const openAiUsedApisOnly: Plugin;
