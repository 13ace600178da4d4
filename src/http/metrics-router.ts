// Prometheus metrics for operators (GET /metrics, ADMIN_TOKEN): the process's own figures from
// prom-client (event-loop lag, heap, handles), requests by route and status with their latency,
// chat replies by intent and grounding, and the pre-review reader pool's counters.
import { type RequestHandler, Router } from "express";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { EventLoopMonitor } from "./event-loop-monitor.js";
import { requireAdmin } from "./require-admin.js";

export interface MetricsRouterOptions {
  adminToken?: string;
  eventLoop: EventLoopMonitor;
  /** Counters of the pre-review file-reader pool (see createIsolatedTextExtractor's `stats`). */
  readerStats?: () => object;
  /** Counters of the OCR pool (see createTesseractOcrPool's `stats`). */
  ocrStats?: () => object;
  /** Pre-review cases by status (all nodes: read from the database) and jobs in this process's queue. */
  prereviewJobs?: {
    countByStatus(): Promise<Record<string, number>>;
    queueSize(): number;
    /** Jobs by state in the shared Redis queue (REDIS_URL). */
    sharedQueueCounts?: () => Promise<Record<string, number>>;
  };
}

export interface Metrics {
  /** Times each request and counts it by method, route (the matched pattern, never the raw path) and status. */
  requests: RequestHandler;
  /** Counts a chat reply by its intent and whether it is grounded. */
  chatReply(reply: { intent: string; grounded: boolean }): void;
  router: Router;
}

export function createMetrics(options: MetricsRouterOptions): Metrics {
  const registry = new Registry();
  const duration = new Histogram({
    name: "banshi_http_request_duration_seconds",
    help: "HTTP requests by method, route pattern and status, with their duration",
    labelNames: ["method", "route", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const chatReplies = new Counter({
    name: "banshi_chat_replies_total",
    help: "Chat replies by intent and by whether every answer sentence is grounded in a cited source",
    labelNames: ["intent", "grounded"],
    registers: [registry],
  });
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  new Gauge({
    name: "banshi_event_loop_delay_p99_seconds",
    help: "99th percentile of the event loop's delay over the last complete window (see /healthz)",
    registers: [registry],
    collect() {
      this.set(options.eventLoop.delay().p99Ms / 1000);
    },
  });
  /** A pool's numeric counters, one label value per figure. */
  const figures = (name: string, help: string, stats: (() => object) | undefined) => {
    if (stats)
      new Gauge({
        name,
        help,
        labelNames: ["figure"],
        registers: [registry],
        collect() {
          for (const [figure, value] of Object.entries(stats()))
            if (typeof value === "number") this.set({ figure }, value);
        },
      });
  };
  figures(
    "banshi_prereview_reader",
    "Pre-review file-reader pool: threads alive and busy, files queued, and since start files read and files stopped by a time, memory or crash limit",
    options.readerStats,
  );
  figures(
    "banshi_ocr",
    "OCR pool: workers alive and busy, images queued, and since start images read (pages and cut-out lines), failures and seconds spent reading",
    options.ocrStats,
  );
  const jobs = options.prereviewJobs;
  if (jobs) {
    new Gauge({
      name: "banshi_prereview_cases",
      help: "Pre-review cases by status (queued, running, done, failed, deleted), from the database",
      labelNames: ["status"],
      registers: [registry],
      async collect() {
        for (const [status, count] of Object.entries(await jobs.countByStatus())) this.set({ status }, count);
      },
    });
    new Gauge({
      name: "banshi_prereview_queue_jobs",
      help: "Pre-review jobs waiting or running in this process's queue",
      registers: [registry],
      collect() {
        this.set(jobs.queueSize());
      },
    });
    const shared = jobs.sharedQueueCounts;
    if (shared)
      new Gauge({
        name: "banshi_prereview_shared_queue_jobs",
        help: "Pre-review jobs in the shared Redis queue by state (waiting, active, delayed; failed: dead jobs)",
        labelNames: ["state"],
        registers: [registry],
        async collect() {
          // While Redis is away the gauge keeps its last values instead of failing the scrape.
          const counts = await shared().catch(() => ({}));
          for (const [state, count] of Object.entries(counts)) this.set({ state }, count);
        },
      });
  }
  const router = Router();
  router.get("/metrics", async (request, response) => {
    requireAdmin(request, options.adminToken);
    response.type(registry.contentType).send(await registry.metrics());
  });
  const requests: RequestHandler = (request, response, next) => {
    const stop = duration.startTimer();
    response.on("finish", () => {
      // The route's pattern ("/api/prereview/:caseId"), so ids never become label values.
      const pattern = (request.route as { path?: unknown } | undefined)?.path;
      const route = typeof pattern === "string" ? `${request.baseUrl}${pattern}` : "unmatched";
      stop({ method: request.method, route, status: String(response.statusCode) });
    });
    next();
  };
  return {
    requests,
    chatReply: ({ intent, grounded }) => chatReplies.inc({ intent, grounded: String(grounded) }),
    router,
  };
}
