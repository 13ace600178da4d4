import { createHash } from "node:crypto";
import { availableParallelism } from "node:os";
import type { Embeddings } from "@langchain/core/embeddings";
import type { Catalog } from "../catalog/index.js";
import { AppError } from "../errors.js";
import { type Bm25Index, createBm25Index } from "./bm25-index.js";
import { type Chunk, indexedText } from "./chunk.js";
import { chunkCatalog } from "./chunk-catalog.js";
import { createHnswVectorStore, type VectorStore } from "./hnsw-vector-store.js";
import { createHybridRetriever, type HybridRetrieverOptions, type Retriever } from "./hybrid-retriever.js";
import { LocalEmbeddings } from "./local-embeddings.js";
import { buildVectorsAndPostingsInThreads } from "./prepare-passages-in-threads.js";
import { createQueryExpander } from "./query-expander.js";
import { normalizeText } from "./normalize-text.js";
import { INDEX_FORMAT_VERSION, type IndexManifest } from "./search-index-files.js";
import { createTokenizer, type Tokenizer } from "./tokenizer.js";

export { INDEX_FORMAT_VERSION, type IndexManifest } from "./search-index-files.js";

/** An embeddings model the index can use: the local default or an OpenAI-compatible endpoint. */
export type IndexEmbeddings = Embeddings & { identity: string; embedSync?: (text: string) => number[] };

export interface SearchIndex {
  manifest: IndexManifest;
  chunks: Chunk[];
  retriever: Retriever;
  tokenizer: Tokenizer;
}

export interface BuildProgress {
  stage: "chunk" | "tokenize" | "embed" | "save";
  done: number;
  total: number;
}

/** Hash of everything the index is built from: knowledge files, format version, embeddings. */
export function computeContentHash(catalog: Catalog, embeddingsIdentity: string): string {
  const hash = createHash("sha256");
  hash.update(`format:${INDEX_FORMAT_VERSION}\nembeddings:${embeddingsIdentity}\n`);
  for (const { file, content } of catalog.files) hash.update(`${file}\n${content.length}\n${content}\n`);
  return hash.digest("hex");
}

/** Words jieba should keep whole: names, aliases, material names and lexicon terms. */
export function catalogWords(catalog: Catalog): string[] {
  const words: string[] = [];
  for (const bundle of catalog.bundles.values()) words.push(bundle.shortName, ...bundle.aliases);
  for (const matter of catalog.matters.values()) {
    words.push(matter.name, ...matter.aliases);
    for (const material of matter.materials) words.push(material.name);
  }
  for (const entry of catalog.lexicon) words.push(...entry.colloquial, ...entry.official);
  // Long names would swallow their parts; keep words a person would type as one unit.
  // A phrase with a gap ("爸…走了") is matched by the expander, not a dictionary word.
  return words.filter((word) => word.length <= 8 && !word.includes("…"));
}

export interface CatalogRetrieverOptions
  extends Omit<HybridRetrieverOptions, "expander">,
    Partial<Pick<HybridRetrieverOptions, "expander">> {
  catalog: Catalog;
}

/** The hybrid retriever with the catalog's query expansion: the one way indexes are searched. */
export function createCatalogRetriever({ catalog, ...options }: CatalogRetrieverOptions): Retriever {
  return createHybridRetriever({
    expander: createQueryExpander(catalog, { isWord: options.tokenizer.isWord }),
    ...options,
  });
}

export interface BuiltIndex {
  index: SearchIndex;
  manifest: IndexManifest;
  lexical: Bm25Index;
  vectors: VectorStore;
  embeddings: IndexEmbeddings;
}

export interface BuildSearchIndexOptions {
  catalog: Catalog;
  embeddings: IndexEmbeddings;
  tokenizer?: Tokenizer;
  /** Passages to index instead of the catalog's own (benchmarks use generated ones). */
  chunks?: Chunk[];
  onProgress?: (progress: BuildProgress) => void;
  /** HNSW build beam width (default 100; 60 for the per-thread graphs of a parallel build, `SHARD_EF_CONSTRUCTION`). */
  efConstruction?: number;
  /**
   * Worker threads that prepare the passages (normalising, jieba, BM25 postings, the local
   * embeddings' fit and vectors) while this thread builds the HNSW graph. Default: one per core,
   * at most 4, from `PARALLEL_BUILD_MIN_PASSAGES` passages on; 1 builds on this thread alone. Used
   * with the local embeddings and a tokenizer that states its `customWords`.
   */
  threads?: number;
  /**
   * With threads: "per-thread" (default) builds one HNSW graph per thread, in parallel, searched
   * together; "one" inserts every vector into one graph on this thread, the graph a build on one
   * thread makes (slower: the insertions are then most of the build).
   */
  vectorGraphs?: "per-thread" | "one";
  /**
   * With one graph per thread: the folder the threads save their graphs in, as the index's
   * `vectors-<i>.hnsw`, and leave them (`ensureSearchIndex` passes the folder it writes the index
   * in). Default: a temporary folder under the system's, removed once the graphs are loaded.
   */
  graphDirectory?: string;
}

/**
 * From this many passages on a build prepares passages in worker threads by default: starting a
 * thread (tsx's loader, jieba's dictionary) takes about a second, more than a small corpus's build.
 */
export const PARALLEL_BUILD_MIN_PASSAGES = 20_000;

function defaultThreads(passages: number): number {
  return passages >= PARALLEL_BUILD_MIN_PASSAGES ? Math.min(4, availableParallelism()) : 1;
}

/** Builds the index in memory. */
export async function buildSearchIndex(options: BuildSearchIndexOptions): Promise<BuiltIndex> {
  const started = performance.now();
  const { catalog, embeddings } = options;
  const progress = options.onProgress ?? (() => {});
  const tokenizer = options.tokenizer ?? createTokenizer({ customWords: catalogWords(catalog) });
  const chunks = options.chunks ?? chunkCatalog(catalog);
  progress({ stage: "chunk", done: chunks.length, total: chunks.length });

  const texts = chunks.map(indexedText);
  const local = embeddings instanceof LocalEmbeddings ? embeddings : undefined;
  const threads = options.threads ?? defaultThreads(chunks.length);
  if (local && threads > 1 && tokenizer.customWords) {
    const { lexical, vectors } = await buildVectorsAndPostingsInThreads({
      texts,
      customWords: tokenizer.customWords,
      embeddings: local,
      threads,
      vectorGraphs: options.vectorGraphs ?? "per-thread",
      efConstruction: options.efConstruction,
      graphDirectory: options.graphDirectory,
      onProgress: progress,
    });
    return assemble({
      catalog,
      chunks,
      embeddings,
      tokenizer,
      lexical,
      vectors,
      dimensions: local.dimensions,
      started,
    });
  }
  // Each passage is normalised once, for the tokenizer and the local embeddings alike (each used to
  // normalise it again: three conversions per passage, a fifth of a 100,000-passage build).
  const normalized = texts.map((text) => normalizeText(text));
  // Token lists are large on big corpora; they are dropped once the BM25 postings exist.
  const lexical = createBm25Index(
    normalized.map((text, i) => {
      if (i % 500 === 0 || i === texts.length - 1) progress({ stage: "tokenize", done: i + 1, total: texts.length });
      return tokenizer.tokenizeNormalized(text);
    }),
  );

  local?.fitNormalized(normalized);
  // Vectors go into the graph batch by batch: holding every vector of a large corpus as JS
  // arrays first would double the memory peak of a build.
  const batch = 256;
  let vectors: VectorStore | undefined;
  let dimensions = embeddings instanceof LocalEmbeddings ? embeddings.dimensions : 1;
  for (let start = 0; start < texts.length; start += batch) {
    const embedded = local
      ? normalized.slice(start, start + batch).map((text) => local.embedNormalizedSync(text))
      : await embeddings.embedDocuments(texts.slice(start, start + batch));
    if (!vectors) {
      dimensions = embedded[0]?.length ?? dimensions;
      vectors = createHnswVectorStore({
        dimensions,
        maxElements: Math.max(16, chunks.length),
        efConstruction: options.efConstruction,
      });
    }
    embedded.forEach((vector, offset) => {
      if (vector.length !== dimensions)
        throw new AppError(
          "index_unavailable",
          `embedding ${start + offset} has ${vector.length} dimensions, expected ${dimensions}`,
        );
      vectors?.add(vector, start + offset);
    });
    progress({ stage: "embed", done: Math.min(start + batch, texts.length), total: texts.length });
  }
  vectors ??= createHnswVectorStore({ dimensions, maxElements: 16 });
  return assemble({ catalog, chunks, embeddings, tokenizer, lexical, vectors, dimensions, started });
}

function assemble(parts: {
  catalog: Catalog;
  chunks: Chunk[];
  embeddings: IndexEmbeddings;
  tokenizer: Tokenizer;
  lexical: Bm25Index;
  vectors: VectorStore;
  dimensions: number;
  started: number;
}): BuiltIndex {
  const { catalog, chunks, embeddings, tokenizer, lexical, vectors } = parts;
  const manifest: IndexManifest = {
    version: INDEX_FORMAT_VERSION,
    contentHash: computeContentHash(catalog, embeddings.identity),
    embeddings: embeddings.identity,
    dimensions: parts.dimensions,
    documents: new Set(chunks.map((chunk) => chunk.documentId)).size,
    chunks: chunks.length,
    builtAt: new Date().toISOString(),
    buildSeconds: (performance.now() - parts.started) / 1000,
    ...(vectors.shards ? { vectorShards: vectors.shards.length } : {}),
  };
  const retriever = createCatalogRetriever({ catalog, chunks, lexical, vectors, embeddings, tokenizer });
  return { index: { manifest, chunks, retriever, tokenizer }, manifest, lexical, vectors, embeddings };
}
