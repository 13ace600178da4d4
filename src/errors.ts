/** Closed set of error codes; the HTTP layer maps each to a status in one place. */
export type ErrorCode =
  | "bad_request"
  | "not_found"
  | "payload_too_large"
  | "unsupported_media_type"
  | "unauthorized"
  | "forbidden"
  /** The resource is not in a state that allows this yet (e.g. a pre-review report not ready). */
  | "conflict"
  /** Well-formed but refused on its content (a knowledge change that does not validate). */
  | "unprocessable"
  | "rate_limited"
  | "catalog_invalid"
  | "index_unavailable"
  | "internal";

export interface AppErrorOptions {
  cause?: unknown;
  /** Extra structured detail, safe to return to clients. */
  details?: unknown;
}

/** A fault with a code. Expected outcomes (no answer, needs review) are results, not AppErrors. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.details = options.details;
  }
}
