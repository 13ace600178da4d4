import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { pinoHttp } from "pino-http";

const REQUEST_ID = /^[\w.-]{1,64}$/;

/** Structured request logs with a request id (taken from X-Request-Id when sane, echoed back). */
export function createRequestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId(request, response) {
      const incoming = request.headers["x-request-id"];
      const id = typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      response.setHeader("X-Request-Id", id);
      return id;
    },
    customLogLevel(_request, response, error) {
      if (error || response.statusCode >= 500) return "error";
      if (response.statusCode >= 400) return "warn";
      return "info";
    },
    serializers: {
      req(request) {
        return { id: request.id, method: request.method, url: redactUrl(request.url) };
      },
      res(response) {
        return { statusCode: response.statusCode };
      },
    },
  });
}

/** The pre-review notice link carries the case secret in its query; it never reaches the log. */
export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(/([?&]secret=)[^&#]*/gi, "$1[redacted]");
}
