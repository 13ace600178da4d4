// The only file that imports hnswlib-node (a CommonJS addon: default import, then destructure).
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
