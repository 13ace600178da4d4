// Body of an index-build thread: builds and saves the search index of the catalog it was given
// (chunking, embedding, HNSW and BM25 are CPU work that would otherwise hold the main thread's event
// loop during a knowledge reload), then reports the content hash it saved.
import { parentPort, workerData } from "node:worker_threads";
import { LocalEmbeddings } from "./local-embeddings.js";
import { createOpenAiEmbeddings } from "./openai-embeddings.js";
import { ensureSearchIndex } from "./ensure-search-index.js";
import type { BuildIndexThreadData, BuildIndexThreadMessage } from "./build-search-index-in-thread.js";

const data = workerData as BuildIndexThreadData;
const reply = (message: BuildIndexThreadMessage) => parentPort?.postMessage(message);

try {
  const embeddings = data.embeddings ? createOpenAiEmbeddings(data.embeddings) : new LocalEmbeddings();
  const { index, rebuilt } = await ensureSearchIndex({ catalog: data.catalog, dataDir: data.dataDir, embeddings });
  reply({ status: "done", contentHash: index.manifest.contentHash, rebuilt });
} catch (error) {
  reply({ status: "failed", message: error instanceof Error ? error.message : String(error) });
}
