import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import express, { type RequestHandler } from "express";
import type { Logger } from "pino";
import { maskPersonalText } from "../mask-personal-data.js";

declare module "http" {
  interface IncomingMessage {
    /** The request id (X-Request-Id when sane, else a new UUID), set by the request logger. */
    id: string | number | object;
    /** A logger that binds this request (`req`: id, method, redacted URL); made on first use. */
    log: Logger;
  }
}

const REQUEST_ID = /^[\w.-]{1,64}$/;

/**
 * Structured request logs with a request id (taken from X-Request-Id when sane, echoed back): one
 * line per request when its response has finished (or the connection closed first), at `info`,
 * `warn` from status 400 and `error` from 500, with the request's id, method and URL (credentials
 * redacted), its status and how long it took. The lines are those pino-http 11 wrote with this
 * configuration, byte for byte; it is not used because it made a child logger (bindings serialized
 * and redacted) for every request, most of a cached search's logging cost, while only an error or
 * a route that logs something of its own needs one: `request.log` is made on first use.
 */
export function createRequestLogger(logger: Logger): RequestHandler {
  // The request line's fields are fixed (the id, method and redacted URL, the status and the time):
  // none of them is a path pino redacts (REDACTED_LOG_PATHS), so it is written by a logger that does
  // not try (redacting cost about 6 µs a line); every other line, and a failure's with its error,
  // still goes through redaction.
  const lineLogger = logger.child({}, { redact: [] });
  return (request, response, next) => {
    const incoming = request.headers["x-request-id"];
    const id = typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    response.setHeader("X-Request-Id", id);
    request.id = id;
    // What the line says of the request, as it was when the request arrived (routers rewrite `url`).
    const bound = { id, method: request.method, url: redactUrl(request.url) };
    request[REQUEST_LOG] = { logger, bound };
    const started = Date.now();
    const finished = (error?: Error) => {
      response.removeListener("close", finished);
      response.removeListener("finish", finished);
      response.removeListener("error", finished);
      logCompleted(lineLogger, logger, bound, request, response, started, error);
    };
    response.on("close", finished);
    response.on("finish", finished);
    response.on("error", finished);
    next();
  };
}

const REQUEST_LOG = Symbol("requestLog");
type Bound = { id: string; method: string; url: string | undefined };
type RequestLogState = { logger: Logger; bound: Bound; child?: Logger };
declare module "http" {
  interface IncomingMessage {
    [REQUEST_LOG]?: RequestLogState;
  }
}

/**
 * `request.log` as a getter on express's request prototype (every app's requests inherit from it,
 * a mounted sub-app's too), defined once, so a request costs one symbol-keyed field instead of a
 * property defined on it. Without the request logger in front, `request.log` is undefined.
 */
Object.defineProperty(express.request, "log", {
  configurable: true,
  get(this: IncomingMessage) {
    const state = this[REQUEST_LOG];
    if (!state) return undefined;
    state.child ??= state.logger.child({ req: state.bound });
    return state.child;
  },
  set(this: IncomingMessage, value: Logger) {
    const state = this[REQUEST_LOG];
    if (state) state.child = value;
    else Object.defineProperty(this, "log", { value, writable: true, configurable: true, enumerable: true });
  },
});

function logCompleted(
  lineLogger: Logger,
  logger: Logger,
  bound: Bound,
  request: IncomingMessage,
  response: ServerResponse & { err?: Error },
  started: number,
  error: Error | undefined,
): void {
  const responseTime = Date.now() - started;
  const { statusCode } = response;
  const level = error || statusCode >= 500 ? "error" : statusCode >= 400 ? "warn" : "info";
  if (!logger.isLevelEnabled(level)) return;
  const res = { statusCode };
  if (error || response.err || statusCode >= 500) {
    const err = error ?? response.err ?? new Error(`failed with status code ${statusCode}`);
    logger[level]({ req: bound, res, err, responseTime }, "request errored");
    return;
  }
  const message = !request.readableAborted && response.writableEnded ? "request completed" : "request aborted";
  lineLogger[level]({ req: bound, res, responseTime }, message);
}

/**
 * Query parameters that carry credentials: the notice link's `secret`, a portal `token`, and any
 * name a client might use for one (`access_token`, `api_key`, `X-Amz-Signature`, `password`, …).
 */
const CREDENTIAL_PARAMETER =
  /^(?:[\w.-]*(?:token|secret|key|password|passwd|pwd|signature|credential|session)s?|sig|auth|code)$/i;

/**
 * The URL with the value of every credential-like query parameter replaced by `[redacted]`, and ID,
 * phone and card numbers in the query masked.
 */
export function redactUrl(url: string | undefined): string | undefined {
  if (!url) return url;
  const query = url.indexOf("?");
  if (query === -1) return url;
  const hash = url.indexOf("#", query);
  const end = hash === -1 ? url.length : hash;
  const redacted = url
    .slice(query + 1, end)
    .split("&")
    .map((pair) => {
      const equals = pair.indexOf("=");
      const rawName = equals === -1 ? pair : pair.slice(0, equals);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, " "));
      } catch {
        // An undecodable name is judged as written.
      }
      if (equals === -1) return pair;
      if (CREDENTIAL_PARAMETER.test(name.trim())) return `${rawName}=[redacted]`;
      return `${rawName}=${maskedValue(pair.slice(equals + 1))}`;
    })
    .join("&");
  return `${url.slice(0, query + 1)}${redacted}${url.slice(end)}`;
}

/**
 * A query value with ID, phone and card numbers masked, read decoded (an ID right after an encoded
 * character, `%E7%A4%BE11010519…`, is still found), and written back as it came when it holds none.
 */
function maskedValue(raw: string): string {
  if (!/\d{7}/u.test(raw)) return raw;
  let value = raw;
  try {
    value = decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    // An undecodable value is masked as written.
  }
  const masked = maskPersonalText(value);
  return masked === value ? raw : encodeURIComponent(masked);
}
