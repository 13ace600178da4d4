import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Worker } from "node:worker_threads";
import { AppError } from "../errors.js";
import { type Bm25Index, type Bm25Part, createBm25IndexFromParts } from "./bm25-index.js";
import {
  createHnswVectorStore,
  createShardedVectorStore,
  loadHnswVectorStore,
  shardFile,
  type VectorStore,
} from "./hnsw-vector-store.js";
import { FEATURE_SPACE_SIZE, type LocalEmbeddings } from "./local-embeddings.js";
import type { BuildProgress } from "./search-index.js";
import { vectorFile } from "./search-index-files.js";
import { startThread } from "./start-thread.js";

const BODY = new URL("./prepare-passages-thread.ts", import.meta.url);

/**
 * Build beam width of each thread's own HNSW graph when the caller names none (one graph on one
 * thread keeps hnswlib's 100). Chosen on the generated 100,000-passage corpus, two graphs of 50,000,
 * exact cosine search as truth (`bench/vector-recall.ts`, 2026-12-05): 100 → recall@10 0.768,
 * recall@100 0.659, 58.6 s of insertion CPU; 60 → 0.706, 0.600, 33.3 s; 40 → 0.632, 0.531, 23.3 s.
 * 60 still finds more of the exact neighbours than one graph of every vector built at 100 (0.698,
 * 0.558) for 0.57× the insertion time, which is about half of each build thread's time.
 */
export const SHARD_EF_CONSTRUCTION = 60;

/** What one thread is given: a run of consecutive passages and how to tokenise and embed them. */
export interface PassageThreadData {
  texts: string[];
  /** Position of the first of `texts` in the corpus. */
  firstPassage: number;
  customWords: string[];
  dimensions: number;
  unigramWeight: number;
  /** Build this run's own HNSW graph and save it here, instead of sending the vectors. */
  shard?: { file: string; efConstruction?: number };
}

/** The main thread's one request: the whole corpus's document frequencies, summed over the threads. */
export interface PassageThreadRequest {
  documentCount: number;
  frequencies: Uint32Array;
}

export type PassageThreadMessage =
  | { type: "frequencies"; frequencies: Uint32Array }
  | { type: "vectors"; firstPassage: number; vectors: Float32Array }
  | { type: "shard"; passages: number }
  | { type: "postings"; part: Bm25Part }
  | { type: "failed"; message: string };

export interface PreparePassagesInThreadsOptions {
  /** The passages' indexed texts, not yet normalised. */
  texts: string[];
  /** The tokenizer's custom dictionary words (`Tokenizer.customWords`). */
  customWords: readonly string[];
  /** Fitted here, from the document frequencies the threads count. */
  embeddings: LocalEmbeddings;
  /** Worker threads; the passages are split into this many consecutive runs. */
  threads: number;
  /**
   * Receives every passage's vector in passage order, a batch at a time (`dimensions` floats each).
   * Without it each thread builds an HNSW graph of its passages, returned as `shards`.
   */
  onVectors?: (firstPassage: number, vectors: Float32Array) => void;
  /** With `onVectors` absent: the shards' build beam width (default `SHARD_EF_CONSTRUCTION`, 60). */
  efConstruction?: number;
  /**
   * With `onVectors` absent: the folder the threads save their graphs in (`vectors-<i>.hnsw`),
   * which keeps them. Default: a temporary folder under the system's, removed once they are loaded.
   */
  shardDirectory?: string;
  /** Called as each thread's postings arrive, with the passages tokenised so far. */
  onTokenized?: (done: number) => void;
}

export interface PreparePassagesInThreadsResult {
  lexical: Bm25Index;
  /** Without `onVectors`: one graph per thread, in passage order. */
  shards: VectorStore[];
  /** With `shardDirectory`: the files the shards are saved in, in the same order. */
  shardFiles?: string[];
}

/**
 * The CPU work of a large local-embeddings index build in worker threads: normalising, the
 * embeddings' fit and vectors, jieba and the BM25 postings, and either one HNSW graph per thread
 * (`shards`) or, with `onVectors`, the vectors handed to the caller in passage order to insert into
 * one graph of its own: then the graph is the one a build on one thread makes. The BM25 index and
 * the fitted embeddings are the same as a build on one thread's either way.
 */
export async function preparePassagesInThreads(
  options: PreparePassagesInThreadsOptions,
): Promise<PreparePassagesInThreadsResult> {
  if (options.onVectors) return { ...(await runThreads(options, undefined)), shards: [] };
  const kept = options.shardDirectory;
  const directory = kept ?? (await mkdtemp(path.join(tmpdir(), "banshi-shards-")));
  try {
    const { lexical, shardFiles } = await runThreads(options, directory);
    const shards = [];
    for (const file of shardFiles) shards.push(await loadHnswVectorStore(file, options.embeddings.dimensions));
    return { lexical, shards, ...(kept ? { shardFiles } : {}) };
  } finally {
    if (!kept) await rm(directory, { recursive: true, force: true });
  }
}

function runThreads(
  options: PreparePassagesInThreadsOptions,
  shardDirectory: string | undefined,
): Promise<{ lexical: Bm25Index; shardFiles: string[] }> {
  const { texts, embeddings } = options;
  const threads = Math.max(1, Math.min(options.threads, texts.length));
  const size = Math.ceil(texts.length / threads);
  if (texts.length === 0) {
    embeddings.setDocumentFrequencies(0, new Uint32Array(FEATURE_SPACE_SIZE));
    return Promise.resolve({ lexical: createBm25IndexFromParts([]), shardFiles: [] });
  }
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    const frequencies = new Uint32Array(FEATURE_SPACE_SIZE);
    let counted = 0;
    const waiting = new Map<number, Float32Array>();
    let nextPassage = 0;
    const shardFiles: string[] = [];
    const parts: Bm25Part[] = [];
    let tokenized = 0;
    let settled = false;
    const finish = (error?: AppError) => {
      if (settled) return;
      settled = true;
      for (const worker of workers) void worker.terminate();
      if (error) reject(error);
      else resolve({ lexical: createBm25IndexFromParts(parts), shardFiles });
    };
    const fail = (message: string, cause?: unknown) =>
      finish(new AppError("index_unavailable", `index build thread failed: ${message}`, { cause }));
    const receive = (message: PassageThreadMessage) => {
      if (message.type === "failed") return fail(message.message);
      if (message.type === "frequencies") {
        for (let i = 0; i < frequencies.length; i++)
          frequencies[i] = (frequencies[i] as number) + (message.frequencies[i] as number);
        if (++counted === workers.length) {
          embeddings.setDocumentFrequencies(texts.length, frequencies);
          const request: PassageThreadRequest = { documentCount: texts.length, frequencies };
          for (const worker of workers) worker.postMessage(request);
        }
      } else if (message.type === "vectors") {
        // Threads finish at different times; the graph takes the vectors in passage order.
        waiting.set(message.firstPassage, message.vectors);
        for (let batch = waiting.get(nextPassage); batch; batch = waiting.get(nextPassage)) {
          waiting.delete(nextPassage);
          options.onVectors?.(nextPassage, batch);
          nextPassage += batch.length / embeddings.dimensions;
        }
      } else if (message.type === "shard") {
        nextPassage += message.passages;
      } else {
        parts.push(message.part);
        tokenized += message.part.lengths.length;
        options.onTokenized?.(tokenized);
      }
      if (parts.length === workers.length && nextPassage === texts.length) finish();
    };
    for (let first = 0; first < texts.length; first += size) {
      const workerData: PassageThreadData = {
        texts: texts.slice(first, first + size),
        firstPassage: first,
        customWords: [...options.customWords],
        dimensions: embeddings.dimensions,
        unigramWeight: embeddings.unigramWeight,
      };
      if (shardDirectory) {
        const file = shardFile(vectorFile(shardDirectory), shardFiles.length);
        workerData.shard = { file, efConstruction: options.efConstruction ?? SHARD_EF_CONSTRUCTION };
        shardFiles.push(workerData.shard.file);
      }
      const worker = startThread(BODY, { workerData, stdout: false, stderr: false });
      let reported = false;
      worker.on("message", (message: PassageThreadMessage) => {
        if (message.type === "postings") reported = true;
        try {
          receive(message);
        } catch (error) {
          fail(error instanceof Error ? error.message : String(error), error);
        }
      });
      worker.on("error", (error) => fail(error.message, error));
      // A thread ends by itself once it has sent its postings.
      worker.on("exit", (code) => {
        if (!reported) fail(`exited with code ${code} before reporting`);
      });
      workers.push(worker);
    }
  });
}

export interface BuildVectorsAndPostingsInThreadsOptions
  extends Pick<PreparePassagesInThreadsOptions, "texts" | "customWords" | "embeddings" | "threads" | "efConstruction"> {
  /** With "per-thread": where the threads save their graphs (`PreparePassagesInThreadsOptions.shardDirectory`). */
  graphDirectory?: string;
  /** One HNSW graph per thread, searched together, or one graph built on this thread. */
  vectorGraphs: "per-thread" | "one";
  onProgress: (progress: BuildProgress) => void;
}

/** The BM25 index and the vector store of a parallel index build (`BuildSearchIndexOptions.threads`). */
export async function buildVectorsAndPostingsInThreads(
  options: BuildVectorsAndPostingsInThreadsOptions,
): Promise<{ lexical: Bm25Index; vectors: VectorStore }> {
  const { texts, embeddings, onProgress } = options;
  const onTokenized = (done: number) => onProgress({ stage: "tokenize", done, total: texts.length });
  if (options.vectorGraphs === "per-thread") {
    const { lexical, shards, shardFiles } = await preparePassagesInThreads({
      ...options,
      shardDirectory: options.graphDirectory,
      onTokenized,
    });
    onProgress({ stage: "embed", done: texts.length, total: texts.length });
    return {
      lexical,
      vectors:
        shards.length === 1 ? (shards[0] as VectorStore) : createShardedVectorStore(shards, { savedAs: shardFiles }),
    };
  }
  const vectors = createHnswVectorStore({
    dimensions: embeddings.dimensions,
    maxElements: Math.max(16, texts.length),
    efConstruction: options.efConstruction,
  });
  const { dimensions } = embeddings;
  const { lexical } = await preparePassagesInThreads({
    ...options,
    onTokenized,
    onVectors(firstPassage, batch) {
      for (let offset = 0; offset < batch.length; offset += dimensions)
        vectors.add(batch.subarray(offset, offset + dimensions), firstPassage + offset / dimensions);
      onProgress({ stage: "embed", done: vectors.size, total: texts.length });
    },
  });
  return { lexical, vectors };
}
