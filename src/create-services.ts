import path from "node:path";
import type { Logger } from "pino";
import {
  type ChatService,
  createChatKnowledge,
  createChatService,
  createKnowledgeBase,
  followKnowledgeVersions,
  createOpenAiChatModel,
  type KnowledgeBase,
  summarizeCatalog,
  createResilientChatModel,
} from "./agents/index.js";
import {
  type Benefit,
  type Catalog,
  followEvery,
  loadBenefits,
  loadCatalog,
  type VersionFollower,
} from "./catalog/index.js";
import type { Config } from "./config.js";
import { createDataProtection, type DataProtection } from "./data-protection/index.js";
import {
  type CaseFileStore,
  createLocalCaseFileStore,
  createSealedCaseFileStore,
} from "./prereview/case-files/index.js";
import { type CaseService, type CaseServiceStartOptions, createCaseService } from "./prereview/cases/index.js";
import {
  type CatalogFollower,
  type CatalogSource,
  createDefaultPrereviewPipeline,
  followCatalogVersions,
  type DefaultPrereviewPipeline,
  type PrereviewPipeline,
  renderCorrectionNotice,
} from "./prereview/index.js";
import { createRedisJobQueue, type JobQueue, type StopResult } from "./prereview/queue/index.js";
import { maskPersonalData } from "./mask-personal-data.js";
import {
  type BuildProgress,
  buildSearchIndexInThread,
  computeContentHash,
  createOpenAiEmbeddings,
  type EnsureSearchIndexResult,
  ensureSearchIndex,
  type IndexEmbeddings,
  LocalEmbeddings,
  type SearchIndex,
} from "./retrieval/index.js";
import { createStorage, type Storage } from "./storage/index.js";

export interface Services {
  catalog: Catalog;
  /** knowledge/benefits, for policy matching. */
  benefits: Map<string, Benefit>;
  index: SearchIndex;
  indexStatus: Pick<EnsureSearchIndexResult, "rebuilt" | "reason">;
}

export interface ChatServices {
  storage: Storage;
  chat: ChatService;
  /** The master key, data keys and cipher personal data is sealed with. */
  protection: DataProtection;
  /** What the chat answers from, reloadable while serving (POST /api/admin/knowledge/reload). */
  knowledgeBase: KnowledgeBase;
}

/**
 * Data protection (the master key and per-case, per-session data keys) and storage that seals
 * personal data with it. The master key's origin is logged, never the key.
 */
export async function createProtectedStorage(
  config: Config,
  logger: Logger,
): Promise<{ storage: Storage; protection: DataProtection }> {
  const protection = await createDataProtection({ dataDir: config.dataDir, ...config.encryption });
  const { id, source, file } = protection.masterKey;
  if (source === "generated")
    logger.warn(
      { masterKey: id, file },
      "generated a master key for personal data at rest (0600); back it up apart from the data, or set DATA_ENCRYPTION_KEY",
    );
  else logger.info({ masterKey: id, source, file }, "personal data at rest is sealed with the master key");
  const storage = await createStorage({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    // The embedded database's statements run beside the HTTP work, not on its event loop.
    pgliteThread: true,
    logger,
    cipher: protection.cipher,
  }).catch((error: unknown) => {
    // Start-up fails with the variable to fix named (the message already gives the address, never the password).
    if (!config.databaseUrl) throw error;
    throw new Error(`DATABASE_URL: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  });
  logger.info({ engine: storage.engine, schemaVersion: storage.schemaVersion }, "storage ready");
  return { storage, protection };
}

/** Storage (PGlite or PostgreSQL) and the chat service over it. Close `storage` on shutdown. */
export async function createChatServices(config: Config, logger: Logger, services: Services): Promise<ChatServices> {
  const { storage, protection } = await createProtectedStorage(config, logger);
  const chatModel = config.llm
    ? createResilientChatModel(
        createOpenAiChatModel({
          baseUrl: config.llm.baseUrl,
          apiKey: config.llm.apiKey,
          model: config.llm.model,
          timeoutMs: config.llm.timeoutMs,
        }),
        { timeoutMs: config.llm.timeoutMs },
      )
    : undefined;
  if (chatModel)
    logger.info({ model: chatModel.name }, "chat model configured; answers still pass the grounding check");
  const knowledge = await createChatKnowledge({
    catalog: services.catalog,
    retriever: services.index.retriever,
    tokenizer: services.index.tokenizer,
    chunks: services.index.chunks,
    benefits: services.benefits,
  });
  const knowledgeBase = createKnowledgeBase({
    directory: config.knowledgeDir,
    dataDir: config.dataDir,
    embeddings: createEmbeddings(config),
    // A reload's index is built in a worker thread, so requests during it are not held up.
    buildIndex: (catalog) =>
      buildSearchIndexInThread({ catalog, dataDir: config.dataDir, embeddings: config.embeddings }),
    initial: { catalog: services.catalog, index: services.index, chat: knowledge, benefits: services.benefits },
    recordVersion: (record) => storage.knowledgeVersions.record(record),
  });
  const started = knowledgeBase.current();
  await storage.knowledgeVersions.record({
    hash: started.index.manifest.contentHash,
    version: started.version,
    actor: "system:start",
    summary: summarizeCatalog(started.catalog),
  });
  const chat = createChatService({ knowledge: () => knowledgeBase.current().chat, storage, chatModel, logger });
  return { storage, chat, protection, knowledgeBase };
}

export interface CreateServicesOptions {
  config: Config;
  logger: Logger;
  /** Rebuild the index even when current. */
  forceIndex?: boolean;
  onIndexProgress?: (progress: BuildProgress) => void;
}

/** The embeddings the configuration asks for: an OpenAI-compatible endpoint, or the local default. */
export function createEmbeddings(config: Config): IndexEmbeddings {
  if (config.embeddings) return createOpenAiEmbeddings(config.embeddings);
  return new LocalEmbeddings();
}

/** Loads and validates the catalog, then loads or (re)builds the search index. */
export async function createServices(options: CreateServicesOptions): Promise<Services> {
  const { config, logger } = options;
  const catalog = await loadCatalog({ directory: config.knowledgeDir });
  logger.info(
    {
      bundles: catalog.bundles.size,
      matters: catalog.matters.size,
      policies: catalog.policies.size,
      faq: catalog.faq.length,
    },
    "catalog loaded",
  );
  const benefits = await loadBenefits({ directory: config.knowledgeDir, catalog });
  const result = await ensureSearchIndex({
    catalog,
    dataDir: config.dataDir,
    embeddings: createEmbeddings(config),
    force: options.forceIndex,
    onProgress: options.onIndexProgress,
  });
  logger.info(
    {
      reason: result.reason,
      rebuilt: result.rebuilt,
      chunks: result.index.manifest.chunks,
      embeddings: result.index.manifest.embeddings,
    },
    result.rebuilt ? "search index built" : "search index loaded",
  );
  return { catalog, benefits, index: result.index, indexStatus: { rebuilt: result.rebuilt, reason: result.reason } };
}

/**
 * A worker's catalog: the knowledge directory as it starts, then before each run the newest version an
 * API node recorded in the shared database, read from the same directory (see followCatalogVersions).
 */
export async function createFollowedCatalog(
  config: Config,
  logger: Logger,
  storage: Storage,
): Promise<CatalogFollower> {
  const embeddingsIdentity = createEmbeddings(config).identity;
  const load = async () => {
    const catalog = await loadCatalog({ directory: config.knowledgeDir });
    return { catalog, hash: computeContentHash(catalog, embeddingsIdentity) };
  };
  const initial = await load();
  logger.info(
    { version: initial.hash.slice(0, 12) },
    "pre-review catalog loaded; it follows recorded knowledge versions",
  );
  return followCatalogVersions({
    initial,
    load,
    latestHash: latestRecordedHash(storage),
    logger: logger.child({ module: "prereview" }),
  });
}

/** The hash of the newest knowledge version recorded in the shared database, if any. */
const latestRecordedHash = (storage: Storage) => async () =>
  (await storage.knowledgeVersions.list({ limit: 1 }))[0]?.hash;

/**
 * An API node's knowledge base following reloads made on other nodes sharing the database: the newest
 * recorded version is asked for every `KNOWLEDGE_FOLLOW_SECONDS` (src/agents/follow-knowledge-versions.ts
 * says why). Undefined without DATABASE_URL (no other node records into an embedded database) or with
 * the interval 0. Call `stop` on shutdown.
 */
export function followServedKnowledge(
  config: Config,
  logger: Logger,
  storage: Storage,
  knowledgeBase: KnowledgeBase,
): { follower: VersionFollower; stop: () => void } | undefined {
  if (!config.databaseUrl || config.knowledgeFollowMs <= 0) return undefined;
  const follower = followKnowledgeVersions({
    base: knowledgeBase,
    latestHash: latestRecordedHash(storage),
    logger: logger.child({ module: "knowledge" }),
  });
  logger.info({ everyMs: config.knowledgeFollowMs }, "this node follows knowledge versions recorded by other nodes");
  return { follower, stop: followEvery(follower, config.knowledgeFollowMs) };
}

/**
 * The embedded pre-review pipeline (text layers, mupdf, tesseract.js pool, rules). OCR workers
 * start on the first image; their language data is assembled under the data directory.
 */
export async function createConfiguredPrereviewPipeline(options: {
  config: Config;
  /**
   * A fixed catalog, a function giving the one serving now (new cases follow a knowledge reload), or
   * a worker's catalog following the recorded versions (`createFollowedCatalog`).
   */
  catalog: CatalogSource;
  logger: Logger;
}): Promise<PrereviewPipeline | undefined> {
  const { config, catalog, logger } = options;
  return createDefaultPrereviewPipeline({
    catalog,
    ocrWorkers: config.prereview.ocrWorkers,
    readerThreads: config.prereview.readerThreads,
    ocrCachePath: path.join(config.dataDir, "tesseract"),
    limits: {
      maxFileBytes: config.prereview.maxFileBytes,
      maxFiles: config.prereview.maxFiles,
      fileTimeLimitMs: config.prereview.fileTimeLimitMs,
      caseTimeLimitMs: config.prereview.caseTimeLimitMs,
      maxInflatedBytes: config.prereview.maxInflatedBytes,
      readerMemoryMb: config.prereview.readerMemoryMb,
    },
    logger: logger.child({ module: "prereview" }),
  });
}

export interface PrereviewServices {
  pipeline: PrereviewPipeline;
  /** The case use cases and what runs them (queue, runner, sweeper); routers, workers and a CLI call it. */
  cases: CaseService;
  fileStore: CaseFileStore;
  /** The file-reader pool's counters for /metrics (the embedded pipeline only). */
  readerStats?: () => object;
  /** The OCR pool's counters for /metrics (the embedded pipeline only). */
  ocrStats?: () => object;
  /** Restart recovery, then the job queue; and the retention sweeper. Call after the app is built. */
  start(options?: CaseServiceStartOptions): Promise<void>;
  /**
   * Stops the sweeper and the queue (jobs in progress finish; with `graceMs`, those still running after
   * it are handed back to other workers), then closes the pipeline. Before storage closes.
   */
  stop(options?: { graceMs?: number }): Promise<StopResult>;
  /** Started and not stopping: taking new work (/readyz). */
  running(): boolean;
  /** Jobs waiting or running in the queue (/metrics). */
  queueSize(): number;
}

export interface CreatePrereviewServicesOptions {
  /** Seals uploaded files and destroys keys on deletion and at retention (the service always passes it). */
  protection?: DataProtection;
  /** Default: createConfiguredPrereviewPipeline (the plug-in point above). Tests pass a fake. */
  pipeline?: PrereviewPipeline;
  /** Default: an in-process queue with PREREVIEW_CONCURRENCY workers. */
  queue?: JobQueue;
  /** The runner's lease on a running case in milliseconds (default 60 000). */
  leaseMs?: number;
}

/**
 * Pre-review over the given storage: files under `<DATA_DIR>/prereview`, the job queue, the runner and
 * the retention sweeper inside the case service. Undefined (pre-review disabled) when no pipeline is
 * available.
 */
export async function createPrereviewServices(
  config: Config,
  logger: Logger,
  storage: Storage,
  catalog: CatalogSource,
  options: CreatePrereviewServicesOptions = {},
): Promise<PrereviewServices | undefined> {
  const pipeline = options.pipeline ?? (await createConfiguredPrereviewPipeline({ config, catalog, logger }));
  if (!pipeline) {
    logger.warn("pre-review disabled: no pipeline factory is plugged in (src/create-services.ts)");
    return undefined;
  }
  const settings = config.prereview;
  const log = logger.child({ module: "prereview" });
  const localFiles = createLocalCaseFileStore({ directory: path.join(config.dataDir, "prereview") });
  const protection = options.protection;
  const fileStore = protection ? createSealedCaseFileStore(localFiles, protection.cipher) : localFiles;
  const leaseMs = options.leaseMs ?? settings.leaseMs;
  let giveUp: (caseId: string, reason: string) => void = () => {};
  // With REDIS_URL every node shares one queue in Redis; without, each process keeps its own.
  const queue =
    options.queue ??
    (config.redisUrl
      ? createRedisJobQueue({
          redisUrl: config.redisUrl,
          prefix: config.redisPrefix,
          concurrency: settings.concurrency,
          attempts: settings.jobAttempts,
          lockDurationMs: leaseMs,
          onError: (error, caseId) => log.warn({ caseId, err: maskPersonalData(error) }, "pre-review job try failed"),
          onDead: (caseId, reason) => giveUp(caseId, reason),
          onConnectionError: (error) => log.warn({ err: error }, "pre-review queue: Redis connection error"),
        })
      : undefined);
  const cases = createCaseService({
    pipeline,
    storage,
    fileStore,
    queue,
    concurrency: settings.concurrency,
    leaseMs,
    renderNotice: renderCorrectionNotice,
    destroyCaseKey: protection ? (caseId: string) => protection.cipher.destroy(`case:${caseId}`) : undefined,
    limits: { maxFileBytes: settings.maxFileBytes, maxFiles: settings.maxFiles },
    retention: { days: settings.retentionDays, intervalMs: settings.sweepIntervalMs },
    logger: log,
  });
  giveUp = (caseId, reason) =>
    void cases.runner
      .giveUp(caseId, reason)
      .catch((error: unknown) => log.error({ caseId, err: maskPersonalData(error) }, "dead pre-review job not failed"));
  if (settings.clerkTokens.length === 0)
    logger.warn("CLERK_TOKENS is not set: the clerk's pre-review endpoints (list, review) are disabled");
  return {
    pipeline,
    cases,
    fileStore,
    ...("reader" in pipeline
      ? {
          readerStats: () => (pipeline as DefaultPrereviewPipeline).reader.stats(),
          ocrStats: () => (pipeline as DefaultPrereviewPipeline).ocrStats(),
        }
      : {}),
    async start(startOptions) {
      const recovered = await cases.start(startOptions);
      log.info({ ...recovered, concurrency: settings.concurrency }, "pre-review runner started");
    },
    stop: (stopOptions) => cases.stop(stopOptions),
    running: () => cases.running(),
    queueSize: () => cases.queueSize(),
  };
}
