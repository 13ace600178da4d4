import { Worker } from "node:worker_threads";
import { AppError } from "../errors.js";
import { type Bm25Index, type Bm25Part, createBm25IndexFromParts } from "./bm25-index.js";
import { FEATURE_SPACE_SIZE, type LocalEmbeddings } from "./local-embeddings.js";

const ENTRY = new URL("./prepare-passages-thread-entry.mjs", import.meta.url);

/** What one thread is given: a run of consecutive passages and how to tokenise and embed them. */
export interface PassageThreadData {
  texts: string[];
  /** Position of the first of `texts` in the corpus. */
  firstPassage: number;
  customWords: string[];
  dimensions: number;
  unigramWeight: number;
}

/** The main thread's one request: the whole corpus's document frequencies, summed over the threads. */
export interface PassageThreadRequest {
  documentCount: number;
  frequencies: Uint32Array;
}

export type PassageThreadMessage =
  | { type: "frequencies"; frequencies: Uint32Array }
  | { type: "vectors"; firstPassage: number; vectors: Float32Array }
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
  /** Receives every passage's vector in passage order, a batch at a time (`dimensions` floats each). */
  onVectors: (firstPassage: number, vectors: Float32Array) => void;
  /** Called as each thread's postings arrive, with the passages tokenised so far. */
  onTokenized?: (done: number) => void;
}

/**
 * The CPU work of a large local-embeddings index build but the HNSW insertions, in worker threads:
 * normalising, the embeddings' fit and vectors, jieba and the BM25 postings. The caller inserts the
 * vectors into its graph as they arrive, in passage order, so the graph is the one a build on one
 * thread makes; the BM25 index and the fitted embeddings are the same too.
 */
export function preparePassagesInThreads(options: PreparePassagesInThreadsOptions): Promise<{ lexical: Bm25Index }> {
  const { texts, embeddings } = options;
  const threads = Math.max(1, Math.min(options.threads, texts.length));
  const size = Math.ceil(texts.length / threads);
  if (texts.length === 0) {
    embeddings.setDocumentFrequencies(0, new Uint32Array(FEATURE_SPACE_SIZE));
    return Promise.resolve({ lexical: createBm25IndexFromParts([]) });
  }
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    const frequencies = new Uint32Array(FEATURE_SPACE_SIZE);
    let counted = 0;
    const waiting = new Map<number, Float32Array>();
    let nextPassage = 0;
    const parts: Bm25Part[] = [];
    let tokenized = 0;
    let settled = false;
    const finish = (error?: AppError) => {
      if (settled) return;
      settled = true;
      for (const worker of workers) void worker.terminate();
      if (error) reject(error);
      else resolve({ lexical: createBm25IndexFromParts(parts) });
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
          options.onVectors(nextPassage, batch);
          nextPassage += batch.length / embeddings.dimensions;
        }
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
      const worker = new Worker(ENTRY, { workerData, stdout: false, stderr: false });
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
