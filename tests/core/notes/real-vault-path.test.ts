/** Which vault path a resolved (link-free) location is, or that it lies outside the vault: the decision both faces share. */
import { describe, expect, it } from "vitest";
import { vaultPathOfRealPath } from "../../../src/core/notes/real-vault-path";

describe("vaultPathOfRealPath", () => {
	it("names a file inside the vault by its vault path, and the vault folder itself as the root", () => {
		expect(vaultPathOfRealPath("/home/ann/Vault", "/home/ann/Vault/Secret/Pay.md", "/")).toBe("Secret/Pay.md");
		expect(vaultPathOfRealPath("/home/ann/Vault", "/home/ann/Vault", "/")).toBe("");
		expect(vaultPathOfRealPath("/", "/Notes/a.md", "/")).toBe("Notes/a.md");
	});

	it("refuses what lies outside, a sibling folder sharing the vault's name as a prefix included", () => {
		expect(vaultPathOfRealPath("/home/ann/Vault", "/etc/passwd", "/")).toBeNull();
		expect(vaultPathOfRealPath("/home/ann/Vault", "/home/ann/Vault2/Note.md", "/")).toBeNull();
		expect(vaultPathOfRealPath("/home/ann/Vault", "/home/ann", "/")).toBeNull();
	});

	it("refuses hidden folders and files, which Obsidian leaves out of the vault (the config folder, .git)", () => {
		expect(vaultPathOfRealPath("/home/ann/Vault", "/home/ann/Vault/.obsidian/plugins/ai-coworker/data.json", "/")).toBeNull();
		expect(vaultPathOfRealPath("/home/ann/Vault", "/home/ann/Vault/Notes/.hidden.md", "/")).toBeNull();
	});

	it("works with Windows separators, where another drive is outside and a different case of the folder counts as outside", () => {
		expect(vaultPathOfRealPath("C:\\Users\\ann\\Vault", "C:\\Users\\ann\\Vault\\Secret\\Pay.md", "\\")).toBe("Secret/Pay.md");
		expect(vaultPathOfRealPath("C:\\Users\\ann\\Vault", "D:\\Users\\ann\\Vault\\Pay.md", "\\")).toBeNull();
		expect(vaultPathOfRealPath("C:\\Users\\ann\\Vault", "C:\\Users\\ann\\vault\\Pay.md", "\\")).toBeNull();
		expect(vaultPathOfRealPath("C:\\", "C:\\Notes\\a.md", "\\")).toBe("Notes/a.md");
	});
});
