import type {
  ExtractedFile,
  FileKind,
  IntakeFile,
  PageImageResult,
  PrereviewReport,
  PrereviewRequest,
} from "./types.js";

/** Runs one case through intake checks, text extraction, classification, fields and rules. */
export interface PrereviewPipeline {
  /**
   * Never throws for bad input (unreadable or corrupt files become findings); throws only for
   * faults (e.g. the OCR pool is closed), which the job runner records as a failed case.
   */
  run(input: PrereviewPipelineInput): Promise<PrereviewReport>;
  /** Checks the request against the catalog before anything is stored: unknown ids → AppError bad_request/not_found. */
  validateRequest(request: PrereviewRequest): void;
  /**
   * The image of one page of a file as the pipeline read it (the console draws evidence boxes on
   * it), decoded within the same limits as the reading. Only for files intake accepted.
   */
  renderPage(bytes: Uint8Array, kind: FileKind, page: number): Promise<PageImageResult>;
  close(): Promise<void>;
}

export interface PrereviewPipelineInput {
  request: PrereviewRequest;
  files: IntakeFile[];
  /** Reference "today" for expiry and age checks when the form has no applicationDate. */
  now?: Date;
  /** Called with each file's extracted text before rules run (evaluations score OCR with it). */
  observeExtracted?: (files: readonly ExtractedFile[]) => void;
}

/** The correction notice (一次性告知单) of a report. */
export interface CorrectionNotice {
  text: string;
  html: string;
}
