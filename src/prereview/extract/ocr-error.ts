export type OcrErrorCode =
  /** The engine could not decode the image (bad bytes, not a fault of the worker). */
  "image_unreadable" | "timeout" | "worker_crashed" | "worker_start_failed" | "recognize_failed" | "closed";

/** A fault inside the OCR engine (not an unreadable page, which is a result). */
export class OcrError extends Error {
  readonly code: OcrErrorCode;

  constructor(code: OcrErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "OcrError";
    this.code = code;
  }
}
