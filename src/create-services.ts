import type { Logger } from "pino";
import {
  type ChatService,
  createChatService,
  createOpenAiChatModel,
  createResilientChatModel,
} from "./agents/index.js";
import { type Catalog, loadCatalog } from "./catalog/index.js";
import type { Config } from "./config.js";
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
}

/** Storage (PGlite or PostgreSQL) and the chat service over it. Close `storage` on shutdown. */
export async function createChatServices(config: Config, logger: Logger, services: Services): Promise<ChatServices> {
  const storage = await createStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger });
  logger.info({ engine: storage.engine, schemaVersion: storage.schemaVersion }, "storage ready");
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
  const chat = createChatService({
    catalog: services.catalog,
    retriever: services.index.retriever,
    tokenizer: services.index.tokenizer,
    storage,
    chatModel,
  });
  return { storage, chat };
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
