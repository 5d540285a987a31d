/** The naive baseline: MiniSearch with its default options over whole notes (path, title-less, body only). */
import MiniSearch from "minisearch";

export interface NaiveDocument {
	id: string;
	text: string;
}

export function createNaiveIndex(): MiniSearch<NaiveDocument> {
	return new MiniSearch<NaiveDocument>({ fields: ["id", "text"] });
}

export function naiveSearch(index: MiniSearch<NaiveDocument>, query: string, limit = 10): string[] {
	return index
		.search(query)
		.slice(0, limit)
		.map((r) => r.id as string);
}
