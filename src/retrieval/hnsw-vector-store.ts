// The only file that imports hnswlib-node (a CommonJS addon: default import, then destructure).
import path from "node:path";
import hnswlib from "hnswlib-node";

const { HierarchicalNSW } = hnswlib;

export interface VectorMatch {
  label: number;
  /** Cosine similarity in [-1, 1]. */
  similarity: number;
}

/** Nearest-neighbour search over vectors labelled 0..n-1 (the chunk positions). */
export interface VectorStore {
  readonly dimensions: number;
  readonly size: number;
  /** A JavaScript array or a typed array (a parallel build hands vectors over as float32). */
  add(vector: ArrayLike<number>, label: number): void;
  search(vector: number[], k: number, filter?: (label: number) => boolean): VectorMatch[];
  save(file: string): Promise<void>;
  /** The graphs a sharded store searches together (`createShardedVectorStore`); absent for one graph. */
  readonly shards?: readonly VectorStore[];
}

export interface HnswVectorStoreOptions {
  dimensions: number;
  /** Capacity; grows automatically when exceeded (default 1024). */
  maxElements?: number;
  /** Graph degree (default 16). */
  m?: number;
  /** Build-time beam width (default 100). */
  efConstruction?: number;
  /** Query-time beam width (default 80): higher is more exact and slower. */
  efSearch?: number;
  /** Random seed so builds are reproducible (default 42). */
  seed?: number;
}

export function createHnswVectorStore(options: HnswVectorStoreOptions): VectorStore {
  const index = new HierarchicalNSW("cosine", options.dimensions);
  index.initIndex({
    maxElements: options.maxElements ?? 1024,
    m: options.m ?? 16,
    efConstruction: options.efConstruction ?? 100,
    randomSeed: options.seed ?? 42,
  });
  index.setEf(options.efSearch ?? 80);
  return wrap(index, options.dimensions, options.efSearch ?? 80);
}

export async function loadHnswVectorStore(file: string, dimensions: number, efSearch = 80): Promise<VectorStore> {
  const index = new HierarchicalNSW("cosine", dimensions);
  await index.readIndex(file);
  index.setEf(efSearch);
  return wrap(index, dimensions, efSearch);
}

function wrap(index: InstanceType<typeof HierarchicalNSW>, dimensions: number, efSearch: number): VectorStore {
  return {
    dimensions,
    get size() {
      return index.getCurrentCount();
    },
    add(vector, label) {
      if (index.getCurrentCount() >= index.getMaxElements()) index.resizeIndex(index.getMaxElements() * 2);
      // The addon reads JavaScript arrays only.
      index.addPoint(Array.isArray(vector) ? vector : Array.from(vector), label);
    },
    search(vector, k, filter) {
      const count = index.getCurrentCount();
      if (count === 0) return [];
      const wanted = Math.min(k, count);
      index.setEf(Math.max(efSearch, wanted));
      const result = filter ? index.searchKnn(vector, wanted, filter) : index.searchKnn(vector, wanted);
      return result.neighbors.map((label, i) => ({ label, similarity: 1 - (result.distances[i] ?? 1) }));
    },
    async save(file) {
      await index.writeIndex(file);
    },
  };
}

/**
 * How many neighbours each of `shards` graphs is asked for when a sharded store's k nearest are
 * wanted: a parallel build splits the corpus into runs of about equal size, so the k nearest are
 * spread over the graphs about evenly; each graph is asked for its share plus three times the
 * square root of it (more than three standard deviations of a binomial share), never more than k.
 * hnswlib's search beam is at least the number asked for, so asking each of two graphs for 72 of
 * 100 instead of 100 cuts the search's work by about a fifth (recall measured in the README).
 */
export function shardNeighbours(k: number, shards: number): number {
  if (shards <= 1) return k;
  const share = k / shards;
  return Math.min(k, Math.ceil(share + 3 * Math.sqrt(share)));
}

/**
 * The file shard `shard` of a sharded store saved as `file` goes to: `vectors.hnsw` → `vectors-0.hnsw`.
 * A sharded index names its graphs apart from the one-graph file: a reader that knows one graph only fails loudly.
 */
export function shardFile(file: string, shard: number): string {
  return file.replace(/(\.hnsw)?$/u, (_, extension: string | undefined) => `-${shard}${extension ?? ""}`);
}

export interface ShardedVectorStoreOptions {
  /**
   * Files the shards already lie in (a parallel build's threads save their graphs), by shard; a
   * shard whose file is the one `save` would write is not written again unless vectors were added.
   */
  savedAs?: readonly (string | undefined)[];
}

/**
 * Several graphs over disjoint labels searched as one: each shard's k nearest, merged by similarity
 * (ties by label). A parallel build makes one graph per thread; searching each with the same beam
 * finds at least as many of the exact neighbours as one graph of them all (measured in the README).
 * Without a filter each graph is asked for `shardNeighbours(k, graphs)`, not k. New vectors go to
 * the last shard; `save(file)` writes shard i as `shardFile(file, i)`.
 */
export function createShardedVectorStore(shards: VectorStore[], options: ShardedVectorStoreOptions = {}): VectorStore {
  const last = shards.at(-1);
  if (!last) throw new RangeError("a sharded vector store needs at least one shard");
  const saved = shards.map((_, i) => options.savedAs?.[i]);
  return {
    dimensions: last.dimensions,
    shards,
    get size() {
      return shards.reduce((sum, shard) => sum + shard.size, 0);
    },
    add(vector, label) {
      last.add(vector, label);
      saved[shards.length - 1] = undefined;
    },
    search(vector, k, filter) {
      // A filter may keep the passages of one shard only: then each shard is asked for all k.
      const each = filter ? k : shardNeighbours(k, shards.length);
      return shards
        .flatMap((shard) => shard.search(vector, each, filter))
        .sort((a, b) => b.similarity - a.similarity || a.label - b.label)
        .slice(0, k);
    },
    async save(file) {
      for (const [i, shard] of shards.entries()) {
        const target = shardFile(file, i);
        const already = saved[i];
        if (already !== undefined && path.resolve(already) === path.resolve(target)) continue;
        await shard.save(target);
        saved[i] = target;
      }
    },
  };
}
