// Pre-review jobs: the JobQueue interface (jobs are case ids; state lives in storage), the in-process
// queue with PREREVIEW_CONCURRENCY workers, the Redis queue (BullMQ) that several nodes share, and the
// runner that runs the pipeline and recovers after restarts.
export * from "./in-process-job-queue.js";
export * from "./job-queue.js";
export * from "./prereview-runner.js";
export * from "./redis-job-queue.js";
