import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  createHnswVectorStore,
  createShardedVectorStore,
  loadHnswVectorStore,
  shardFile,
  shardNeighbours,
} from "./hnsw-vector-store.js";

function randomVectors(count: number, dimensions: number, seed: number): number[][] {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
  return Array.from({ length: count }, () => Array.from({ length: dimensions }, next));
}

describe("createShardedVectorStore", () => {
  const vectors = randomVectors(300, 16, 7);
  const one = createHnswVectorStore({ dimensions: 16, maxElements: 300 });
  vectors.forEach((vector, label) => {
    one.add(vector, label);
  });
  const shards = [0, 1, 2].map((shard) => {
    const store = createHnswVectorStore({ dimensions: 16, maxElements: 100 });
    for (let label = shard * 100; label < (shard + 1) * 100; label++) store.add(vectors[label] as number[], label);
    return store;
  });
  const sharded = createShardedVectorStore(shards);

  it("returns the same neighbours as one graph of every vector", () => {
    expect(sharded.size).toBe(300);
    for (const query of randomVectors(20, 16, 99)) {
      const expected = one.search(query, 10);
      const found = sharded.search(query, 10);
      expect(found.map((match) => match.label)).toEqual(expected.map((match) => match.label));
      found.forEach((match, i) => {
        expect(match.similarity).toBeCloseTo(expected[i]?.similarity as number, 5);
      });
    }
  });

  it("applies the filter in every shard", () => {
    const [query] = randomVectors(1, 16, 5);
    const even = sharded.search(query as number[], 10, (label) => label % 2 === 0);
    expect(even).toHaveLength(10);
    expect(even.every((match) => match.label % 2 === 0)).toBe(true);
    expect(even.map((match) => match.label)).toEqual(
      one.search(query as number[], 10, (label) => label % 2 === 0).map((match) => match.label),
    );
  });
});

describe("createShardedVectorStore save", () => {
  it("writes each shard beside the file, except a shard already saved there", async () => {
    const directory = await mkdtemp(path.join(tmpdir(), "banshi-shards-test-"));
    try {
      const vectors = randomVectors(40, 8, 3);
      const shards = [0, 1].map((shard) => {
        const store = createHnswVectorStore({ dimensions: 8, maxElements: 20 });
        for (let label = shard * 20; label < (shard + 1) * 20; label++) store.add(vectors[label] as number[], label);
        return store;
      });
      const file = path.join(directory, "vectors.hnsw");
      expect(shardFile(file, 1)).toBe(path.join(directory, "vectors-1.hnsw"));
      await shards[0]?.save(shardFile(file, 0));
      const before = await stat(shardFile(file, 0));
      const sharded = createShardedVectorStore(shards, { savedAs: [shardFile(file, 0)] });
      await new Promise((resolve) => setTimeout(resolve, 20));
      await sharded.save(file);
      expect((await readdir(directory)).sort()).toEqual(["vectors-0.hnsw", "vectors-1.hnsw"]);
      expect((await stat(shardFile(file, 0))).mtimeMs).toBe(before.mtimeMs);
      const reloaded = await loadHnswVectorStore(shardFile(file, 1), 8);
      expect(reloaded.size).toBe(20);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe("shardNeighbours", () => {
  it("asks each graph for its share of k and a margin, never more than k", () => {
    expect(shardNeighbours(100, 1)).toBe(100);
    expect(shardNeighbours(100, 2)).toBe(72);
    expect(shardNeighbours(100, 4)).toBe(40);
    expect(shardNeighbours(10, 2)).toBe(10);
  });

  it("leaves a filtered search asking every graph for all k", () => {
    const asked: number[] = [];
    const recording = (label: number) => ({
      ...createHnswVectorStore({ dimensions: 2 }),
      search(_vector: number[], k: number) {
        asked.push(k);
        return [{ label, similarity: 1 }];
      },
    });
    const sharded = createShardedVectorStore([recording(0), recording(1)]);
    sharded.search([1, 0], 100);
    sharded.search([1, 0], 100, () => true);
    expect(asked).toEqual([72, 72, 100, 100]);
  });
});
