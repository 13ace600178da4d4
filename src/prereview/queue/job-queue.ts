/** How far a job got: claimed, its files read, the pipeline done. */
export interface JobProgress {
  stage: "claimed" | "files_read" | "checked";
  /** 0–1. */
  fraction: number;
}

/** What a queue gives a handler besides the case id. */
export interface JobContext {
  progress(progress: JobProgress): void;
}

/**
 * Handles one job: the case id. A rejection is a fault (the database away): a queue with retries tries
 * again later, the in-process queue logs it and moves on (the case stays in the database either way).
 */
export type JobHandler = (caseId: string, context?: JobContext) => Promise<void>;

/**
 * Moves pre-review jobs to workers. Jobs are only case ids and all state is in the database, so a
 * Redis/BullMQ queue can replace the in-process one without changing the runner, and a lost job is
 * recovered from the database at the next start.
 */
export interface JobQueue {
  /** Adds a job. Enqueueing a case already waiting is a no-op. After `stop`, jobs are ignored. */
  enqueue(caseId: string): Promise<void>;
  /** Starts handing jobs to `handler`, up to the queue's concurrency at once. Call once. */
  start(handler: JobHandler): void;
  /**
   * Stops taking jobs and resolves once the jobs in progress have finished (with `drain: false`, at once).
   * Jobs still waiting are dropped here; their cases stay queued in the database.
   */
  stop(options?: { drain?: boolean }): Promise<void>;
  /**
   * Puts the jobs in progress of these cases back to waiting at once, for any worker, and lets go of
   * them here (their handlers run on, but the job is no longer theirs). Only a shared queue has other
   * workers to give them to; without it the cases wait in the database for the next start.
   */
  handBack?(caseIds: readonly string[]): Promise<void>;
  /** Jobs waiting plus jobs in progress (in this process; a shared queue counts what it last saw). */
  readonly size: number;
  /**
   * Jobs live outside this process (Redis) and may be lost there (a restart without persistence): the
   * runner then offers every queued case again at each recovery check. Default false.
   */
  readonly shared?: boolean;
  /** Whether `enqueue` can reach the queue now (a shared queue: its connection is up). Default: always. */
  ready?(): boolean;
  /** Jobs by state across every node (a shared queue), for /metrics. */
  counts?(): Promise<Record<string, number>>;
  /** Releases connections after `stop` (a shared queue). */
  close?(): Promise<void>;
}
