import type { Storage } from "../../storage/index.js";
import { maskPersonalData } from "../../mask-personal-data.js";
import {
  type CaseFileStore,
  createRetentionSweeper,
  type RetentionSweeper,
  type SweeperClock,
} from "../case-files/index.js";
import type { PrereviewPipeline } from "../pipeline.js";
import {
  createInProcessJobQueue,
  createPrereviewRunner,
  type JobQueue,
  type PrereviewRunner,
  type RecoveryResult,
  type StopResult,
} from "../queue/index.js";
import {
  type CaseServiceLogger,
  type CaseUseCases,
  type CaseUseCasesOptions,
  createCaseUseCases,
} from "./case-use-cases.js";

export interface CaseServiceOptions extends Omit<CaseUseCasesOptions, "enqueue" | "queueReady" | "pipeline"> {
  pipeline: PrereviewPipeline;
  storage: CaseUseCasesOptions["storage"] & Pick<Storage, "prereviewCases">;
  fileStore: CaseFileStore;
  /** Default: an in-process queue with `concurrency` workers. With REDIS_URL: the Redis queue. */
  queue?: JobQueue;
  /** Jobs run at once by the default in-process queue (`PREREVIEW_CONCURRENCY`, default 1). */
  concurrency?: number;
  /** The runner's lease on a running case, in milliseconds (default 60 000). */
  leaseMs?: number;
  retention?: { days?: number; intervalMs?: number; clock?: SweeperClock };
  logger?: CaseServiceLogger;
}

export interface CaseServiceStartOptions {
  /**
   * Run jobs from the queue (and recover interrupted ones) in this process. Default true; an API-only
   * node (`ROLE=api`) passes false and only enqueues.
   */
  runJobs?: boolean;
  /** Run the retention sweeper in this process. Default true. */
  sweep?: boolean;
}

/** The case use cases plus what runs them: the job queue, the runner and the retention sweeper. */
export interface CaseService extends CaseUseCases {
  readonly runner: PrereviewRunner;
  readonly sweeper: RetentionSweeper;
  readonly fileStore: CaseFileStore;
  /** Restart recovery, then the job queue; and the retention sweeper. */
  start(options?: CaseServiceStartOptions): Promise<RecoveryResult | undefined>;
  /**
   * Stops taking jobs (jobs in progress finish), stops the sweeper, closes the queue, then the pipeline.
   * With `graceMs`, jobs still running after that long are handed back (their leases released, their
   * jobs waiting again) so other workers take them at once; the pipeline is then not waited for.
   */
  stop(options?: { graceMs?: number }): Promise<StopResult>;
  /** Started and not stopping (/readyz). */
  running(): boolean;
  /** Whether the queue takes jobs now (false while Redis is unreachable). */
  queueReady(): boolean;
  /** Jobs waiting or running in the queue (/metrics). */
  queueSize(): number;
  /** Jobs by state in a shared queue (all nodes); undefined for the in-process queue. */
  queueCounts?: () => Promise<Record<string, number>>;
}

/**
 * The pre-review case service: the use cases (submit, read, review, delete) over storage and the file
 * store, and the runner that takes jobs from the queue. The HTTP routers, the worker process and a CLI
 * share it; the rest of src/prereview stays the pure reading-and-rules pipeline.
 */
export function createCaseService(options: CaseServiceOptions): CaseService {
  const { storage, fileStore, pipeline, logger } = options;
  const queue =
    options.queue ??
    createInProcessJobQueue({
      concurrency: options.concurrency,
      onError: (error, caseId) => logger?.error({ caseId, err: maskPersonalData(error) }, "pre-review job crashed"),
    });
  const runner = createPrereviewRunner({
    cases: storage.prereviewCases,
    fileStore,
    pipeline,
    queue,
    logger,
    ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
  });
  const sweeper = createRetentionSweeper({
    cases: storage.prereviewCases,
    fileStore,
    retentionDays: options.retention?.days,
    intervalMs: options.retention?.intervalMs,
    clock: options.retention?.clock,
    logger,
    destroyKey: options.destroyCaseKey,
  });
  const useCases = createCaseUseCases({
    ...options,
    enqueue: (caseId) => runner.enqueue(caseId),
    queueReady: () => queue.ready?.() ?? true,
  });
  let state: "new" | "running" | "stopped" = "new";
  let started: CaseServiceStartOptions = {};
  return {
    ...useCases,
    runner,
    sweeper,
    fileStore,
    async start(startOptions = {}) {
      started = { runJobs: startOptions.runJobs ?? true, sweep: startOptions.sweep ?? true };
      const recovered = started.runJobs ? await runner.start() : undefined;
      if (started.sweep) sweeper.start();
      state = "running";
      return recovered;
    },
    async stop(stopOptions = {}) {
      if (state === "stopped") return { handedBack: [] };
      state = "stopped";
      const [, stopped] = await Promise.all([sweeper.stop(), runner.stop(stopOptions)]);
      await queue.close?.();
      // A handed-back job may still be reading in the pipeline; the process ends without waiting for it.
      if (stopped.handedBack.length === 0) await pipeline.close();
      return stopped;
    },
    running: () => state === "running",
    queueReady: () => queue.ready?.() ?? true,
    queueSize: () => queue.size,
    ...(queue.counts ? { queueCounts: () => queue.counts?.() ?? Promise.resolve({}) } : {}),
  };
}
