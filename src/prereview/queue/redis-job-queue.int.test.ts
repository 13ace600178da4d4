import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { JobProgress } from "./job-queue.js";
import { createRedisJobQueue, type RedisJobQueue } from "./redis-job-queue.js";

const redisUrl = process.env.TEST_REDIS_URL?.trim() || undefined;
if (!redisUrl)
  console.warn(
    "Redis job queue suite SKIPPED because TEST_REDIS_URL is not set (e.g. TEST_REDIS_URL=redis://127.0.0.1:6379)",
  );

const opened: RedisJobQueue[] = [];
afterEach(async () => {
  // The keys go with the queue: the shared Redis keeps nothing of these tests.
  await Promise.all(opened.splice(0).map((queue) => queue.remove().catch(() => queue.close?.())));
});

/** A queue under a prefix of its own, so tests and other users of the same Redis never meet. */
function open(options: Partial<Parameters<typeof createRedisJobQueue>[0]> = {}) {
  const queue = createRedisJobQueue({
    redisUrl: redisUrl ?? "",
    prefix: `banshi-test-${randomUUID()}`,
    backoffMs: 20,
    ...options,
  });
  opened.push(queue);
  return queue;
}

async function until(condition: () => boolean | Promise<boolean>, what: string) {
  for (let attempt = 0; attempt < 500; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.skipIf(!redisUrl)("Redis job queue (TEST_REDIS_URL)", () => {
  it("runs each case once, and a case already waiting is not queued twice", async () => {
    const queue = open({ concurrency: 2 });
    await until(() => queue.ready?.() ?? false, "the connection");
    for (const id of ["a", "b", "a", "c"]) await queue.enqueue(id);
    const seen: string[] = [];
    queue.start(async (caseId) => void seen.push(caseId));
    await until(() => seen.length === 3, "three jobs");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen.sort()).toEqual(["a", "b", "c"]);
  });

  it("retries a failing job with back-off, then keeps it as dead with its reason, and runs the others", async () => {
    const dead: [string, string][] = [];
    const errors: string[] = [];
    const queue = open({
      attempts: 3,
      backoffMs: 100,
      onDead: (caseId, reason) => dead.push([caseId, reason]),
      onError: (_error, caseId) => errors.push(caseId),
    });
    const done: string[] = [];
    const tries: number[] = [];
    queue.start(async (caseId) => {
      if (caseId === "poison") {
        tries.push(Date.now());
        throw new Error("reader crashed on page 3");
      }
      done.push(caseId);
    });
    await queue.enqueue("poison");
    await queue.enqueue("fine");
    await until(() => dead.length === 1, "the dead letter");
    expect(dead).toEqual([["poison", "reader crashed on page 3"]]);
    expect(errors).toEqual(["poison", "poison", "poison"]);
    expect(done).toEqual(["fine"]);
    // Exponential back-off from 100 ms: the tries are at least 100 ms, then 200 ms apart.
    const [first = 0, second = 0, third = 0] = tries;
    expect(second - first).toBeGreaterThanOrEqual(95);
    expect(third - second).toBeGreaterThanOrEqual(195);
    expect(await queue.deadJobs()).toEqual([{ caseId: "poison", reason: "reader crashed on page 3", attempts: 3 }]);
    expect(await queue.counts()).toMatchObject({ failed: 1, waiting: 0, active: 0 });
    // The database still saying queued is what counts: enqueueing a dead case runs it again.
    await queue.enqueue("poison");
    await until(() => dead.length === 2, "the second run");
    expect(await queue.counts()).toMatchObject({ failed: 1 });
  });

  it("reports a job's progress", async () => {
    const seen: [string, JobProgress][] = [];
    const queue = open({ onProgress: (caseId, progress) => seen.push([caseId, progress]) });
    queue.start(async (_caseId, context) => {
      context?.progress({ stage: "claimed", fraction: 0.05 });
      context?.progress({ stage: "checked", fraction: 0.95 });
    });
    await queue.enqueue("k");
    await until(() => seen.length === 2, "two progress events");
    expect(seen).toEqual([
      ["k", { stage: "claimed", fraction: 0.05 }],
      ["k", { stage: "checked", fraction: 0.95 }],
    ]);
  });

  it("leaves no key behind once removed", async () => {
    const prefix = `banshi-test-${randomUUID()}`;
    const queue = open({ prefix });
    await queue.enqueue("a");
    queue.start(async () => {});
    await until(async () => (await queue.counts()).waiting === 0, "the job");
    opened.splice(opened.indexOf(queue), 1);
    await queue.remove();
    const { Redis } = await import("ioredis");
    const redis = new Redis(redisUrl ?? "");
    expect(await redis.keys(`${prefix}:*`)).toEqual([]);
    await redis.quit();
  });

  it("stop lets the job in progress finish and takes no more", async () => {
    const queue = open();
    let release: () => void = () => {};
    const finished: string[] = [];
    queue.start(async (caseId) => {
      if (caseId === "slow") await new Promise<void>((resolve) => (release = resolve));
      finished.push(caseId);
    });
    await queue.enqueue("slow");
    await until(() => queue.size === 1, "the slow job to start");
    await queue.enqueue("later");
    let stopped = false;
    const stopping = queue.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(finished).toEqual(["slow"]);
    expect(await queue.counts()).toMatchObject({ waiting: 1 });
  });

  it("hands a job in progress back to waiting at once, and another worker takes it", async () => {
    const prefix = `banshi-test-${randomUUID()}`;
    // Locks of ten minutes: BullMQ's stalled check cannot be what hands the job over here.
    const stopping = open({ prefix, lockDurationMs: 600_000 });
    const errors: string[] = [];
    const taking = open({ prefix, lockDurationMs: 600_000, onError: (_error, caseId) => errors.push(caseId) });
    stopping.start(() => new Promise<void>(() => {}));
    await stopping.enqueue("long");
    await until(() => stopping.size === 1, "the job to start on the first worker");
    const stopped = stopping.stop();
    await stopping.handBack?.(["long"]);
    await stopped;
    expect(stopping.size).toBe(0);
    expect(await stopping.counts()).toMatchObject({ waiting: 1, active: 0, failed: 0 });

    const taken: string[] = [];
    taking.start(async (caseId) => void taken.push(caseId));
    await until(() => taken.length === 1, "the job on the second worker");
    expect(taken).toEqual(["long"]);
    expect(errors).toEqual([]);
    expect(await taking.counts()).toMatchObject({ waiting: 0, active: 0, failed: 0 });
  });
});

describe("Redis job queue without Redis", () => {
  it("is not ready and refuses to enqueue at once when Redis cannot be reached", async () => {
    const queue = createRedisJobQueue({
      redisUrl: "redis://127.0.0.1:1",
      prefix: "unreachable",
      commandTimeoutMs: 300,
    });
    opened.push(queue);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(queue.ready?.()).toBe(false);
    await expect(queue.enqueue("x")).rejects.toThrow();
  });
});
