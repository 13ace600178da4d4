// The one file that imports bullmq: pre-review jobs in Redis, shared by every API node and worker.
import { type Job, Queue, WaitingError, Worker } from "bullmq";
import type { JobContext, JobHandler, JobProgress, JobQueue } from "./job-queue.js";

export interface RedisJobQueueOptions {
  /** `REDIS_URL` (redis:// or rediss://, with user, password and database number if any). */
  redisUrl: string;
  /** Prefix of every key in Redis (default `banshi`); tests and separate deployments use their own. */
  prefix?: string;
  /** Jobs this process runs at once (`PREREVIEW_CONCURRENCY`, default 1). */
  concurrency?: number;
  /** Tries of a job whose handler throws (a fault: the database away, a crash) before it is dead. Default 5. */
  attempts?: number;
  /** First retry delay in milliseconds, doubled on each retry. Default 2000. */
  backoffMs?: number;
  /**
   * How long a worker holds a job without renewing its lock, in milliseconds (default 30 000). A job of a
   * worker that died is handed to another worker after about this long (BullMQ's stalled-job check).
   */
  lockDurationMs?: number;
  /** How long an enqueue may wait for Redis before it fails, in milliseconds. Default 5000. */
  commandTimeoutMs?: number;
  /** Seconds a dead (failed) job is kept for inspection. Default 7 days. */
  deadJobAgeSeconds?: number;
  /** Told about each throw of a handler (it will be retried unless it was the last try). */
  onError?: (error: unknown, caseId: string) => void;
  /** A job failed its last try: the dead-letter state, with the reason. */
  onDead?: (caseId: string, reason: string) => void;
  /** Progress a handler reported. */
  onProgress?: (caseId: string, progress: JobProgress) => void;
  /** Redis connection errors (logged; the connection retries on its own). */
  onConnectionError?: (error: unknown) => void;
}

export interface RedisJobQueue extends JobQueue {
  /** Jobs by state across every node (waiting, active, delayed, failed = dead), for /metrics. */
  counts(): Promise<Record<string, number>>;
  /** Removes the queue and every job in it from Redis, then closes (tests; tearing a deployment down). */
  remove(): Promise<void>;
  /** The dead jobs: case id and the reason of the last failure. */
  deadJobs(limit?: number): Promise<{ caseId: string; reason: string; attempts: number }[]>;
}

const QUEUE_NAME = "prereview";

/** The promise, or a rejection naming `what` after `milliseconds` (BullMQ waits for a connection forever). */
function within<T>(promise: Promise<T>, milliseconds: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: Redis did not answer within ${milliseconds} ms`)),
      milliseconds,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Pre-review jobs in Redis through BullMQ: a job is a case id (its job id, so a case is queued once),
 * retried with exponential back-off when its handler throws, and kept as failed with its reason after
 * the last try (the dead letter). Progress goes to the job (`job.progress`) and to `onProgress`.
 *
 * Who owns a running case: the lease in PostgreSQL stays authoritative, and BullMQ's stalled-job
 * handling is only the fast path. The case's state (queued, running, done) is what applicants poll
 * and clerks list, so a claim must be a conditional update there anyway (two workers never run one
 * case); Redis may lose its jobs (a restart without persistence, eviction), and a case must then still
 * finish, which only the database can tell; and one recovery path then serves the in-process queue and
 * this one alike. So when a worker dies mid-case, BullMQ hands its job to another worker after the lock
 * runs out, whose claim is refused while the database lease holds; once the lease runs out the runners'
 * recovery requeues the case and enqueues it again (the finished job was removed, so its id is free).
 * A worker shutting down that cannot finish a case in its grace period does not wait for either: the
 * runner releases the lease first (the case is queued again, for that claim only) and then `handBack`
 * moves the job from active to waiting under the worker's lock, so the next worker's claim succeeds at
 * once; a report of the abandoned run is refused because it belongs to a claim that is gone.
 */
export function createRedisJobQueue(options: RedisJobQueueOptions): RedisJobQueue {
  const prefix = options.prefix ?? "banshi";
  const url = options.redisUrl;
  const attempts = Math.max(1, options.attempts ?? 5);
  // Adding fails at once while Redis is away (the submission answers 503) instead of waiting in a buffer.
  const queue = new Queue(QUEUE_NAME, {
    prefix,
    connection: { url, enableOfflineQueue: false, maxRetriesPerRequest: 1 },
  });
  queue.on("error", (error) => options.onConnectionError?.(error));
  let client: { status: string } | undefined;
  void queue.client.then(
    (redis) => {
      client = redis;
    },
    (error: unknown) => options.onConnectionError?.(error),
  );
  let worker: Worker | undefined;
  let stopped = false;
  let active = 0;
  /** Jobs in progress here, by case id: how to give each back, and when its processor has ended. */
  const inProgress = new Map<string, { giveBack: () => void; ended: Promise<void> }>();

  const caseIdOf = (job: Job | undefined) => String((job?.data as { caseId?: unknown } | undefined)?.caseId ?? "");

  const add = async (caseId: string) => {
    // A dead job of this case would keep its id taken: the database still says queued, so it runs again.
    const previous = await queue.getJob(caseId);
    if (previous && (await previous.isFailed())) await previous.remove();
    await queue.add(
      "case",
      { caseId },
      {
        jobId: caseId,
        attempts,
        backoff: { type: "exponential", delay: options.backoffMs ?? 2000 },
        removeOnComplete: true,
        removeOnFail: { age: options.deadJobAgeSeconds ?? 7 * 24 * 3600 },
      },
    );
  };

  return {
    async enqueue(caseId) {
      if (stopped) return;
      await within(add(caseId), options.commandTimeoutMs ?? 5000, "enqueue");
    },
    start(handler: JobHandler) {
      if (worker) throw new Error("the job queue is already started");
      worker = new Worker(
        QUEUE_NAME,
        async (job, token) => {
          const caseId = caseIdOf(job);
          active += 1;
          let handedBack = false;
          let giveBack = () => {};
          let markEnded = () => {};
          const given = new Promise<"handed_back">((resolve) => {
            giveBack = () => resolve("handed_back");
          });
          const ended = new Promise<void>((resolve) => {
            markEnded = resolve;
          });
          inProgress.set(caseId, { giveBack, ended });
          try {
            const context: JobContext = {
              progress: (progress) => {
                if (!handedBack) void job.updateProgress(progress).catch(() => undefined);
                options.onProgress?.(caseId, progress);
              },
            };
            const work = handler(caseId, context);
            // A handed-back job's handler runs on unwatched; its outcome no longer matters here.
            work.catch(() => undefined);
            if ((await Promise.race([work, given])) === "handed_back") {
              handedBack = true;
              // Back to waiting under this worker's lock token; the error tells BullMQ the job moved.
              await job.moveToWait(token);
              throw new WaitingError();
            }
          } catch (error) {
            if (!(error instanceof WaitingError)) options.onError?.(error, caseId);
            throw error;
          } finally {
            inProgress.delete(caseId);
            active -= 1;
            markEnded();
          }
        },
        {
          prefix,
          connection: { url, maxRetriesPerRequest: null },
          concurrency: Math.max(1, Math.floor(options.concurrency ?? 1)),
          lockDuration: options.lockDurationMs ?? 30_000,
          stalledInterval: options.lockDurationMs ?? 30_000,
          // A stalled job comes back rather than dying: its claim decides (see above).
          maxStalledCount: 10,
        },
      );
      worker.on("error", (error) => options.onConnectionError?.(error));
      worker.on("failed", (job, error) => {
        if (job && job.attemptsMade >= (job.opts.attempts ?? 1))
          options.onDead?.(caseIdOf(job), job.failedReason || error.message);
      });
    },
    async stop({ drain = true } = {}) {
      stopped = true;
      // Not forced: the jobs in progress finish and no new one is taken; forced: they are left to the
      // lock and lease to hand back.
      await worker?.close(!drain);
    },
    async handBack(caseIds) {
      const handed = caseIds.flatMap((caseId) => inProgress.get(caseId) ?? []);
      for (const job of handed) job.giveBack();
      // Each processor moves its job and ends; the worker's close then has nothing left to wait for. A
      // move that fails (Redis away) leaves the job to BullMQ's stalled check, as a crash would.
      await within(Promise.all(handed.map((job) => job.ended)), options.commandTimeoutMs ?? 5000, "hand back").catch(
        () => undefined,
      );
    },
    async close() {
      stopped = true;
      const closing = Promise.all([worker?.close(true), queue.close()]);
      // A connection that never came up does not close cleanly; it is dropped with the process.
      await within(closing, options.commandTimeoutMs ?? 5000, "close").catch(() => undefined);
    },
    shared: true,
    async remove() {
      stopped = true;
      await worker?.close(true);
      await within(queue.obliterate({ force: true }), options.commandTimeoutMs ?? 5000, "remove");
      await queue.close();
    },
    ready: () => !stopped && client?.status === "ready",
    get size() {
      return active;
    },
    async counts() {
      return queue.getJobCounts("waiting", "active", "delayed", "failed");
    },
    async deadJobs(limit = 50) {
      const jobs = await queue.getFailed(0, Math.max(0, limit - 1));
      return jobs.map((job) => ({ caseId: caseIdOf(job), reason: job.failedReason, attempts: job.attemptsMade }));
    },
  };
}
