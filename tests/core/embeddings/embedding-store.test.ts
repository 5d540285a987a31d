import { afterEach, describe, expect, it } from "vitest";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EmbeddingStore, textHash, type StoredNote } from "../../../src/core/embeddings/embedding-store";
import { decodeVector, encodeVector, normalized } from "../../../src/core/embeddings/vector-codec";
import { InMemoryKeyValueStore } from "../../../src/core/ports/key-value-store";
import { NodeFileStore } from "../../../src/cli/node-file-store";

const SOURCE = { model: "test-embed", endpoint: "http://127.0.0.1:1/v1/embeddings" };

function note(seed: number, sections = 2): StoredNote {
	return {
		mtime: 1000 + seed,
		size: 10 * seed,
		sections: Array.from({ length: sections }, (_, i) => ({
			ordinal: i,
			hash: textHash(`section ${seed}/${i}`),
			heading: i === 0 ? null : `Heading ${i}`,
			line: i * 5,
			vector: Float32Array.from({ length: 1536 }, (_, d) => Math.sin(seed * 31 + i * 7 + d) / 3),
		})),
	};
}

let folder: string | null = null;
afterEach(async () => {
	if (folder) await rm(folder, { recursive: true, force: true });
	folder = null;
});

describe("vector codec", () => {
	it("round-trips a Float32Array exactly through base64", () => {
		const vector = Float32Array.from([0, -1.5, 3.25e-8, 123456.789, Number.MIN_VALUE]);
		expect(decodeVector(encodeVector(vector))).toEqual(vector);
	});

	it("takes 4 bytes a dimension (about 5.3 characters of base64)", () => {
		expect(encodeVector(new Float32Array(1536)).length).toBe(Math.ceil((1536 * 4) / 3) * 4);
	});

	it("reads damaged text as nothing rather than as a wrong vector", () => {
		expect(decodeVector("not base64!")).toBeNull();
		expect(decodeVector(btoa("abc"))).toBeNull();
	});

	it("scales to unit length and refuses a zero vector", () => {
		const unit = normalized(Float32Array.from([3, 4]));
		expect(Array.from(unit ?? [])).toEqual([0.6000000238418579, 0.800000011920929]);
		expect(normalized(new Float32Array(3))).toBeNull();
	});
});

describe("EmbeddingStore", () => {
	it("round-trips notes and vectors through files on disk", async () => {
		folder = await mkdtemp(join(tmpdir(), "coworker-embeddings-"));
		const written = new EmbeddingStore(new NodeFileStore(folder), SOURCE);
		await written.load();
		const notes = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`folder/Note ${i}.md`, note(i + 1)]));
		for (const [path, stored] of Object.entries(notes)) written.put(path, stored);
		expect(await written.save()).toBeGreaterThan(1);

		const read = new EmbeddingStore(new NodeFileStore(folder), SOURCE);
		await read.load();
		expect(read.discarded).toBeNull();
		expect(read.noteCount).toBe(20);
		expect(read.sectionCount).toBe(40);
		for (const [path, stored] of Object.entries(notes)) expect(read.note(path)).toEqual(stored);
	});

	it("rewrites only the shard of a changed note, and removes a shard left empty", async () => {
		const kv = new InMemoryKeyValueStore();
		const store = new EmbeddingStore(kv, SOURCE);
		await store.load();
		store.put("a.md", note(1));
		store.put("b.md", note(2));
		await store.save();
		expect(await store.save()).toBe(0);
		store.put("a.md", note(3));
		expect(await store.save()).toBe(1);
		store.remove("a.md");
		store.remove("b.md");
		expect(await store.save()).toBe(0);
		expect((await kv.list()).filter((key) => key.startsWith("embeddings-"))).toEqual([]);
	});

	it("drops vectors made by another model, since they are in another space", async () => {
		const kv = new InMemoryKeyValueStore();
		const first = new EmbeddingStore(kv, SOURCE);
		await first.load();
		first.put("a.md", note(1));
		await first.save();
		const other = new EmbeddingStore(kv, { ...SOURCE, model: "nomic-embed-text" });
		await other.load();
		expect(other.noteCount).toBe(0);
		expect(other.discarded).toBe("the vectors on disk were made by test-embed, not nomic-embed-text");
		await other.save();
		// The old model's shards are gone, not left to be misread.
		const again = new EmbeddingStore(kv, SOURCE);
		await again.load();
		expect(again.noteCount).toBe(0);
	});

	it("leaves out a damaged shard and says so, keeping the others", async () => {
		folder = await mkdtemp(join(tmpdir(), "coworker-embeddings-"));
		const store = new EmbeddingStore(new NodeFileStore(folder), SOURCE);
		await store.load();
		for (let i = 0; i < 30; i++) store.put(`n${i}.md`, note(i + 1, 1));
		await store.save();
		const shards = (await readdir(folder)).filter((name) => /^embeddings-\d+\.json$/.test(name)).sort();
		await writeFile(join(folder, shards[0] ?? ""), "{ cut off");
		const read = new EmbeddingStore(new NodeFileStore(folder), SOURCE);
		await read.load();
		expect(read.discarded).toBe("1 of the stored vector files could not be read; their notes are embedded again");
		expect(read.noteCount).toBeGreaterThan(0);
		expect(read.noteCount).toBeLessThan(30);
	});
});
