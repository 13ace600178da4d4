// Body of a passage-preparing thread: for its run of passages it normalises each text once, counts
// the embeddings' document frequencies, waits for the whole corpus's counts, then either builds and
// saves its own HNSW shard of the passages' vectors or sends the vectors in batches (the main thread
// inserts them into one graph meanwhile), then tokenises with jieba and sends the BM25 postings.
// Messages are described in prepare-passages-in-threads.ts.
import { once } from "node:events";
import { parentPort, workerData } from "node:worker_threads";
import { createBm25Part } from "./bm25-index.js";
import { createHnswVectorStore } from "./hnsw-vector-store.js";
import { countFeatures, FEATURE_SPACE_SIZE, LocalEmbeddings, passageFeatures } from "./local-embeddings.js";
import { normalizeText } from "./normalize-text.js";
import type { PassageThreadData, PassageThreadMessage, PassageThreadRequest } from "./prepare-passages-in-threads.js";
import { createTokenizer } from "./tokenizer.js";

const VECTOR_BATCH = 512;
const data = workerData as PassageThreadData;
const port = parentPort;
const post = (message: PassageThreadMessage, transfer: ArrayBuffer[] = []) => port?.postMessage(message, transfer);

try {
  if (!port) throw new Error("not started as a worker thread");
  const normalized = data.texts.map((text) => normalizeText(text));
  let features = normalized.map(passageFeatures);
  const frequencies = new Uint32Array(FEATURE_SPACE_SIZE);
  for (const passage of features) countFeatures(frequencies, passage);
  post({ type: "frequencies", frequencies }, [frequencies.buffer]);
  const tokenizer = createTokenizer({ customWords: data.customWords });

  const [request] = (await once(port, "message")) as [PassageThreadRequest];
  const embeddings = new LocalEmbeddings({ dimensions: data.dimensions, unigramWeight: data.unigramWeight });
  embeddings.setDocumentFrequencies(request.documentCount, request.frequencies);
  const shard = data.shard
    ? createHnswVectorStore({
        dimensions: data.dimensions,
        maxElements: Math.max(16, features.length),
        efConstruction: data.shard.efConstruction,
      })
    : undefined;
  for (let start = 0; start < features.length; start += VECTOR_BATCH) {
    const end = Math.min(features.length, start + VECTOR_BATCH);
    const vectors = new Float32Array((end - start) * data.dimensions);
    for (let i = start; i < end; i++)
      embeddings.embedFeaturesInto(features[i] as (typeof features)[number], vectors, (i - start) * data.dimensions);
    if (!shard) post({ type: "vectors", firstPassage: data.firstPassage + start, vectors }, [vectors.buffer]);
    else
      for (let i = start; i < end; i++) {
        const offset = (i - start) * data.dimensions;
        shard.add(vectors.subarray(offset, offset + data.dimensions), data.firstPassage + i);
      }
  }
  features = [];
  if (shard && data.shard) {
    await shard.save(data.shard.file);
    post({ type: "shard", passages: shard.size });
  }

  function* tokens() {
    for (const text of normalized) yield tokenizer.tokenizeNormalized(text);
  }
  const part = createBm25Part(tokens(), data.firstPassage);
  post({ type: "postings", part }, [
    part.offsets.buffer as ArrayBuffer,
    part.documents.buffer as ArrayBuffer,
    part.frequencies.buffer as ArrayBuffer,
    part.lengths.buffer as ArrayBuffer,
  ]);
} catch (error) {
  post({ type: "failed", message: error instanceof Error ? error.message : String(error) });
}
