import type { Catalog } from "../catalog/index.js";
import { AppError } from "../errors.js";
import type { OpenAiEmbeddingsOptions } from "./openai-embeddings.js";
import { startThread } from "./start-thread.js";

const BODY = new URL("./build-index-thread.ts", import.meta.url);

/** What the thread is given (structured-cloned: the catalog is plain data and Maps). */
export interface BuildIndexThreadData {
  catalog: Catalog;
  dataDir: string;
  /** The OpenAI-compatible endpoint when configured; the local embeddings otherwise. */
  embeddings?: OpenAiEmbeddingsOptions;
}

export type BuildIndexThreadMessage =
  | { status: "done"; contentHash: string; rebuilt: boolean }
  | { status: "failed"; message: string };

export type BuildSearchIndexInThreadOptions = BuildIndexThreadData;

export interface BuildSearchIndexInThreadResult {
  /** The content hash of the index now saved under `<dataDir>/index`. */
  contentHash: string;
  /** False when the saved index was already current. */
  rebuilt: boolean;
}

/**
 * Builds and saves the catalog's search index in a worker thread, so a knowledge reload does not
 * stall requests on the main thread; the caller then loads the saved index (`ensureSearchIndex`
 * finds it current). Rejects with `index_unavailable` when the thread fails or exits early.
 */
export function buildSearchIndexInThread(
  options: BuildSearchIndexInThreadOptions,
): Promise<BuildSearchIndexInThreadResult> {
  return new Promise((resolve, reject) => {
    const worker = startThread(BODY, { workerData: options, stdout: false, stderr: false });
    let settled = false;
    const fail = (message: string, cause?: unknown) => {
      if (settled) return;
      settled = true;
      reject(new AppError("index_unavailable", `index build thread failed: ${message}`, { cause }));
    };
    worker.on("message", (message: BuildIndexThreadMessage) => {
      if (message.status === "failed") return fail(message.message);
      settled = true;
      resolve({ contentHash: message.contentHash, rebuilt: message.rebuilt });
      void worker.terminate();
    });
    worker.on("error", (error) => fail(error.message, error));
    worker.on("exit", (code) => fail(`exited with code ${code} before reporting`));
  });
}
