import type { JobHandler, JobQueue } from "./job-queue.js";

export interface InProcessJobQueueOptions {
  /** Jobs handled at once (`PREREVIEW_CONCURRENCY`, default 1). */
  concurrency?: number;
  /** Told about a handler that threw; the queue itself never throws. Default: ignore. */
  onError?: (error: unknown, caseId: string) => void;
}

/** A FIFO queue in this process: no persistence (the database is the record), no retries (the runner decides). */
export function createInProcessJobQueue(options: InProcessJobQueueOptions = {}): JobQueue {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const waiting: string[] = [];
  const inProgress = new Set<Promise<void>>();
  let handler: JobHandler | undefined;
  let stopped = false;

  const run = (caseId: string) => {
    const job = (async () => {
      try {
        await handler?.(caseId);
      } catch (error) {
        try {
          options.onError?.(error, caseId);
        } catch {
          // a failing error reporter must not take the queue down either
        }
      }
    })().finally(() => {
      inProgress.delete(job);
      pump();
    });
    inProgress.add(job);
  };

  const pump = () => {
    while (handler && !stopped && inProgress.size < concurrency && waiting.length > 0) {
      const caseId = waiting.shift();
      if (caseId !== undefined) run(caseId);
    }
  };

  return {
    async enqueue(caseId) {
      if (stopped || waiting.includes(caseId)) return;
      waiting.push(caseId);
      // Start on a later tick: enqueue returns before the job begins, whatever the handler does.
      setImmediate(pump);
    },
    start(jobHandler) {
      if (handler) throw new Error("the job queue is already started");
      handler = jobHandler;
      setImmediate(pump);
    },
    async stop({ drain = true } = {}) {
      stopped = true;
      waiting.length = 0;
      if (drain) await Promise.allSettled([...inProgress]);
    },
    get size() {
      return waiting.length + inProgress.size;
    },
  };
}
