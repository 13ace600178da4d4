// Messages between the main thread and a file-reader thread (see create-isolated-text-extractor.ts).
// Plain structured-clone data; bytes are copied, since the main thread keeps the files.
import type { CreateTextExtractorOptions } from "./create-text-extractor.js";
import type { OcrErrorCode } from "./ocr-error.js";
import type { RenderPageImageOptions } from "./render-page-image.js";
import type { FileKind, IntakeFile, OcrRecognizeOptions, OcrResult, RereadRequest } from "../types.js";

/** The extractor settings a reader thread is started with (no functions: they cannot cross threads). */
export type ReaderSettings = Omit<CreateTextExtractorOptions, "ocr" | "logger"> & { render: RenderPageImageOptions };

export type ReaderJob =
  | { op: "extract"; file: IntakeFile }
  | { op: "reread"; file: IntakeFile; request: RereadRequest }
  | { op: "render"; bytes: Uint8Array; kind: FileKind; page: number };

export type ToReader =
  | { type: "job"; jobId: number; job: ReaderJob }
  | { type: "ocr-result"; callId: number; result: OcrResult }
  | { type: "ocr-error"; callId: number; code: OcrErrorCode; message: string };

export type FromReader =
  | { type: "ready" }
  | { type: "result"; jobId: number; result: unknown }
  | { type: "failure"; jobId: number; message: string }
  | { type: "ocr"; callId: number; image: Uint8Array; options?: OcrRecognizeOptions }
  | { type: "log"; level: "info" | "warn"; details: Record<string, unknown>; message: string };
