// Fixed-window rate limits. In memory for one API node; in Redis (REDIS_URL) so that N nodes enforce
// one limit together instead of N limits.
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import type { Logger } from "pino";

export interface RateLimiter {
  /** Counts one request; false when the key is over its limit in the current window. */
  take(key: string): Promise<boolean>;
}

export interface RateLimitSpec {
  /** Names the limit (keys of different limits never mix). */
  name: string;
  limit: number;
  windowMs: number;
}

/** Makes the limiters the routers use; the default keeps them in memory. */
export type RateLimiterFactory = (spec: RateLimitSpec) => RateLimiter;

export function createRateLimiter(options: { limit: number; windowMs: number; now?: () => number }): RateLimiter {
  const now = options.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();
  return {
    async take(key) {
      const time = now();
      const window = windows.get(key);
      if (!window || time - window.start >= options.windowMs) {
        windows.set(key, { start: time, count: 1 });
        if (windows.size > 10_000)
          for (const [candidate, value] of windows)
            if (time - value.start >= options.windowMs) windows.delete(candidate);
        return true;
      }
      window.count += 1;
      return window.count <= options.limit;
    },
  };
}

export const memoryRateLimiters: RateLimiterFactory = (spec) => createRateLimiter(spec);

// One round trip, atomic: count, and start the window's expiry with its first request.
const COUNT_IN_WINDOW = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

/** Client addresses are not written to Redis as they are. */
const hashed = (key: string) => createHash("sha256").update(key).digest("base64url").slice(0, 22);

/**
 * Limiters counting in Redis, shared by every node that uses the same Redis. When Redis does not
 * answer, a request is let through (and logged): the limits protect the service, they are not worth
 * refusing every citizen while Redis is away.
 */
export function redisRateLimiters(options: {
  redis: Redis;
  logger?: Logger;
  now?: () => number;
  /** Key prefix (`REDIS_PREFIX`, default `banshi`). */
  prefix?: string;
}): RateLimiterFactory {
  const now = options.now ?? Date.now;
  return (spec) => ({
    async take(key) {
      const window = Math.floor(now() / spec.windowMs);
      try {
        const count = Number(
          await options.redis.eval(
            COUNT_IN_WINDOW,
            1,
            `${options.prefix ?? "banshi"}:limit:${spec.name}:${window}:${hashed(key)}`,
            spec.windowMs,
          ),
        );
        return count <= spec.limit;
      } catch (error) {
        options.logger?.warn({ err: error, limit: spec.name }, "rate limit not counted: Redis did not answer");
        return true;
      }
    },
  });
}
