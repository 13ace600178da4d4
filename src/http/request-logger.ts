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

/**
 * Query parameters that carry credentials: the notice link's `secret`, a portal `token`, and any
 * name a client might use for one (`access_token`, `api_key`, `X-Amz-Signature`, `password`, …).
 */
const CREDENTIAL_PARAMETER =
  /^(?:[\w.-]*(?:token|secret|key|password|passwd|pwd|signature|credential|session)s?|sig|auth|code)$/i;

/** The URL with the value of every credential-like query parameter replaced by `[redacted]`. */
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
      return equals !== -1 && CREDENTIAL_PARAMETER.test(name.trim()) ? `${rawName}=[redacted]` : pair;
    })
    .join("&");
  return `${url.slice(0, query + 1)}${redacted}${url.slice(end)}`;
}
