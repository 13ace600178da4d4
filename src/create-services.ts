import path from "node:path";
import type { Logger } from "pino";
import {
  type ChatService,
  createChatKnowledge,
  createChatService,
  createKnowledgeBase,
  createOpenAiChatModel,
  type KnowledgeBase,
  summarizeCatalog,
  createResilientChatModel,
} from "./agents/index.js";
import { type Catalog, loadCatalog } from "./catalog/index.js";
import type { Config } from "./config.js";
import type { PrereviewRouterDependencies } from "./http/prereview-router.js";
import { createDataProtection, type DataProtection } from "./data-protection/index.js";
import {
  type CaseFileStore,
  createLocalCaseFileStore,
  createSealedCaseFileStore,
  createRetentionSweeper,
  type RetentionSweeper,
} from "./prereview/case-files/index.js";
import {
  createDefaultPrereviewPipeline,
  type DefaultPrereviewPipeline,
  type PrereviewPipeline,
  renderCorrectionNotice,
} from "./prereview/index.js";
import { maskPersonalData } from "./mask-personal-data.js";
import { createInProcessJobQueue, createPrereviewRunner, type PrereviewRunner } from "./prereview/queue/index.js";
import {
  type BuildProgress,
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
    logger,
    cipher: protection.cipher,
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
  });
  const knowledgeBase = createKnowledgeBase({
    directory: config.knowledgeDir,
    dataDir: config.dataDir,
    embeddings: createEmbeddings(config),
    initial: { catalog: services.catalog, index: services.index, chat: knowledge },
    recordVersion: (record) => storage.knowledgeVersions.record(record),
  });
  const started = knowledgeBase.current();
  await storage.knowledgeVersions.record({
    hash: started.index.manifest.contentHash,
    version: started.version,
    actor: "system:start",
    summary: summarizeCatalog(started.catalog),
  });
  const chat = createChatService({ knowledge: () => knowledgeBase.current().chat, storage, chatModel });
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
  return { catalog, index: result.index, indexStatus: { rebuilt: result.rebuilt, reason: result.reason } };
}

/**
 * The embedded pre-review pipeline (text layers, mupdf, tesseract.js pool, rules). OCR workers
 * start on the first image; their language data is assembled under the data directory.
 */
export async function createConfiguredPrereviewPipeline(options: {
  config: Config;
  catalog: Catalog;
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
  fileStore: CaseFileStore;
  runner: PrereviewRunner;
  sweeper: RetentionSweeper;
  /** What createApp mounts the pre-review endpoints with. */
  http: PrereviewRouterDependencies;
  /** The file-reader pool's counters for /metrics (the embedded pipeline only). */
  readerStats?: () => object;
  /** The OCR pool's counters for /metrics (the embedded pipeline only). */
  ocrStats?: () => object;
  /** Restart recovery, then the job queue; and the retention sweeper. Call after the app is built. */
  start(): Promise<void>;
  /** Stops the sweeper and the queue (jobs in progress finish), then closes the pipeline. Before storage closes. */
  stop(): Promise<void>;
  /** Started and not stopping: taking new work (/readyz). */
  running(): boolean;
  /** Jobs waiting or running in this process's queue (/metrics). */
  queueSize(): number;
}

export interface CreatePrereviewServicesOptions {
  /** Seals uploaded files and destroys keys on deletion and at retention (the service always passes it). */
  protection?: DataProtection;
  /** Default: createConfiguredPrereviewPipeline (the plug-in point above). Tests pass a fake. */
  pipeline?: PrereviewPipeline;
}

/**
 * Pre-review over the given storage: files under `<DATA_DIR>/prereview`, an in-process job queue with
 * PREREVIEW_CONCURRENCY workers, the runner and the retention sweeper. Undefined (pre-review disabled)
 * when no pipeline is available.
 */
export async function createPrereviewServices(
  config: Config,
  logger: Logger,
  storage: Storage,
  catalog: Catalog,
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
  const destroyCaseKey = protection ? (caseId: string) => protection.cipher.destroy(`case:${caseId}`) : undefined;
  const queue = createInProcessJobQueue({
    concurrency: settings.concurrency,
    onError: (error, caseId) => log.error({ caseId, err: maskPersonalData(error) }, "pre-review job crashed"),
  });
  const runner = createPrereviewRunner({ cases: storage.prereviewCases, fileStore, pipeline, queue, logger: log });
  const sweeper = createRetentionSweeper({
    cases: storage.prereviewCases,
    fileStore,
    retentionDays: settings.retentionDays,
    intervalMs: settings.sweepIntervalMs,
    logger: log,
    destroyKey: destroyCaseKey,
  });
  let state: "new" | "running" | "stopped" = "new";
  if (settings.clerkTokens.length === 0)
    logger.warn("CLERK_TOKENS is not set: the clerk's pre-review endpoints (list, review) are disabled");
  return {
    pipeline,
    fileStore,
    runner,
    sweeper,
    ...("reader" in pipeline
      ? {
          readerStats: () => (pipeline as DefaultPrereviewPipeline).reader.stats(),
          ocrStats: () => (pipeline as DefaultPrereviewPipeline).ocrStats(),
        }
      : {}),
    http: {
      pipeline,
      storage,
      fileStore,
      enqueue: (caseId) => runner.enqueue(caseId),
      renderNotice: renderCorrectionNotice,
      clerkTokens: settings.clerkTokens,
      destroyCaseKey,
      limits: {
        maxFileBytes: settings.maxFileBytes,
        maxFiles: settings.maxFiles,
        submissionsPerHour: settings.submissionsPerHour,
      },
    },
    async start() {
      const recovered = await runner.start();
      log.info({ ...recovered, concurrency: settings.concurrency }, "pre-review runner started");
      sweeper.start();
      state = "running";
    },
    async stop() {
      state = "stopped";
      await Promise.all([sweeper.stop(), runner.stop()]);
      await pipeline.close();
    },
    running: () => state === "running",
    queueSize: () => queue.size,
  };
}
