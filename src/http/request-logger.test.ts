import { Writable } from "node:stream";
import express from "express";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import { createLogger, REDACTED_LOG_PATHS } from "../logger.js";
import { createErrorHandler } from "./error-handler.js";
import { createRequestLogger, redactUrl } from "./request-logger.js";

describe("redactUrl", () => {
  it("redacts every credential-like query parameter and keeps the rest", () => {
    expect(
      redactUrl(
        "/api/prereview/1/notice?secret=abc&format=html&token=t0k&access_token=x&api_key=k&X-Amz-Signature=s&q=退休",
      ),
    ).toBe(
      "/api/prereview/1/notice?secret=[redacted]&format=html&token=[redacted]&access_token=[redacted]&api_key=[redacted]&X-Amz-Signature=[redacted]&q=退休",
    );
  });

  it("judges percent-encoded names and keeps the fragment", () => {
    expect(redactUrl("/demo?%74oken=abc&page=2#top")).toBe("/demo?%74oken=[redacted]&page=2#top");
  });

  it("leaves URLs without a query alone", () => {
    expect(redactUrl("/healthz")).toBe("/healthz");
    // An ID or phone number typed into a search is masked in the logged URL.
    expect(redactUrl("/api/search?q=%E7%A4%BE11010519491231002X&k=5")).toBe(
      `/api/search?q=${encodeURIComponent("社110105********002X")}&k=5`,
    );
    expect(redactUrl("/api/search?q=13812345678")).toBe("/api/search?q=138****5678");
    expect(redactUrl(undefined)).toBeUndefined();
  });
});

describe("createRequestLogger", () => {
  /** The lines an app with the request logger and the error handler writes for `paths`, without times. */
  async function logLines(paths: string[]): Promise<Record<string, unknown>[]> {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, callback) {
        lines.push(...String(chunk).split("\n").filter(Boolean));
        callback();
      },
    });
    const app = express();
    app.use(createRequestLogger(createLogger("info", sink).child({ role: "all" })));
    app.get("/api/ok", (_request, response) => {
      response.json({ ok: true });
    });
    app.get("/api/bad", () => {
      throw new AppError("bad_request", "参数有误");
    });
    app.get("/api/own", (request, response) => {
      request.log.info({ counted: 1 }, "own line");
      response.send("x");
    });
    app.get("/api/unavailable", (_request, response) => {
      response.status(503).end();
    });
    app.use(createErrorHandler({}));
    for (const [i, path] of paths.entries()) await request(app).get(path).set("X-Request-Id", `id-${i}`);
    return lines.map((line) => {
      const { time, responseTime, err, ...rest } = JSON.parse(line) as Record<string, unknown>;
      expect(typeof time).toBe("number");
      return {
        ...rest,
        ...(responseTime === undefined ? {} : { responseTime: typeof responseTime }),
        ...(err ? { err: (err as { message: string }).message } : {}),
      };
    });
  }

  it("writes one line per request with its id, method, redacted URL, status and time, as pino-http did", async () => {
    const base = { service: "banshi", role: "all" };
    const req = (id: string, url: string) => ({ id, method: "GET", url });
    // The line written when a response has finished.
    const completed = (level: number, request: ReturnType<typeof req>, statusCode: number) => ({
      level,
      ...base,
      req: request,
      res: { statusCode },
      responseTime: "number",
      msg: "request completed",
    });
    expect(await logLines(["/api/ok?q=退休&token=abc", "/api/bad", "/api/own", "/api/unavailable"])).toEqual([
      completed(30, req("id-0", "/api/ok?q=%E9%80%80%E4%BC%91&token=[redacted]"), 200),
      {
        level: 30,
        ...base,
        req: req("id-1", "/api/bad"),
        code: "bad_request",
        message: "参数有误",
        msg: "request rejected",
      },
      completed(40, req("id-1", "/api/bad"), 400),
      { level: 30, ...base, req: req("id-2", "/api/own"), counted: 1, msg: "own line" },
      completed(30, req("id-2", "/api/own"), 200),
      {
        level: 50,
        ...base,
        req: req("id-3", "/api/unavailable"),
        res: { statusCode: 503 },
        err: "failed with status code 503",
        responseTime: "number",
        msg: "request errored",
      },
    ]);
  });

  it("writes the request line without redaction only because none of its fields is a redacted path", () => {
    // The line: req.id, req.method, req.url (credentials already replaced), res.statusCode, responseTime.
    const fields = ["req.id", "req.method", "req.url", "res.statusCode", "responseTime"];
    const matches = (path: string, field: string) => {
      const pattern = path.split(".");
      const parts = field.split(".");
      return pattern.length === parts.length && pattern.every((part, i) => part === "*" || part === parts[i]);
    };
    for (const path of REDACTED_LOG_PATHS) for (const field of fields) expect(matches(path, field)).toBe(false);
  });

  it("echoes a sane X-Request-Id and makes one otherwise", async () => {
    const app = express();
    app.use(createRequestLogger(createLogger("silent")));
    app.get("/", (request, response) => {
      response.json({ id: request.id });
    });
    const given = await request(app).get("/").set("X-Request-Id", "abc-123");
    expect(given.headers["x-request-id"]).toBe("abc-123");
    expect(given.body).toEqual({ id: "abc-123" });
    const made = await request(app).get("/").set("X-Request-Id", "not sane!");
    expect(made.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(made.body).toEqual({ id: made.headers["x-request-id"] });
  });
});
