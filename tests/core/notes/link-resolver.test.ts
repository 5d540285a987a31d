/** LinkResolver: Obsidian's link resolution and link writing over a vault's file list, as the CLI builds it. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempVault, type TempVault } from "../../helpers/temp-vault";
import { NodeVaultReader } from "../../../src/cli/node-vault-reader";
import { LinkResolver, type LinkStyle } from "../../../src/core/notes/link-resolver";

const FILES: Record<string, string> = {
	"Home.md": "# Home",
	"Projects/Alpha.md": "# Alpha",
	"Archive/Alpha.md": "# Old alpha",
	"Projects/Sub/Deep.md": "# Deep",
	"Projects/Sub/Other.md": "# Other",
	"Projects/Beta.md": "# Beta",
	"Other/Projects/Beta.md": "# Other beta",
	"Notes/beta.md": "# Lower-case beta",
	"Notes/Plan (v2).md": "# Plan",
	"Data/Q3 figures.csv": "a,b\n1,2\n",
	"Attachments/diagram.png": "png",
	".obsidian/app.json": "{}",
	".hidden/Secret.md": "hidden",
};

let vault: TempVault;
let files: string[];

beforeAll(async () => {
	vault = await createTempVault(FILES);
	files = await new NodeVaultReader(vault.root).listAllFiles();
});

afterAll(async () => {
	await vault.cleanup();
});

function resolver(style?: Partial<LinkStyle>): LinkResolver {
	return new LinkResolver(files, { useMarkdownLinks: false, newLinkFormat: "shortest", ...style });
}

describe("the file list the CLI builds", () => {
	it("holds every visible file and leaves hidden folders and the config folder out", () => {
		expect(files).toContain("Data/Q3 figures.csv");
		expect(files).toContain("Attachments/diagram.png");
		expect(files.some((path) => path.startsWith("."))).toBe(false);
	});
});

describe("LinkResolver.resolve", () => {
	it("finds the exact path, with or without .md, and a leading slash", () => {
		const links = resolver();
		expect(links.resolve("Projects/Alpha.md", "")).toBe("Projects/Alpha.md");
		expect(links.resolve("Projects/Alpha", "")).toBe("Projects/Alpha.md");
		expect(links.resolve("/Projects/Alpha", "Home.md")).toBe("Projects/Alpha.md");
		expect(links.resolve("  Projects/Alpha  ", "")).toBe("Projects/Alpha.md");
	});

	it("finds a note by its name or a path suffix, case-insensitively", () => {
		const links = resolver();
		expect(links.resolve("home", "Projects/Alpha.md")).toBe("Home.md");
		expect(links.resolve("DEEP", "")).toBe("Projects/Sub/Deep.md");
		expect(links.resolve("sub/deep", "")).toBe("Projects/Sub/Deep.md");
		expect(links.resolve("Plan (v2)", "")).toBe("Notes/Plan (v2).md");
	});

	it("needs the extension for files that are not notes", () => {
		const links = resolver();
		expect(links.resolve("Q3 figures.csv", "Home.md")).toBe("Data/Q3 figures.csv");
		expect(links.resolve("q3 FIGURES.csv", "Home.md")).toBe("Data/Q3 figures.csv");
		expect(links.resolve("diagram.png", "Home.md")).toBe("Attachments/diagram.png");
		expect(links.resolve("Q3 figures", "Home.md")).toBeNull();
	});

	it("matches whole names only, and nothing for empty or unknown links", () => {
		const links = resolver();
		expect(links.resolve("pha", "")).toBeNull();
		expect(links.resolve("Nope", "")).toBeNull();
		expect(links.resolve("", "Home.md")).toBeNull();
		expect(links.resolve("   ", "Home.md")).toBeNull();
		expect(links.resolve("Secret", "")).toBeNull();
	});

	it("resolves ./ and ../ links from the source's folder", () => {
		const links = resolver();
		expect(links.resolve("./Deep", "Projects/Sub/Other.md")).toBe("Projects/Sub/Deep.md");
		expect(links.resolve("./Deep.md", "Projects/Sub/Other.md")).toBe("Projects/Sub/Deep.md");
		expect(links.resolve("../Alpha", "Projects/Sub/Other.md")).toBe("Projects/Alpha.md");
		expect(links.resolve("../../Archive/Alpha", "Projects/Sub/Other.md")).toBe("Archive/Alpha.md");
		expect(links.resolve("../../Home", "Projects/Sub/Other.md")).toBe("Home.md");
		expect(links.resolve("../Q3 figures.csv", "Data/Sub/x.md")).toBe("Data/Q3 figures.csv");
	});

	it("refuses a relative link that climbs above the vault", () => {
		const links = resolver();
		expect(links.resolve("../Home", "Home.md")).toBeNull();
		expect(links.resolve("../../../Home", "Projects/Sub/Other.md")).toBeNull();
	});

	it("prefers a match in the source's own folder, then the shortest path", () => {
		const links = resolver();
		expect(links.resolve("Alpha", "Archive/Index.md")).toBe("Archive/Alpha.md");
		expect(links.resolve("Alpha", "Projects/Index.md")).toBe("Projects/Alpha.md");
		// From elsewhere the shorter path wins: "Archive/Alpha.md" is one character shorter.
		expect(links.resolve("Alpha", "Home.md")).toBe("Archive/Alpha.md");
		expect(links.resolve("Beta", "Home.md")).toBe("Notes/beta.md");
		expect(links.resolve("Beta", "Other/Projects/Index.md")).toBe("Other/Projects/Beta.md");
		expect(links.resolve("Projects/Beta", "Other/Index.md")).toBe("Projects/Beta.md");
	});

	it("sees files added with withFiles, and leaves the original alone", () => {
		const links = resolver();
		const more = links.withFiles(["Coworker/Deliverables/Report.csv"]);
		expect(more.resolve("Report.csv", "")).toBe("Coworker/Deliverables/Report.csv");
		expect(links.resolve("Report.csv", "")).toBeNull();
	});
});

describe("LinkResolver.linktext", () => {
	it("writes the bare name when it is unique and the full path when names clash (shortest)", () => {
		const links = resolver();
		expect(links.linktext("Projects/Sub/Deep.md", "Home.md")).toBe("Deep");
		expect(links.linktext("Home.md", "Projects/Alpha.md")).toBe("Home");
		expect(links.linktext("Projects/Alpha.md", "Home.md")).toBe("Projects/Alpha");
		expect(links.linktext("Archive/Alpha.md", "Home.md")).toBe("Archive/Alpha");
		// Clashes are case-insensitive, as Obsidian's are.
		expect(links.linktext("Notes/beta.md", "Home.md")).toBe("Notes/beta");
		expect(links.linktext("Data/Q3 figures.csv", "Home.md")).toBe("Q3 figures.csv");
	});

	it("writes paths relative to the source's folder (relative)", () => {
		const links = resolver({ newLinkFormat: "relative" });
		expect(links.linktext("Projects/Sub/Deep.md", "Projects/Sub/Other.md")).toBe("Deep");
		expect(links.linktext("Projects/Sub/Deep.md", "Projects/Alpha.md")).toBe("Sub/Deep");
		expect(links.linktext("Projects/Sub/Deep.md", "Archive/Alpha.md")).toBe("../Projects/Sub/Deep");
		expect(links.linktext("Home.md", "Projects/Sub/Other.md")).toBe("../../Home");
		expect(links.linktext("Projects/Sub/Deep.md", "Home.md")).toBe("Projects/Sub/Deep");
		expect(links.linktext("Data/Q3 figures.csv", "Coworker/Deliverables/Report.md")).toBe("../../Data/Q3 figures.csv");
	});

	it("writes the full path from the vault root (absolute)", () => {
		const links = resolver({ newLinkFormat: "absolute" });
		expect(links.linktext("Projects/Sub/Deep.md", "Projects/Sub/Other.md")).toBe("Projects/Sub/Deep");
		expect(links.linktext("Home.md", "Projects/Alpha.md")).toBe("Home");
		expect(links.linktext("Data/Q3 figures.csv", "Home.md")).toBe("Data/Q3 figures.csv");
	});

	it("writes links that resolve back to the same file, in every style", () => {
		for (const newLinkFormat of ["shortest", "relative", "absolute"] as const) {
			const links = resolver({ newLinkFormat });
			for (const path of files) {
				for (const source of ["Home.md", "Projects/Sub/Other.md", "Archive/Index.md"]) {
					const linktext = links.linktext(path, source);
					const target = newLinkFormat === "relative" && !linktext.startsWith("../") && source.includes("/") ? `./${linktext}` : linktext;
					expect(links.resolve(target, source), `${newLinkFormat}: ${path} from ${source} as ${target}`).toBe(path);
				}
			}
		}
	});
});

describe("LinkResolver.markdownLink", () => {
	it("writes wikilinks with subpath and alias", () => {
		const links = resolver();
		expect(links.markdownLink("Projects/Sub/Deep.md", "Home.md")).toBe("[[Deep]]");
		expect(links.markdownLink("Projects/Alpha.md", "Home.md", "#Risks")).toBe("[[Projects/Alpha#Risks]]");
		expect(links.markdownLink("Projects/Sub/Deep.md", "Home.md", "#Risks", "the risks")).toBe("[[Deep#Risks|the risks]]");
		expect(links.markdownLink("Data/Q3 figures.csv", "Home.md")).toBe("[[Q3 figures.csv]]");
	});

	it("writes markdown links with spaces and parentheses encoded", () => {
		const links = resolver({ useMarkdownLinks: true });
		expect(links.markdownLink("Projects/Sub/Deep.md", "Home.md")).toBe("[Deep](Deep.md)");
		expect(links.markdownLink("Data/Q3 figures.csv", "Home.md")).toBe("[Q3 figures.csv](Q3%20figures.csv)");
		expect(links.markdownLink("Notes/Plan (v2).md", "Home.md")).toBe("[Plan (v2)](Plan%20%28v2%29.md)");
		expect(links.markdownLink("Projects/Alpha.md", "Home.md", "#Next steps", "next")).toBe("[next](Projects/Alpha.md#Next%20steps)");
	});

	it("writes markdown links in the relative and absolute styles", () => {
		expect(resolver({ useMarkdownLinks: true, newLinkFormat: "relative" }).markdownLink("Data/Q3 figures.csv", "Coworker/Deliverables/Report.md")).toBe(
			"[Q3 figures.csv](../../Data/Q3%20figures.csv)",
		);
		expect(resolver({ useMarkdownLinks: true, newLinkFormat: "absolute" }).markdownLink("Projects/Sub/Deep.md", "Home.md")).toBe("[Deep](Projects/Sub/Deep.md)");
	});

	it("writes markdown links that resolve back once decoded", () => {
		const links = resolver({ useMarkdownLinks: true, newLinkFormat: "relative" });
		for (const path of ["Notes/Plan (v2).md", "Data/Q3 figures.csv", "Projects/Sub/Deep.md"]) {
			const link = links.markdownLink(path, "Archive/Index.md");
			const url = /\]\((.*)\)$/.exec(link)?.[1] ?? "";
			expect(links.resolve(decodeURIComponent(url), "Archive/Index.md")).toBe(path);
		}
	});
});
