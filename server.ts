// Composition root: read configuration, build services, create the app, listen. Nothing else listens.
import { loadConfig } from "./src/config.js";
import { createChatServices, createPrereviewServices, createServices } from "./src/create-services.js";
import { Redis } from "ioredis";
import { createApp, handleClientError, redisRateLimiters } from "./src/http/index.js";
import { createLogger } from "./src/logger.js";

async function start(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const services = await createServices({ config, logger });
  const { storage, chat, protection } = await createChatServices(config, logger, services);
  const prereview = await createPrereviewServices(config, logger, storage, services.catalog, { protection });
  // Shared by every node when configured: the rate limits. Commands fail fast while Redis is away
  // (the limiter then lets requests through and logs it) instead of queueing behind a reconnect.
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false })
    : undefined;
  redis?.on("error", (error) => logger.warn({ err: error }, "Redis connection error"));
  const app = createApp({
    catalog: services.catalog,
    index: services.index,
    logger,
    maxK: config.search.maxK,
    chat: {
      service: chat,
      storage,
      adminToken: config.adminToken,
      limits: config.chat,
      portalTokenSecret: config.portalTokenSecret,
      destroySessionKey: (sessionId) => protection.cipher.destroy(`session:${sessionId}`),
    },
    prereview: prereview?.http,
    prefill: prereview ? { pipeline: prereview.pipeline } : undefined,
    adminToken: config.adminToken,
    readerStats: prereview?.readerStats,
    ocrStats: prereview?.ocrStats,
    ...(prereview
      ? {
          prereviewJobs: {
            countByStatus: () => storage.prereviewCases.countByStatus(),
            queueSize: () => prereview.queueSize(),
          },
        }
      : {}),
    trustProxy: config.trustProxy,
    ...(redis ? { rateLimiters: redisRateLimiters({ redis, logger }) } : {}),
    readiness: async () => ({
      database: await storage.client.query("select 1").then(
        () => true,
        () => false,
      ),
      prereview: prereview?.running() ?? true,
      ...(redis ? { redis: redis.status === "ready" } : {}),
    }),
  });
  // After the app is built: restart recovery re-queues interrupted cases, then jobs and sweeps run.
  await prereview?.start();
  const server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    const url = `http://${config.host}:${port}`;
    logger.info({ url }, "Banshi is listening");
    // A person at a terminal gets the addresses in plain words too (logs stay JSON for collectors).
    if (process.stdout.isTTY)
      process.stdout.write(
        `\nBanshi is running:\n  chat widget demo  ${url}/demo\n  clerk console     ${url}/console\n  API (OpenAPI)     ${url}/openapi.json\nStop with Ctrl-C.\n\n`,
      );
  });
  server.on("clientError", handleClientError);
  server.on("error", (error) => {
    logger.fatal({ err: error }, "server failed");
    process.exit(1);
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    // Stop taking jobs at once (jobs in progress finish; queued ones stay queued in the database and are
    // picked up at the next start), then close storage once both the server and pre-review are done.
    const prereviewStopped = (prereview?.stop() ?? Promise.resolve()).catch((error: unknown) =>
      logger.error({ err: error }, "pre-review did not stop cleanly"),
    );
    server.close(() => {
      prereviewStopped.finally(() =>
        Promise.all([storage.close(), redis?.quit().catch(() => undefined)]).finally(() => process.exit(0)),
      );
    });
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

start().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
