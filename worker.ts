// Composition root of a pre-review worker (`npm run worker`): reads configuration, opens storage and the
// shared job queue in Redis, and runs jobs (OCR pool, extraction, rules) until SIGTERM. Serves no HTTP.
import { loadConfig } from "./src/config.js";
import { createFollowedCatalog, createPrereviewServices, createProtectedStorage } from "./src/create-services.js";
import { createLogger } from "./src/logger.js";
import { connectRedis, redisAddress } from "./src/redis-connection.js";

async function start(): Promise<void> {
  const config = loadConfig();
  for (const name of ["REDIS_URL", "DATABASE_URL"] as const)
    if (!(name === "REDIS_URL" ? config.redisUrl : config.databaseUrl))
      throw new Error(`${name} is required for a worker: workers and API nodes share the job queue and the database`);
  const logger = createLogger(config.logLevel).child({ role: "worker" });
  // Checked first so a worker that cannot reach Redis says so at once instead of waiting for jobs.
  const redis = await connectRedis(config.redisUrl ?? "", logger);
  await redis.quit().catch(() => undefined);
  const { storage, protection } = await createProtectedStorage(config, logger);
  // Follows a reload on any API node: before each case the newest recorded version is taken from
  // the shared knowledge directory (src/prereview/follow-catalog-versions.ts says why).
  const catalog = await createFollowedCatalog(config, logger, storage);
  const prereview = await createPrereviewServices(config, logger, storage, catalog, { protection });
  if (!prereview) throw new Error("pre-review is disabled in this build: a worker has nothing to run");
  await prereview.start({ runJobs: true, sweep: true });
  logger.info(
    { pid: process.pid, redis: redisAddress(config.redisUrl ?? ""), concurrency: config.prereview.concurrency },
    "pre-review worker running",
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(
      { signal, graceMs: config.shutdownGraceMs },
      "worker shutting down: no new jobs; jobs in progress may finish within the grace period",
    );
    // Jobs in progress finish (their cases are done or failed in the database); waiting jobs stay in
    // Redis for the other workers. Past the grace period the unfinished ones are handed back at once.
    prereview
      .stop({ graceMs: config.shutdownGraceMs })
      .catch((error: unknown) => logger.error({ err: error }, "pre-review did not stop cleanly"))
      .finally(() => storage.close().finally(() => process.exit(0)));
    // Should handing back itself hang (the database and Redis both away), the leases still expire.
    setTimeout(() => process.exit(0), config.shutdownGraceMs + 10_000).unref();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

start().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
