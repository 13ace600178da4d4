// One page of a file as an image, as the pre-review router serves a case's file and the prefill
// router an upload: the page number parsed alike, an unreadable file refused alike, the image sent
// with the same headers.
import type { Response } from "express";
import { AppError } from "../errors.js";
import { FileProblemSchema, type PageImageResult } from "../prereview/index.js";
import { describeFileProblem } from "../prereview/intake/index.js";

/** A page number as the path gives it: digits only, 1–99999 (`1e3`, `0x10`, `01` are not page numbers). */
export function parsePageNumber(text: string): number {
  if (!/^[1-9][0-9]{0,4}$/.test(text)) throw new AppError("bad_request", "page 应为从 1 开始的页码（正整数）");
  return Number(text);
}

/**
 * 409 for a file that is not shown as an image, with the reason intake or reading gave. A case's file
 * is named by its id (given back in the details), an upload by the name it came with.
 */
export function unreadableFileError(file: { fileId: string } | { name: string }, problem: string): AppError {
  const known = FileProblemSchema.safeParse(problem);
  const reason = known.success ? describeFileProblem(known.data) : "文件无法显示为图片。";
  if ("fileId" in file)
    return new AppError("conflict", `文件 ${file.fileId} 不能显示：${reason}`, {
      details: { fileId: file.fileId, problem },
    });
  return new AppError("conflict", `文件“${file.name}”不能显示：${reason}`, { details: { problem } });
}

/**
 * Sends a rendered page: never cached nor its URL passed on as a referrer (it shows personal
 * documents), not sniffed, and with the pixel size (X-Page-Width, X-Page-Height) the evidence boxes
 * drawn on it are measured in.
 */
export function sendPageImage(response: Response, image: Extract<PageImageResult, { status: "ok" }>): void {
  response.setHeader("Cache-Control", "no-store");
  response.setHeader("Referrer-Policy", "no-referrer");
  response.setHeader("X-Content-Type-Options", "nosniff");
  response.setHeader("X-Page-Width", String(image.width));
  response.setHeader("X-Page-Height", String(image.height));
  response.type(image.mimeType).send(Buffer.from(image.bytes));
}
