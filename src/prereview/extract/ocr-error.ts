import { CodedError } from "../../errors.js";

export type OcrErrorCode =
  /** The engine could not decode the image (bad bytes, not a fault of the worker). */
  "image_unreadable" | "timeout" | "worker_crashed" | "worker_start_failed" | "recognize_failed" | "closed";

/** A fault inside the OCR engine (not an unreadable page, which is a result). */
export class OcrError extends CodedError<OcrErrorCode> {}
