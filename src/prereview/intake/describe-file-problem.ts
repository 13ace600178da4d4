// Plain-Chinese explanations of file problems for the applicant: what is wrong and what to do.
import type { FileProblem } from "../types.js";
import { defaultPrereviewLimits, type PrereviewLimits } from "./prereview-limits.js";

/** Facts that make a message concrete; each is optional. */
export interface FileProblemDetails {
  /** The file's size in bytes (`too_large`). */
  bytes?: number;
  /** The image's size (`too_many_pixels`). */
  width?: number;
  height?: number;
  /** The document's page count (`too_many_pages`; 0 for a PDF without pages under `corrupt`). */
  pageCount?: number;
  /** The time limit that ran out, in seconds (`time_limit`; the file's own limit when absent). */
  seconds?: number;
}

export const ACCEPTED_FILE_TYPES_TEXT = "PDF、JPG、PNG、WebP、TIFF";

/** The message shown to the applicant for a file problem. */
export function describeFileProblem(
  problem: FileProblem,
  details: FileProblemDetails = {},
  limits: Pick<
    PrereviewLimits,
    "maxFileBytes" | "maxPdfPages" | "maxImagePixels" | "maxInflatedBytes" | "fileTimeLimitMs" | "readerMemoryMb"
  > = defaultPrereviewLimits,
): string {
  switch (problem) {
    case "empty":
      return "文件为空，请重新上传。";
    case "unsupported_type":
      return `不支持该文件格式，请上传 ${ACCEPTED_FILE_TYPES_TEXT} 格式的文件。`;
    case "too_large": {
      const actual = details.bytes === undefined ? "" : `（${formatBytes(details.bytes)}）`;
      return `文件过大${actual}，单个文件不能超过 ${formatBytes(limits.maxFileBytes)}，请压缩后重新上传。`;
    }
    case "too_many_pixels": {
      const actual = details.width && details.height ? `（${details.width}×${details.height}）` : "";
      return `图片尺寸过大${actual}，不能超过 ${formatPixels(limits.maxImagePixels)}像素，请缩小后重新上传。`;
    }
    case "too_many_pages": {
      const actual = details.pageCount === undefined ? "" : `（${details.pageCount} 页）`;
      return `文件页数过多${actual}，单个文件不能超过 ${limits.maxPdfPages} 页，请拆分后分别上传。`;
    }
    case "corrupt":
      return details.pageCount === 0
        ? "PDF 文件中没有任何页面，请重新导出后上传。"
        : "文件已损坏或不完整，无法打开，请重新导出或扫描后上传。";
    case "encrypted":
      return "PDF 文件设置了打开密码，系统无法读取，请取消密码后重新上传。";
    case "ocr_failed":
      return "系统暂时无法识别该文件的内容，请稍后重试；如仍无法识别，将由工作人员人工审核。";
    case "inflated_too_large":
      return `PDF 文件解压后的内容超过 ${formatBytes(limits.maxInflatedBytes)} 的上限，可能已损坏或含有异常数据，请重新导出或扫描后上传。`;
    case "time_limit":
      return `文件内容过于复杂，系统未能在 ${Math.round(details.seconds ?? limits.fileTimeLimitMs / 1000)} 秒的处理时限内读完，请转换为清晰的图片或页数较少的 PDF 后重新上传；也可由窗口工作人员人工审核。`;
    case "memory_limit":
      return `文件内容过于复杂，读取时超出了 ${limits.readerMemoryMb} MB 的内存上限，请转换为清晰的图片或页数较少的 PDF 后重新上传。`;
  }
}

function formatBytes(bytes: number): string {
  const mebibytes = bytes / (1024 * 1024);
  if (mebibytes >= 1) return `${Number.isInteger(mebibytes) ? mebibytes : mebibytes.toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function formatPixels(pixels: number): string {
  return pixels >= 10_000 ? `${Math.round(pixels / 10_000)} 万` : String(pixels);
}
