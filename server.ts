// Composition root: read configuration, build services, create the app, listen. Nothing else listens.
import { watchKnowledge } from "./src/agents/index.js";
import { loadConfig } from "./src/config.js";
import {
  createChatServices,
  createPrereviewServices,
  createServices,
  followServedKnowledge,
} from "./src/create-services.js";
import { createApp, handleClientError, redisRateLimiters, prereviewRouterDependencies } from "./src/http/index.js";
import { createLogger } from "./src/logger.js";
import { connectRedis } from "./src/redis-connection.js";

async function start(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel).child({ role: config.role });
  // Shared by every node when configured: the job queue and the rate limits. Checked before anything
  // else, so a node that cannot reach Redis says so (REDIS_URL and the address) and exits.
  const redis = config.redisUrl ? await connectRedis(config.redisUrl, logger) : undefined;
  const services = await createServices({ config, logger });
  const { storage, chat, protection, knowledgeBase } = await createChatServices(config, logger, services);
  // A reload on another node sharing the database reaches this one too (chat, search, routing).
  const following = followServedKnowledge(config, logger, storage, knowledgeBase);
  // New cases read the catalog serving now, so a knowledge reload reaches pre-review too; a job this
  // process runs first takes the newest recorded version, as a worker's does (a case another node
  // accepted against a new catalog is not run against the old one).
  const servingCatalog = () => knowledgeBase.current().catalog;
  const prereview = await createPrereviewServices(
    config,
    logger,
    storage,
    following ? { current: servingCatalog, refresh: () => following.follower.refresh() } : servingCatalog,
    { protection },
  );
  const app = createApp({
    catalog: services.catalog,
    benefits: services.benefits,
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
    prereview: prereview && prereviewRouterDependencies(prereview.cases, config.prereview),
    prefill: prereview ? { pipeline: prereview.pipeline, storage } : undefined,
    knowledge: { base: knowledgeBase, versions: storage.knowledgeVersions, adminToken: config.adminToken },
    stats: { storage, clerkTokens: config.prereview.clerkTokens, adminToken: config.adminToken },
    adminToken: config.adminToken,
    readerStats: prereview?.readerStats,
    ocrStats: prereview?.ocrStats,
    ...(prereview
      ? {
          prereviewJobs: {
            countByStatus: () => storage.prereviewCases.countByStatus(),
            queueSize: () => prereview.queueSize(),
            sharedQueueCounts: prereview.cases.queueCounts,
          },
        }
      : {}),
    trustProxy: config.trustProxy,
    ...(redis ? { rateLimiters: redisRateLimiters({ redis, logger, prefix: config.redisPrefix }) } : {}),
    storageReachable: () => storage.reachable(),
    readiness: async () => ({
      database: await storage.reachable(),
      prereview: prereview?.running() ?? true,
      ...(redis ? { redis: redis.status === "ready" && (prereview?.cases.queueReady() ?? true) } : {}),
    }),
  });
  const watcher = config.knowledgeWatch
    ? watchKnowledge({
        directory: config.knowledgeDir,
        base: knowledgeBase,
        onReload: (result) => {
          if (result.status === "invalid")
            logger.warn(
              { issues: result.issues.slice(0, 20) },
              "knowledge change refused; the old version keeps serving",
            );
          else if (result.status === "building")
            void result.done.then((outcome) => logger.info({ ...outcome }, "knowledge reloaded"));
          else if (result.status === "error") logger.error({ message: result.message }, "knowledge reload failed");
        },
      })
    : undefined;
  // After the app is built: restart recovery re-queues interrupted cases, then jobs and sweeps run.
  // An API node (ROLE=api) only enqueues; `npm run worker` processes run the jobs and the sweeps.
  const runsJobs = config.role === "all";
  await prereview?.start({ runJobs: runsJobs, sweep: runsJobs });
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
    watcher?.close();
    following?.stop();
    // Stop taking jobs at once (jobs in progress may finish within the grace period, then are handed
    // back to other workers; queued ones stay queued in the database), then close storage once both the
    // server and pre-review are done.
    const prereviewStopped = (prereview?.stop({ graceMs: config.shutdownGraceMs }) ?? Promise.resolve()).catch(
      (error: unknown) => logger.error({ err: error }, "pre-review did not stop cleanly"),
    );
    server.close(() => {
      prereviewStopped.finally(() =>
        Promise.all([storage.close(), redis?.quit().catch(() => undefined)]).finally(() => process.exit(0)),
      );
    });
    setTimeout(() => process.exit(0), config.shutdownGraceMs + 10_000).unref();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

start().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
