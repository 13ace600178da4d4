import type { ErrorRequestHandler, Request, RequestHandler, Response } from "express";
import { z } from "zod";
import { AppError, type ErrorCode } from "../errors.js";
import { maskPersonalText } from "../mask-personal-data.js";
import { isStorageFault } from "../storage/index.js";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  catalog_invalid: 500,
  internal: 500,
  index_unavailable: 503,
  prereview_unavailable: 503,
  storage_unavailable: 503,
};

/** What a person reads for a fault (5xx); the cause goes to the log with the request id. */
const FAULT_MESSAGE: Partial<Record<ErrorCode, string>> & { internal: string } = {
  internal: "服务暂时出现问题，请稍后再试；如需帮助，请拨打12345",
  catalog_invalid: "服务暂时出现问题，请稍后再试；如需帮助，请拨打12345",
  index_unavailable: "检索服务暂时不可用，请稍后再试",
  prereview_unavailable: "预审服务暂时不可用，材料未保存，请稍后重新提交；咨询和检索不受影响",
  storage_unavailable: "数据服务暂时不可用，本次操作没有完成，也没有保存任何内容，请稍后再试；咨询和检索不受影响",
};

export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "Machine-readable error code" }),
      message: z.string().meta({ description: "Plain-Chinese explanation for the person" }),
      details: z.unknown().optional(),
      requestId: z.string().optional(),
    }),
  })
  .meta({ id: "ErrorResponse" });

/** Turns a zod failure on request input into a 400 that names the fields. */
export function badRequestFromZod(error: z.ZodError, what: string): AppError {
  const fields = error.issues.map((issue) => ({ field: issue.path.join(".") || what, message: issue.message }));
  const summary = fields.map((field) => `${field.field}：${field.message}`).join("；");
  return new AppError("bad_request", `请求参数有误（${summary}）`, { details: fields });
}

export const notFoundHandler: RequestHandler = (request, _response, next) => {
  next(new AppError("not_found", `没有找到 ${request.method} ${request.path} 对应的接口`));
};

export interface ErrorHandlerOptions {
  /**
   * Whether the database answers now (`storage.reachable()`). Asked when a storage call failed: while
   * it does not answer, the request is refused with 503 `storage_unavailable` instead of a 500.
   * Without it every storage fault is a 500.
   */
  storageReachable?: () => Promise<boolean>;
}

/**
 * The one place where errors become HTTP statuses and `{"error":{code,message}}` bodies. A storage
 * fault while the database is unreachable becomes 503 `storage_unavailable`, for every endpoint alike;
 * a storage fault while it answers (bad SQL, a corrupt row) stays a 500.
 */
export function createErrorHandler(options: ErrorHandlerOptions = {}): ErrorRequestHandler {
  return async (error, request, response, _next) => {
    const unavailable =
      options.storageReachable !== undefined &&
      isStorageFault(error) &&
      !(await options.storageReachable().catch(() => false));
    // The log keeps the storage fault as the cause; the person reads the 503's Chinese message.
    respondWithError(
      unavailable ? new AppError("storage_unavailable", "database unreachable", { cause: error }) : error,
      request,
      response,
    );
  };
}

export const errorHandler: ErrorRequestHandler = createErrorHandler();

function respondWithError(error: unknown, request: Request, response: Response): void {
  const requestId = String(request.id ?? "");
  let appError: AppError;
  if (error instanceof AppError) appError = error;
  else if (error instanceof z.ZodError) appError = badRequestFromZod(error, "request");
  else if (isBodyParserError(error)) {
    appError =
      error.type === "entity.too.large"
        ? new AppError("payload_too_large", "请求内容过大")
        : new AppError("bad_request", "请求体不是有效的 JSON");
  } else appError = new AppError("internal", "服务暂时出现问题，请稍后再试", { cause: error });

  const status = STATUS[appError.code];
  // A fault's own message is for the log: it may name SQL, a file path or a stack; the person gets plain Chinese.
  const message = status >= 500 ? (FAULT_MESSAGE[appError.code] ?? FAULT_MESSAGE.internal) : appError.message;
  if (status >= 500) request.log?.error({ err: error, code: appError.code }, "request failed");
  // Rejection messages may quote a file name or a field value; ID and phone numbers are masked in the log.
  else
    request.log?.info(
      { code: appError.code, message: appError.logMessage ?? maskPersonalText(appError.message) },
      "request rejected",
    );
  if (response.headersSent) return;
  response.status(status).json({
    error: {
      code: appError.code,
      message,
      ...(appError.details !== undefined && status < 500 ? { details: appError.details } : {}),
      requestId,
    },
  });
}

function isBodyParserError(error: unknown): error is { type: string } {
  return typeof error === "object" && error !== null && typeof (error as { type?: unknown }).type === "string";
}
