import { Worker, type WorkerOptions } from "node:worker_threads";

const ENTRY = new URL("./thread-entry.mjs", import.meta.url);

/** Starts a worker thread running the TypeScript module `body` (a URL beside this file) through tsx. */
export function startThread(body: URL, options: Omit<WorkerOptions, "argv">): Worker {
  return new Worker(ENTRY, { ...options, argv: [body.href] });
}
