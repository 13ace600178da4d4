/** Handles one job: the case id. Rejections are the handler's own faults; the queue logs and moves on. */
export type JobHandler = (caseId: string) => Promise<void>;

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
  /** Jobs waiting plus jobs in progress (in this process; a shared queue counts what it last saw). */
  readonly size: number;
  /** Whether `enqueue` can reach the queue now (a shared queue: its connection is up). Default: always. */
  ready?(): boolean;
  /** Releases connections after `stop` (a shared queue). */
  close?(): Promise<void>;
}
