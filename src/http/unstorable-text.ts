// Text a database cannot store: PostgreSQL refuses NUL in text and jsonb, and a lone UTF-16
// surrogate has no UTF-8 form. Such text is refused at the edge with a 400, so it never reaches a
// query (it once came back as a 500 that quoted the SQL).
import type { RequestHandler } from "express";
import { AppError } from "../errors.js";

const NUL = String.fromCharCode(0);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE = { test: (text: string) => text.includes(NUL) || LONE_SURROGATE.test(text) };

export const UNSTORABLE_TEXT_MESSAGE = "内容中含有无法处理的字符（如空字符或残缺的表情符号），请删除后重新提交";

/** The path of the first string (or object key) in `value` that holds unstorable characters. */
export function findUnstorableText(value: unknown, path = "", depth = 0): string | undefined {
  if (typeof value === "string") return UNSTORABLE.test(value) ? path || "value" : undefined;
  if (value === null || typeof value !== "object" || depth > 32) return undefined;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = findUnstorableText(value[index], `${path}[${index}]`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const where = path ? `${path}.${key}` : key;
    if (UNSTORABLE.test(key)) return path || "key";
    const found = findUnstorableText(item, where, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Throws the 400 when `value` holds unstorable text; `what` names the part of the request. */
export function assertStorableText(value: unknown, what: string): void {
  const found = findUnstorableText(value);
  if (found)
    throw new AppError("bad_request", UNSTORABLE_TEXT_MESSAGE, {
      details: { field: `${what}${found === "value" ? "" : `.${found.replace(/[^\w.[\]-]/g, "?")}`}` },
    });
}

/** Checks the query string, the decoded path and a parsed JSON body of every request. */
export const rejectUnstorableText: RequestHandler = (request, _response, next) => {
  let path: string;
  try {
    path = decodeURIComponent(request.path);
  } catch {
    return next(new AppError("bad_request", "请求地址中含有无效的编码"));
  }
  assertStorableText(path, "path");
  // A query string whose percent-encoding is broken ("%E0%A4%A") is refused, not guessed at.
  const query = request.originalUrl.split("?")[1]?.split("#")[0] ?? "";
  for (const part of query.split("&"))
    try {
      decodeURIComponent(part.replace(/\+/g, " "));
    } catch {
      return next(new AppError("bad_request", "请求参数中含有无效的编码"));
    }
  assertStorableText(request.query, "query");
  if (request.body !== undefined) assertStorableText(request.body, "body");
  next();
};
