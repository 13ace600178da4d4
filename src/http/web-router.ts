import { readFileSync } from "node:fs";
import path from "node:path";
import { type NextFunction, type Request, type Response, Router } from "express";
import { z } from "zod";
import { AppError } from "../errors.js";
import type { Chunk } from "../retrieval/index.js";
import { convertToTraditional, createScriptBundler, renderGuidePage, type ScriptBundle } from "../web/index.js";
import { badRequestFromZod } from "./error-handler.js";

const WEB_DIR = path.resolve(import.meta.dirname, "../web");

export interface WebRouterDependencies {
  /** The index's passages: the guide pages citations link to are built from them. */
  chunks: readonly Chunk[];
}

const ConvertRequestSchema = z
  .object({
    to: z.literal("traditional", { error: "to 只能是 traditional" }),
    texts: z.array(z.string().max(5000, "单段文字不能超过 5000 个字符")).max(400, "一次最多转换 400 段文字"),
  })
  .strict();

/** Paths a third-party page's widget calls from another origin (no cookies, so `*` is safe). */
const WIDGET_API = /^\/api\/(chat|feedback|convert|matters\/[^/]+|policies\/[^/]+)$/;

/** CORS for the widget's endpoints only: the portal embedding the widget is another origin. */
export function widgetCors(request: Request, response: Response, next: NextFunction): void {
  if (!WIDGET_API.test(request.path)) {
    next();
    return;
  }
  response.setHeader("Access-Control-Allow-Origin", "*");
  response.setHeader("Vary", "Origin");
  if (request.method === "OPTIONS") {
    response.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    response.setHeader("Access-Control-Allow-Headers", "Content-Type, Accept, X-Banshi-User-Token");
    response.setHeader("Access-Control-Max-Age", "600");
    response.status(204).end();
    return;
  }
  next();
}

/**
 * The browser side: /widget.js (the embeddable chat widget), /console + /console.js (the clerk
 * console), /demo (a mock portal embedding the widget), /guide/:kind/:id (the guide or policy a
 * citation links to) and POST /api/convert (简→繁 for the widget's display toggle).
 */
export function createWebRouter(dependencies: WebRouterDependencies): Router {
  const router = Router();
  const widget = createScriptBundler({ entry: path.join(WEB_DIR, "widget/main.ts") });
  const console = createScriptBundler({ entry: path.join(WEB_DIR, "console/main.ts") });
  const consoleStats = createScriptBundler({ entry: path.join(WEB_DIR, "console/stats-main.ts") });
  const page = (file: string) => readFileSync(path.join(WEB_DIR, file), "utf8");
  const demoHtml = page("demo/index.html");
  const consoleHtml = page("console/index.html");
  const byDocument = new Map<string, Chunk[]>();
  for (const chunk of dependencies.chunks) {
    const list = byDocument.get(chunk.documentId) ?? [];
    list.push(chunk);
    byDocument.set(chunk.documentId, list);
  }

  router.get("/widget.js", async (request, response) => sendScript(request, response, await widget()));
  router.get("/console.js", async (request, response) => sendScript(request, response, await console()));
  router.get("/console-stats.js", async (request, response) => sendScript(request, response, await consoleStats()));
  router.get("/demo", (request, response) => {
    // The embed tag names this server by the address the browser used (a host header that does not
    // look like one falls back to a relative URL, so nothing odd lands in the page).
    const host = request.get("host") ?? "";
    const origin = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-fA-F:]+\](:\d{1,5})?$/.test(host)
      ? `${request.protocol}://${host}`
      : "";
    response.setHeader("Cache-Control", "no-cache");
    response.type("html").send(demoHtml.replaceAll("{{ORIGIN}}", origin));
  });
  router.get("/console", (_request, response) => {
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.type("html").send(consoleHtml);
  });
  router.get("/guide/:kind/:id", (request, response) => {
    const kind = String(request.params.kind);
    if (!["matter", "bundle", "policy", "faq", "benefit"].includes(kind))
      throw new AppError("not_found", "没有这类文件");
    const documentId = `${kind}:${String(request.params.id)}`;
    const chunks = byDocument.get(documentId);
    if (!chunks) throw new AppError("not_found", `没有找到 ${documentId}`);
    response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    response.type("html").send(renderGuidePage(documentId, chunks));
  });
  router.post("/api/convert", (request, response) => {
    const parsed = ConvertRequestSchema.safeParse(request.body ?? {});
    if (!parsed.success) throw badRequestFromZod(parsed.error, "texts");
    response.json({ texts: convertToTraditional(parsed.data.texts) });
  });
  return router;
}

function sendScript(request: Request, response: Response, bundle: ScriptBundle): void {
  response.setHeader("ETag", bundle.etag);
  // Short freshness, then a cheap revalidation: a redeploy reaches portals within minutes.
  response.setHeader("Cache-Control", "public, max-age=300, must-revalidate");
  response.setHeader("Vary", "Accept-Encoding");
  response.setHeader("Access-Control-Allow-Origin", "*");
  response.setHeader("X-Content-Type-Options", "nosniff");
  response.type("application/javascript; charset=utf-8");
  if (request.get("if-none-match") === bundle.etag) return void response.status(304).end();
  if (/\bgzip\b/.test(request.get("accept-encoding") ?? "")) {
    response.setHeader("Content-Encoding", "gzip");
    return void response.send(bundle.gzipped);
  }
  response.send(bundle.code);
}
