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
  /** Pre-review cannot store or queue a case now (database or Redis unreachable); nothing was stored. */
  | "prereview_unavailable"
  /** The database does not answer: the request needs it and was not carried out; nothing was stored. */
  | "storage_unavailable"
  | "internal";

export interface AppErrorOptions {
  cause?: unknown;
  /** Extra structured detail, safe to return to clients. */
  details?: unknown;
  /**
   * What the log keeps instead of the message, when the message quotes a person's data back to them
   * (a profile's contradictory facts). Default: the message, with ID and phone numbers masked.
   */
  logMessage?: string;
}

/**
 * The base of every error that carries a code from a closed union (AppError here; the OCR engine's
 * OcrError and the chat model's ChatModelError in their modules): one shape for logs and handlers.
 */
export class CodedError<Code extends string> extends Error {
  readonly code: Code;

  constructor(code: Code, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
  }
}

/** A fault with a code. Expected outcomes (no answer, needs review) are results, not AppErrors. */
export class AppError extends CodedError<ErrorCode> {
  readonly details?: unknown;
  readonly logMessage?: string;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(code, message, { cause: options.cause });
    this.name = "AppError";
    this.details = options.details;
    this.logMessage = options.logMessage;
  }
}
