// What the extraction steps share: settings resolved once by createTextExtractor, and the two
// ways a file can end up unread.
import { describeFileProblem, type FileProblemDetails, type PrereviewLimits } from "../intake/index.js";
import type { ExtractedFile, FileKind, FileProblem, IntakeFile, OcrEngine, PageText } from "../types.js";
import type { ExtractLogger } from "./extract-logger.js";
import { OcrError } from "./ocr-error.js";

export interface ExtractionContext {
  ocr: OcrEngine;
  limits: PrereviewLimits;
  logger: ExtractLogger;
  minTextLayerCharacters: number;
  minConfidence: number;
  raster: { dpi: number; maxPixels: number };
  ocrImagePixels: number;
  retryBelowConfidence: number;
  pageConcurrency: number;
  /** Photos are searched for a document outline and read flattened. */
  findDocuments: boolean;
}

/** A file that could not be read, with the applicant's message. */
export function problemResult(
  context: ExtractionContext,
  file: IntakeFile,
  kind: FileKind | undefined,
  problem: FileProblem,
  details: FileProblemDetails & { pages?: PageText[] } = {},
): ExtractedFile {
  const { pages = [], ...facts } = details;
  return {
    fileId: file.fileId,
    ...(kind ? { kind } : {}),
    pages: sortPages(pages),
    problem,
    problemMessage: describeFileProblem(problem, facts, context.limits),
    pageCount: facts.pageCount ?? pages.length,
  };
}

/** The OCR engine faulted: `ocr_failed` for this file, with the pages read before the fault. */
export function ocrFailed(
  context: ExtractionContext,
  file: IntakeFile,
  kind: FileKind | undefined,
  pageCount: number,
  pages: PageText[],
  error: unknown,
): ExtractedFile {
  context.logger.warn(
    { fileId: file.fileId, code: error instanceof OcrError ? error.code : undefined, err: error },
    "OCR failed for a file",
  );
  return problemResult(context, file, kind, "ocr_failed", { pageCount, pages });
}

export function sortPages(pages: readonly PageText[]): PageText[] {
  return [...pages].sort((a, b) => a.page - b.page);
}
