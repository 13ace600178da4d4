// The one file that imports ioredis (BullMQ keeps its own connections inside src/prereview/queue).
import { Redis } from "ioredis";
import type { Logger } from "pino";

export type { Redis };

/** Host and port of a redis:// URL, for messages (never the password). */
export function redisAddress(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 6379}`;
}

/**
 * A Redis client for the shared rate limits, connected before it is returned. Commands fail fast while
 * Redis is away (the limiter then lets requests through and logs it) instead of queueing behind a
 * reconnect. Throws an error naming REDIS_URL and the address when Redis does not answer in time.
 */
export async function connectRedis(url: string, logger: Logger, timeoutMs = 5000): Promise<Redis> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
  let lastError: unknown;
  redis.on("error", (error) => {
    lastError = error;
  });
  const connected = await Promise.race([
    redis.connect().then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref()),
  ]);
  if (!connected) {
    redis.disconnect();
    const reason = lastError instanceof Error ? lastError.message : "no answer";
    throw new Error(`REDIS_URL: cannot reach Redis at ${redisAddress(url)} (${reason})`);
  }
  redis.on("error", (error) => logger.warn({ err: error }, "Redis connection error"));
  return redis;
}
