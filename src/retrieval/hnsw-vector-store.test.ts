import { describe, expect, it } from "vitest";
import { createHnswVectorStore, createShardedVectorStore } from "./hnsw-vector-store.js";

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
