import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createRateLimiter, redisRateLimiters } from "./rate-limiter.js";

const redisUrl = process.env.TEST_REDIS_URL?.trim() || undefined;

describe("in-memory rate limiter", () => {
  it("lets a key through up to its limit in a window, then again in the next window", async () => {
    let time = 0;
    const limiter = createRateLimiter({ limit: 2, windowMs: 1000, now: () => time });
    expect([await limiter.take("a"), await limiter.take("a"), await limiter.take("a")]).toEqual([true, true, false]);
    expect(await limiter.take("b")).toBe(true);
    time = 1000;
    expect(await limiter.take("a")).toBe(true);
  });
});

describe.skipIf(!redisUrl)("Redis rate limiters (TEST_REDIS_URL)", () => {
  const nodes = redisUrl ? [new Redis(redisUrl), new Redis(redisUrl)] : [];
  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.quit()));
  });

  it("enforce one limit across two nodes, per key, window by window", async () => {
    let time = Date.now();
    const name = `test-${process.pid}-${time}`;
    const [first, second] = nodes.map((redis) =>
      redisRateLimiters({ redis, now: () => time })({ name, limit: 3, windowMs: 60_000 }),
    );
    if (!first || !second) throw new Error("two nodes expected");
    const taken = [
      await first.take("203.0.113.1"),
      await second.take("203.0.113.1"),
      await first.take("203.0.113.1"),
      await second.take("203.0.113.1"),
    ];
    expect(taken).toEqual([true, true, true, false]);
    expect(await second.take("203.0.113.2")).toBe(true);
    time += 60_000;
    expect(await first.take("203.0.113.1")).toBe(true);
  });

  it("lets requests through when Redis does not answer, rather than refusing everyone", async () => {
    const away = new Redis("redis://127.0.0.1:1", {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    away.on("error", () => undefined);
    const warnings: unknown[] = [];
    const logger = { warn: (details: unknown) => warnings.push(details) } as never;
    const limiter = redisRateLimiters({ redis: away, logger })({ name: "away", limit: 1, windowMs: 60_000 });
    expect([await limiter.take("x"), await limiter.take("x")]).toEqual([true, true]);
    expect(warnings).toHaveLength(2);
    away.disconnect();
  });
});
