/** The small vault the semantic-search tests of both faces share: two notes found by meaning, one private note with a marker. */
import { createTempVault, type TempVault } from "./temp-vault";
import { startFakeEmbeddingServer, type FakeEmbeddingServer } from "./fake-embedding-server";

/** "automobile" and "vehicle" embed as "car", so a query by meaning finds Cars.md without sharing a word. */
export async function startSemanticVault(privateMarker: string): Promise<{ vault: TempVault; server: FakeEmbeddingServer }> {
	const vault = await createTempVault({
		"Cars.md": "# Cars\n\nAn automobile needs an oil change every year.\n",
		"Garden.md": "# Garden\n\nTomatoes want sun and water.\n",
		"Diary.md": `---\ncoworker: private\n---\n# Diary\n\n${privateMarker} my automobile broke down.\n`,
	});
	const server = await startFakeEmbeddingServer({ synonyms: { automobile: "car", vehicle: "car" } });
	return { vault, server };
}
