import { type CatalogSource, createPrereviewPipeline } from "./create-prereview-pipeline.js";
import {
  createIsolatedTextExtractor,
  createTesseractOcrPool,
  type TesseractOcrPoolStats,
  type ExtractLogger,
  type IsolatedTextExtractor,
} from "./extract/index.js";
import { readDocuments } from "./fields/index.js";
import type { PrereviewLimits } from "./intake/index.js";
import type { PrereviewPipeline } from "./pipeline.js";
import type { OcrEngine } from "./types.js";

export interface CreateDefaultPrereviewPipelineOptions {
  /** A fixed catalog, a function giving the one serving now, or one refreshed before each run (see CatalogSource). */
  catalog: CatalogSource;
  /** tesseract.js workers (default min(cores, 4)). */
  ocrWorkers?: number;
  /** Writable directory for OCR language data assembled at start (default under the OS temp dir). */
  ocrCachePath?: string;
  limits?: Partial<PrereviewLimits>;
  logger?: ExtractLogger;
  /** Wraps the OCR pool, e.g. with a cache for evaluation runs. */
  wrapOcr?: (engine: OcrEngine) => OcrEngine;
  /** Threads that read files (PDF parsing, rendering, image preparation). Default min(cores, 4). */
  readerThreads?: number;
}

/** The pipeline and the reader pool it reads with (the console's page images use the same pool). */
export interface DefaultPrereviewPipeline extends PrereviewPipeline {
  reader: IsolatedTextExtractor;
  /** The shared OCR pool's counters (pages and lines read, seconds, workers). */
  ocrStats(): TesseractOcrPoolStats;
}

/**
 * The embedded, offline pipeline: pdf-parse text layers, mupdf rasterisation, a tesseract.js
 * worker pool with the `@tesseract.js-data` models, the classifier and field readers, one rule
 * engine. Files are read in reader threads with time and memory limits (the main thread only
 * classifies text and applies rules); workers start on the first file and are reused across cases.
 */
export function createDefaultPrereviewPipeline(
  options: CreateDefaultPrereviewPipelineOptions,
): DefaultPrereviewPipeline {
  const ocr = createTesseractOcrPool({
    ...(options.ocrWorkers ? { size: options.ocrWorkers } : {}),
    ...(options.ocrCachePath ? { cachePath: options.ocrCachePath } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const reader = createIsolatedTextExtractor({
    ocr: options.wrapOcr ? options.wrapOcr(ocr) : ocr,
    limits: options.limits,
    logger: options.logger,
    ...(options.readerThreads ? { threads: options.readerThreads } : {}),
  });
  const pipeline = createPrereviewPipeline({
    catalog: options.catalog,
    extractor: reader,
    readDocuments: (file) => readDocuments(file),
    ...(options.limits?.caseTimeLimitMs ? { caseTimeLimitMs: options.limits.caseTimeLimitMs } : {}),
  });
  return { ...pipeline, reader, ocrStats: () => ocr.stats() };
}
