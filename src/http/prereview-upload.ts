import { createHash } from "node:crypto";
import type { Request, Response } from "express";
import busboy from "busboy";
import type { z } from "zod";
import { DEFAULT_LIMITS } from "../config.js";
import { AppError } from "../errors.js";
import { assertStorableText } from "./unstorable-text.js";
import { type FileKind, type PrereviewRequest, PrereviewRequestSchema } from "../prereview/index.js";
// TODO(issue 4): import through src/prereview/index.ts once it re-exports detectFileKind.
import { detectFileKind } from "../prereview/intake/detect-file-kind.js";

export interface PrereviewUploadLimits {
  /** Largest single file in bytes (`PREREVIEW_MAX_FILE_MB`, default 20 MB). */
  maxFileBytes: number;
  /** Most files in one submission (`PREREVIEW_MAX_FILES`, default 20). */
  maxFiles: number;
  /**
   * Submissions per client address per hour without a clerk token (`PREREVIEW_SUBMISSIONS_PER_HOUR`,
   * default 20); counted before the upload is read.
   */
  submissionsPerHour: number;
}

export const DEFAULT_PREREVIEW_UPLOAD_LIMITS: PrereviewUploadLimits = DEFAULT_LIMITS.prereview;

/** Longest text field (the form as JSON). */
const MAX_FIELD_BYTES = 64 * 1024;
const ACCEPTED_KINDS = "PDF、JPEG、PNG、WebP、TIFF";
const MATERIAL_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const KNOWN_FIELDS = new Set(["bundleId", "matterId", "scenario", "form", "materialIds"]);

/** A file part as received: the client's name and type, and the bytes (held in memory within the limits). */
export interface ReceivedFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

export interface ReceivedUpload {
  /** Text fields by name: one string, or a list when repeated (`materialIds`). */
  fields: Record<string, unknown>;
  files: ReceivedFile[];
}

/** A file that passed intake: not empty, an accepted kind by its bytes. */
export interface AcceptedFile {
  fileId: string;
  originalName: string;
  declaredMaterialId?: string;
  kind: FileKind;
  claimedMimeType?: string;
  bytes: Buffer;
  sha256: string;
}

const megabytes = (bytes: number) => Number((bytes / 1024 / 1024).toFixed(2));

/**
 * `materialIds[3]`: a position, bounded by the file limit. Only this field may carry an index: a
 * general "a[b][c]" parser (multer's append-field) builds an array as long as the largest index a
 * client names, so `materialIds[4294967294]` once froze the server for minutes.
 */
const INDEXED_FIELD = /^(materialIds)\[(\d*)\]$/;

/**
 * Reads a multipart body into memory within the limits, with busboy directly: field names are
 * checked before any value is kept, files only in `files`. Breaches become 400/413 AppErrors; the
 * rest of the body is drained so the client reads the answer instead of a reset connection.
 */
export function createMultipartReceiver(limits: PrereviewUploadLimits) {
  const maxFields = KNOWN_FIELDS.size + limits.maxFiles + 10;
  return (request: Request, _response: Response): Promise<ReceivedUpload> =>
    new Promise((resolve, reject) => {
      let parser: busboy.Busboy;
      try {
        parser = busboy({
          headers: request.headers,
          defParamCharset: "utf8",
          limits: {
            fileSize: limits.maxFileBytes,
            files: limits.maxFiles,
            fields: maxFields,
            fieldSize: MAX_FIELD_BYTES,
            fieldNameSize: 100,
            parts: maxFields + limits.maxFiles,
          },
        });
      } catch (error) {
        reject(
          new AppError("bad_request", "上传内容不是有效的 multipart/form-data 格式（缺少 boundary），请重新上传", {
            cause: error,
          }),
        );
        return;
      }
      const fields: Record<string, unknown> = {};
      const indexed: (string | undefined)[] = [];
      const files: ReceivedFile[] = [];
      let settled = false;
      let pendingFiles = 0;
      let parserDone = false;

      const fail = (error: AppError) => {
        if (settled) return;
        settled = true;
        // Stop parsing, keep reading (and dropping) the body so the answer reaches the client.
        request.unpipe(parser);
        parser.removeAllListeners();
        parser.on("error", () => undefined);
        request.resume();
        reject(error);
      };
      const finish = () => {
        if (settled || !parserDone || pendingFiles > 0) return;
        settled = true;
        if (indexed.length > 0) {
          if (fields.materialIds !== undefined)
            return reject(
              new AppError(
                "bad_request",
                "materialIds 请只用一种写法：重复字段，或带序号的 materialIds[0]、materialIds[1]…",
              ),
            );
          fields.materialIds = Array.from(indexed, (value) => value ?? "");
        }
        resolve({ fields, files });
      };

      parser.on("field", (name, value, info) => {
        if (info.nameTruncated) return fail(new AppError("bad_request", "字段名过长"));
        if (info.valueTruncated)
          return fail(
            new AppError("payload_too_large", `字段 ${name} 的内容过长（最多 ${MAX_FIELD_BYTES / 1024} KB）`),
          );
        const indexMatch = INDEXED_FIELD.exec(name);
        if (indexMatch) {
          if (indexMatch[2] === "") {
            const list = fields.materialIds;
            fields.materialIds = list === undefined ? [value] : Array.isArray(list) ? [...list, value] : [list, value];
            return;
          }
          const digits = indexMatch[2] ?? "";
          const position = digits.length > 6 ? Number.POSITIVE_INFINITY : Number(digits);
          if (position >= limits.maxFiles)
            return fail(
              new AppError(
                "bad_request",
                `materialIds 的序号 ${digits.slice(0, 20)} 超出范围（0–${limits.maxFiles - 1}）`,
              ),
            );
          indexed[position] = value;
          return;
        }
        if (!KNOWN_FIELDS.has(name))
          return fail(
            new AppError(
              "bad_request",
              `不认识的字段 ${name.slice(0, 100)}；可用字段：files、bundleId、matterId、scenario、form、materialIds`,
            ),
          );
        const previous = fields[name];
        fields[name] =
          previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
      });
      parser.on("file", (name, stream, info) => {
        if (name !== "files" && name !== "files[]") {
          stream.resume();
          return fail(
            new AppError("bad_request", `文件请放在 files 字段中上传（收到了字段 ${name.slice(0, 100)} 中的文件）`),
          );
        }
        pendingFiles += 1;
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on("data", (chunk: Buffer) => {
          size += chunk.length;
          chunks.push(chunk);
        });
        stream.on("limit", () => {
          const file = cleanFileName(info.filename ?? "", files.length);
          fail(
            new AppError(
              "payload_too_large",
              `文件“${file}”超过单个文件 ${megabytes(limits.maxFileBytes)} MB 的大小上限，请压缩或分页后再上传`,
              { details: { file, maxFileBytes: limits.maxFileBytes } },
            ),
          );
        });
        stream.on("end", () => {
          pendingFiles -= 1;
          if (settled) return;
          const buffer = Buffer.concat(chunks, size);
          files.push({ originalname: info.filename ?? "", mimetype: info.mimeType ?? "", size, buffer });
          finish();
        });
        stream.on("error", () => undefined);
      });
      parser.on("filesLimit", () =>
        fail(
          new AppError("payload_too_large", `一次最多上传 ${limits.maxFiles} 个文件`, {
            details: { maxFiles: limits.maxFiles },
          }),
        ),
      );
      parser.on("fieldsLimit", () => fail(new AppError("payload_too_large", "表单字段过多")));
      parser.on("partsLimit", () => fail(new AppError("payload_too_large", "表单字段过多")));
      parser.on("error", (error) =>
        fail(
          new AppError("bad_request", "上传内容不是有效的 multipart/form-data 格式或不完整，请重新上传", {
            cause: error,
          }),
        ),
      );
      parser.on("close", () => {
        parserDone = true;
        finish();
      });
      request.on("aborted", () => fail(new AppError("bad_request", "上传未完成，连接已中断")));
      request.pipe(parser);
    });
}

/** The client's file name for display: no directories, no control characters, at most 200 characters. */
export function cleanFileName(name: string, index: number): string {
  const base = (name.split(/[\\/]/).pop() ?? "")
    .replace(/[\p{Cc}\p{Cf}\p{Cs}]/gu, "")
    .trim()
    .slice(0, 200);
  return base || `文件${index + 1}`;
}

const chineseIssue = (issue: z.core.$ZodIssue): string => {
  switch (issue.code) {
    case "too_big":
      return `过长（最多 ${String(issue.maximum)} 个字符）`;
    case "invalid_type":
      return issue.expected === "string" ? "应为文字" : "格式不对";
    case "custom":
      return issue.message;
    default:
      return "格式不对";
  }
};

function badRequestFromIssues(error: z.ZodError): AppError {
  const fields = error.issues.map((issue) => ({
    field: issue.path.join(".") || "request",
    message: chineseIssue(issue),
  }));
  const summary = fields.map((field) => `${field.field}：${field.message}`).join("；");
  return new AppError("bad_request", `请求参数有误（${summary}）`, { details: fields });
}

const single = (fields: Record<string, unknown>, name: string): string | undefined => {
  const value = fields[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new AppError("bad_request", `字段 ${name} 只能提交一次，且应为文字`);
  return value.trim() === "" ? undefined : value;
};

const jsonObject = (fields: Record<string, unknown>, name: string, example: string): unknown => {
  const text = single(fields, name);
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", `字段 ${name} 不是有效的 JSON（应为对象，例如 ${example}）`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new AppError("bad_request", `字段 ${name} 应为 JSON 对象，例如 ${example}`);
  // "\u0000" and "\ud800" are valid JSON escapes but no text PostgreSQL can store.
  assertStorableText(parsed, name);
  return parsed;
};

/** `materialIds` as repeated fields, `materialIds[]`, or one JSON array string; '' means undeclared. */
function materialIdsOf(fields: Record<string, unknown>): (string | undefined)[] | undefined {
  let value = fields.materialIds;
  if (value === undefined) return undefined;
  if (typeof value === "string" && value.trim().startsWith("[")) {
    try {
      value = JSON.parse(value);
    } catch {
      throw new AppError("bad_request", "字段 materialIds 不是有效的 JSON 数组");
    }
  }
  const list = Array.isArray(value) ? value : [value];
  return list.map((item, index) => {
    if (typeof item !== "string")
      throw new AppError("bad_request", `materialIds 第 ${index + 1} 项应为材料编号或空字符串`);
    const id = item.trim();
    if (id === "") return undefined;
    if (id.length > 100 || !MATERIAL_ID.test(id))
      throw new AppError("bad_request", `materialIds 第 ${index + 1} 项“${id.slice(0, 100)}”不是有效的材料编号`);
    return id;
  });
}

/** The text fields of the submission, parsed strictly. */
export function parsePrereviewFields(fields: Record<string, unknown>): {
  request: PrereviewRequest;
  materialIds?: (string | undefined)[];
} {
  for (const name of Object.keys(fields))
    if (!KNOWN_FIELDS.has(name))
      throw new AppError(
        "bad_request",
        `不认识的字段 ${name.slice(0, 100)}；可用字段：files、bundleId、matterId、scenario、form、materialIds`,
      );
  assertStorableText(fields, "form-data");
  const bundleId = single(fields, "bundleId");
  const matterId = single(fields, "matterId");
  if (Boolean(bundleId) === Boolean(matterId))
    throw new AppError(
      "bad_request",
      bundleId ? "bundleId 和 matterId 只能填写一个" : "请填写 bundleId（一件事）或 matterId（单个事项）",
    );
  const parsed = PrereviewRequestSchema.safeParse({
    bundleId,
    matterId,
    scenario: jsonObject(fields, "scenario", '{"parents-married":"married"}'),
    form: jsonObject(fields, "form", '{"name":"张三"}'),
  });
  if (!parsed.success) throw badRequestFromIssues(parsed.error);
  return { request: parsed.data, materialIds: materialIdsOf(fields) };
}

/** Intake checks on the received files: at least one, none empty, each an accepted kind by its bytes. */
export function acceptFiles(
  files: readonly ReceivedFile[],
  materialIds: readonly (string | undefined)[] | undefined,
): AcceptedFile[] {
  if (files.length === 0) throw new AppError("bad_request", "请至少上传一个材料文件（字段 files）");
  if (materialIds && materialIds.length !== files.length)
    throw new AppError(
      "bad_request",
      `materialIds 有 ${materialIds.length} 项，上传的文件有 ${files.length} 个；两者应一一对应（未声明的填空字符串）`,
    );
  return files.map((file, index) => {
    const originalName = cleanFileName(file.originalname ?? "", index);
    if (file.size === 0 || file.buffer.length === 0)
      throw new AppError("bad_request", `文件“${originalName}”是空文件，请重新选择`, {
        details: { file: originalName },
      });
    const kind = detectFileKind(file.buffer);
    if (!kind)
      throw new AppError(
        "unsupported_media_type",
        `文件“${originalName}”不是支持的格式；只接受 ${ACCEPTED_KINDS}（按文件内容识别，与扩展名无关）`,
        { details: { file: originalName, accepted: ["pdf", "jpeg", "png", "webp", "tiff"] } },
      );
    return {
      fileId: `f${index + 1}`,
      originalName,
      declaredMaterialId: materialIds?.[index],
      kind,
      claimedMimeType: file.mimetype && file.mimetype !== "application/octet-stream" ? file.mimetype : undefined,
      bytes: file.buffer,
      sha256: createHash("sha256").update(file.buffer).digest("hex"),
    };
  });
}

/** Receives, parses and checks a materials upload in one step: the request's fields and the accepted files. */
export function createUploadReader(limits: PrereviewUploadLimits) {
  const receive = createMultipartReceiver(limits);
  return async (
    request: Request,
    response: Response,
  ): Promise<{ request: PrereviewRequest; files: AcceptedFile[] }> => {
    const upload = await receive(request, response);
    const { request: parsed, materialIds } = parsePrereviewFields(upload.fields);
    return { request: parsed, files: acceptFiles(upload.files, materialIds) };
  };
}
