// Prometheus metrics for operators (GET /metrics, ADMIN_TOKEN): the process's own figures from
// prom-client (event-loop lag, heap, handles) and the pre-review reader pool's counters.
import { Router } from "express";
import { collectDefaultMetrics, Gauge, Registry } from "prom-client";
import type { EventLoopMonitor } from "./event-loop-monitor.js";
import { requireAdmin } from "./require-admin.js";

export interface MetricsRouterOptions {
  adminToken?: string;
  eventLoop: EventLoopMonitor;
  /** Counters of the pre-review file-reader pool (see createIsolatedTextExtractor's `stats`). */
  readerStats?: () => object;
}

export function createMetricsRouter(options: MetricsRouterOptions): Router {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  new Gauge({
    name: "banshi_event_loop_delay_p99_seconds",
    help: "99th percentile of the event loop's delay over the last complete window (see /healthz)",
    registers: [registry],
    collect() {
      this.set(options.eventLoop.delay().p99Ms / 1000);
    },
  });
  const readerStats = options.readerStats;
  if (readerStats)
    new Gauge({
      name: "banshi_prereview_reader",
      help: "Pre-review file-reader pool: threads alive and busy, files queued, and since start files read and files stopped by a time, memory or crash limit",
      labelNames: ["figure"],
      registers: [registry],
      collect() {
        for (const [figure, value] of Object.entries(readerStats()))
          if (typeof value === "number") this.set({ figure }, value);
      },
    });
  const router = Router();
  router.get("/metrics", async (request, response) => {
    requireAdmin(request, options.adminToken);
    response.type(registry.contentType).send(await registry.metrics());
  });
  return router;
}
