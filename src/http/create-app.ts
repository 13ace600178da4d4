import express, { type RequestHandler, type Router } from "express";
import type { Logger } from "pino";
import { type ChatService, versionOf } from "../agents/index.js";
import type { Benefit, Catalog } from "../catalog/index.js";
import type { Storage } from "../storage/index.js";
import { type ChatLimits, createChatRouter } from "./chat-router.js";
import type { SearchIndex } from "../retrieval/index.js";
import { createCatalogRouter } from "./catalog-router.js";
import { createErrorHandler, notFoundHandler } from "./error-handler.js";
import { createOpenApiDocument } from "./openapi.js";
import { createMatchRouter } from "./match-router.js";
import { createPrefillRouter, type PrefillRouterDependencies } from "./prefill-router.js";
import { createPrereviewRouter, type PrereviewRouterDependencies } from "./prereview-router.js";
import { createEventLoopMonitor } from "./event-loop-monitor.js";
import { createKnowledgeRouter, type KnowledgeRouterDependencies } from "./knowledge-router.js";
import { createMetrics, type MetricsRouterOptions } from "./metrics-router.js";
import type { RateLimiterFactory } from "./rate-limiter.js";
import { createRequestLogger } from "./request-logger.js";
import { rejectUnstorableText } from "./unstorable-text.js";
import { createSearchHandler } from "./search-router.js";
import { createStatsRouter, type StatsRouterDependencies } from "./stats-router.js";
import { createWebRouter, widgetCors } from "./web-router.js";

export interface AppDependencies {
  catalog: Catalog;
  index: SearchIndex;
  logger: Logger;
  /** Largest k a search may ask for (default 50). */
  maxK?: number;
  version?: string;
  /** The chat service and its storage; without them the chat endpoints are not mounted. */
  chat?: {
    service: ChatService;
    storage: Pick<Storage, "sessions" | "feedback" | "listUnanswered">;
    adminToken?: string;
    limits?: Partial<ChatLimits>;
    /** PORTAL_TOKEN_SECRET for the widget's login pass-through. */
    portalTokenSecret?: string;
    /** Destroys a deleted session's data key. */
    destroySessionKey?: (sessionId: string) => Promise<void>;
  };
  /** knowledge/benefits for POST /api/match; without it the endpoint is not mounted. */
  benefits?: Map<string, Benefit>;
  /** Pre-review: pipeline, storage, file store, queue, notice renderer, clerk tokens; without it not mounted. */
  prereview?: PrereviewRouterDependencies;
  /**
   * A knowledge base that can be reloaded while serving (POST /api/admin/knowledge/reload): search,
   * guides and health then read its current version per request. Default: `catalog` and `index`, fixed.
   */
  knowledge?: KnowledgeRouterDependencies;
  /** Staff analytics (GET /api/admin/stats) for clerks and the administrator; without it not mounted. */
  stats?: Omit<StatsRouterDependencies, "catalog">;
  /**
   * Prefill's reader of uploads (the pre-review pipeline) and the case storage it reads finished cases
   * from; without them prefill serves JSON requests only.
   */
  prefill?: Pick<PrefillRouterDependencies, "pipeline" | "storage">;
  /** ADMIN_TOKEN for /metrics (the chat's admin endpoints take `chat.adminToken`); unset: /metrics is off. */
  adminToken?: string;
  /** The pre-review reader pool's counters, exported on /metrics. */
  readerStats?: () => object;
  /** The OCR pool's counters (pages read, seconds, workers), exported on /metrics. */
  ocrStats?: () => object;
  /** Pre-review cases by status and this process's queue, exported on /metrics. */
  prereviewJobs?: MetricsRouterOptions["prereviewJobs"];
  /**
   * What /readyz checks (the database answers, pre-review takes work …): each check true when ready.
   * Default: none, so /readyz says ready once the app serves (the index and catalog are loaded by then).
   */
  readiness?: () => Promise<Record<string, boolean>>;
  /**
   * Whether the database answers now (`storage.reachable()`): asked when a storage call failed, so
   * that every endpoint answers 503 `storage_unavailable` while it is away. Unset: such faults are 500.
   */
  storageReachable?: () => Promise<boolean>;
  /** Where the per-client limits count: in memory (default) or in Redis, shared by every node. */
  rateLimiters?: RateLimiterFactory;
  /** TRUST_PROXY: proxy hops or addresses whose X-Forwarded-For names the client. Default: none. */
  trustProxy?: number | string[];
}

/** Builds the express app without listening, so tests drive it with supertest. */
export function createApp(dependencies: AppDependencies): express.Express {
  const { logger } = dependencies;
  // Each request reads one version of the knowledge base from start to end.
  const live = () =>
    dependencies.knowledge?.base.current() ?? { catalog: dependencies.catalog, index: dependencies.index };
  const maxK = dependencies.maxK ?? 50;
  const app = express();
  app.disable("x-powered-by");
  app.set("query parser", "simple");
  // Rate limits count `request.ip`: behind a proxy, the client it names, not the proxy.
  if (dependencies.trustProxy !== undefined) app.set("trust proxy", dependencies.trustProxy);
  const eventLoop = createEventLoopMonitor();
  const metrics = createMetrics({
    adminToken: dependencies.adminToken ?? dependencies.chat?.adminToken,
    eventLoop,
    readerStats: dependencies.readerStats,
    ocrStats: dependencies.ocrStats,
    prereviewJobs: dependencies.prereviewJobs,
  });
  app.use(metrics.requests);
  app.use(createRequestLogger(logger));
  app.use(widgetCors);
  app.use(express.json({ limit: "64kb" }));
  app.use(rejectUnstorableText);
  // Search is the busiest endpoint: it is routed before the others, so a search does not walk the
  // app's and two nested routers' stacks (the metrics still label it "/api/search").
  app.get("/api/search", (request, response, next) => routersOf().search(request, response, next));

  const openApi = createOpenApiDocument({
    maxK,
    version: dependencies.version ?? "0.1.0",
    prereviewLimits: dependencies.prereview?.limits,
  });
  app.get("/openapi.json", (_request, response) => {
    response.json(openApi);
  });
  // Ready for traffic (a load balancer's check), as /healthz says alive: 503 while a check fails.
  app.get("/readyz", async (_request, response) => {
    const checks = { index: live().index.manifest.chunks > 0, ...(await (dependencies.readiness?.() ?? {})) };
    const ready = Object.values(checks).every(Boolean);
    response.status(ready ? 200 : 503).json({ status: ready ? "ready" : "not_ready", checks });
  });
  app.get("/healthz", (_request, response) => {
    const { catalog, index } = live();
    response.json({
      status: "ok",
      // The version this node serves (as answers carry it): a reload on another node shows here once followed.
      knowledgeVersion: versionOf(index.manifest.contentHash),
      eventLoopDelay: eventLoop.delay(),
      index: {
        documents: index.manifest.documents,
        chunks: index.manifest.chunks,
        embeddings: index.manifest.embeddings,
        builtAt: index.manifest.builtAt,
      },
      catalog: {
        bundles: catalog.bundles.size,
        matters: catalog.matters.size,
        policies: catalog.policies.size,
        faq: catalog.faq.length,
      },
    });
  });
  app.use(metrics.router);
  // The routers that read the catalog or index are made once per knowledge version.
  const versionRouters = new WeakMap<object, { search: RequestHandler; api: Router; web: Router }>();
  const routersOf = () => {
    const { catalog, index } = live();
    let routers = versionRouters.get(index);
    if (!routers) {
      const api = express.Router();
      api.use(createCatalogRouter({ catalog, chunks: index.chunks }));
      routers = {
        search: createSearchHandler({
          catalog,
          retriever: index.retriever,
          maxK,
          knowledgeVersion: versionOf(index.manifest.contentHash),
        }),
        api,
        web: createWebRouter({ chunks: index.chunks }),
      };
      versionRouters.set(index, routers);
    }
    return routers;
  };
  app.use("/api", (request, response, next) => routersOf().api(request, response, next));
  if (dependencies.knowledge) app.use("/api", createKnowledgeRouter(dependencies.knowledge));
  if (dependencies.chat)
    app.use(
      "/api",
      createChatRouter({
        chat: dependencies.chat.service,
        storage: dependencies.chat.storage,
        adminToken: dependencies.chat.adminToken,
        limits: dependencies.chat.limits,
        portalTokenSecret: dependencies.chat.portalTokenSecret,
        destroySessionKey: dependencies.chat.destroySessionKey,
        onReply: metrics.chatReply,
        rateLimiters: dependencies.rateLimiters,
      }),
    );
  const { benefits } = dependencies;
  if (benefits)
    app.use(
      "/api",
      createMatchRouter({
        // After a knowledge reload, the benefits checked against the new catalog.
        benefits: () => dependencies.knowledge?.base.current().benefits ?? benefits,
        rateLimiters: dependencies.rateLimiters,
        cases: dependencies.prereview?.cases,
        portalTokenSecret: dependencies.chat?.portalTokenSecret,
        clerkTokens: dependencies.prereview?.clerkTokens,
      }),
    );
  if (dependencies.prereview)
    app.use("/api", createPrereviewRouter({ rateLimiters: dependencies.rateLimiters, ...dependencies.prereview }));
  if (dependencies.stats) app.use("/api", createStatsRouter({ catalog: () => live().catalog, ...dependencies.stats }));
  app.use(
    "/api",
    createPrefillRouter({
      catalog: dependencies.catalog,
      pipeline: dependencies.prefill?.pipeline,
      cases: dependencies.prereview?.cases,
      storage: dependencies.prefill?.storage,
      sessions: dependencies.chat?.storage.sessions,
      clerkTokens: dependencies.prereview?.clerkTokens,
      portalTokenSecret: dependencies.chat?.portalTokenSecret,
      limits: dependencies.prereview?.limits,
      rateLimiters: dependencies.rateLimiters,
    }),
  );
  app.use((request, response, next) => routersOf().web(request, response, next));
  app.use(notFoundHandler);
  app.use(createErrorHandler({ storageReachable: dependencies.storageReachable }));
  return app;
}
