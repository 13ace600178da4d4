// The files of a saved search index: what `ensureSearchIndex` writes into a folder of its own and
// reads back. The build decides what an index is; this file only decides how it lies on disk.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { type Bm25Index, type Bm25Snapshot, loadBm25Index } from "./bm25-index.js";
import type { Chunk } from "./chunk.js";
import { createShardedVectorStore, loadHnswVectorStore, shardFile, type VectorStore } from "./hnsw-vector-store.js";
import { LocalEmbeddings, type LocalEmbeddingsSnapshot } from "./local-embeddings.js";
import type { BuiltIndex, IndexEmbeddings } from "./search-index.js";

/** Bump when chunking, tokenising or the file layout changes: old indexes are rebuilt. */
export const INDEX_FORMAT_VERSION = 2;

export interface IndexManifest {
  version: number;
  contentHash: string;
  embeddings: string;
  dimensions: number;
  documents: number;
  chunks: number;
  builtAt: string;
  buildSeconds: number;
  /** HNSW graphs saved as `vectors-<i>.hnsw` and searched together; absent: one graph, `vectors.hnsw`. */
  vectorShards?: number;
}

/** The index's HNSW graph; a sharded store's graphs lie beside it (`shardFile`: `vectors-0.hnsw`, …). */
export function vectorFile(directory: string): string {
  return path.join(directory, "vectors.hnsw");
}

/**
 * Writes the index's files into `directory`, the manifest last (an index without one is treated
 * as missing). A sharded store does not write again the graphs the build already saved there.
 */
export async function writeSearchIndexFiles(directory: string, built: BuiltIndex): Promise<void> {
  await writeFile(path.join(directory, "chunks.json"), JSON.stringify(built.index.chunks));
  await writeFile(path.join(directory, "lexical.json"), JSON.stringify(built.lexical.toSnapshot()));
  if (built.embeddings instanceof LocalEmbeddings)
    await writeFile(path.join(directory, "embeddings.json"), JSON.stringify(built.embeddings.toSnapshot()));
  await built.vectors.save(vectorFile(directory));
  await writeFile(path.join(directory, "manifest.json"), JSON.stringify(built.manifest, null, 2));
}

/** The manifest of the index in `directory`, if there is one of this format. */
export async function readManifest(directory: string): Promise<IndexManifest | undefined> {
  try {
    const manifest = JSON.parse(await readFile(path.join(directory, "manifest.json"), "utf8")) as IndexManifest;
    return manifest.version === INDEX_FORMAT_VERSION ? manifest : undefined;
  } catch {
    return undefined;
  }
}

export interface SearchIndexFiles {
  chunks: Chunk[];
  lexical: Bm25Index;
  embeddings: IndexEmbeddings;
  vectors: VectorStore;
}

/** Reads what `writeSearchIndexFiles` wrote; the local embeddings come from the index, others are `configured`. */
export async function readSearchIndexFiles(
  directory: string,
  manifest: IndexManifest,
  configured: IndexEmbeddings,
): Promise<SearchIndexFiles> {
  const chunks = JSON.parse(await readFile(path.join(directory, "chunks.json"), "utf8")) as Chunk[];
  const lexical = loadBm25Index(
    JSON.parse(await readFile(path.join(directory, "lexical.json"), "utf8")) as Bm25Snapshot,
  );
  const embeddings: IndexEmbeddings =
    configured instanceof LocalEmbeddings
      ? LocalEmbeddings.fromSnapshot(
          JSON.parse(await readFile(path.join(directory, "embeddings.json"), "utf8")) as LocalEmbeddingsSnapshot,
        )
      : configured;
  const vectors = manifest.vectorShards
    ? createShardedVectorStore(
        await Promise.all(
          Array.from({ length: manifest.vectorShards }, (_, i) =>
            loadHnswVectorStore(shardFile(vectorFile(directory), i), manifest.dimensions),
          ),
        ),
      )
    : await loadHnswVectorStore(vectorFile(directory), manifest.dimensions);
  return { chunks, lexical, embeddings, vectors };
}
