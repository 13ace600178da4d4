import type { Catalog } from "../catalog/index.js";
import { createPrereviewPipeline } from "./create-prereview-pipeline.js";
import { createTesseractOcrPool, createTextExtractor, type ExtractLogger } from "./extract/index.js";
import { readDocuments } from "./fields/index.js";
import type { PrereviewLimits } from "./intake/index.js";
import type { PrereviewPipeline } from "./pipeline.js";
import type { OcrEngine } from "./types.js";

export interface CreateDefaultPrereviewPipelineOptions {
  catalog: Catalog;
  /** tesseract.js workers (default min(cores, 4)). */
  ocrWorkers?: number;
  /** Writable directory for OCR language data assembled at start (default under the OS temp dir). */
  ocrCachePath?: string;
  limits?: Partial<PrereviewLimits>;
  logger?: ExtractLogger;
  /** Wraps the OCR pool, e.g. with a cache for evaluation runs. */
  wrapOcr?: (engine: OcrEngine) => OcrEngine;
}

/**
 * The embedded, offline pipeline: pdf-parse text layers, mupdf rasterisation, a tesseract.js
 * worker pool with the `@tesseract.js-data` models, the classifier and field readers, one rule
 * engine. Workers start on the first image and are reused across cases.
 */
export function createDefaultPrereviewPipeline(options: CreateDefaultPrereviewPipelineOptions): PrereviewPipeline {
  const ocr = createTesseractOcrPool({
    ...(options.ocrWorkers ? { size: options.ocrWorkers } : {}),
    ...(options.ocrCachePath ? { cachePath: options.ocrCachePath } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const extractor = createTextExtractor({
    ocr: options.wrapOcr ? options.wrapOcr(ocr) : ocr,
    limits: options.limits,
    logger: options.logger,
  });
  return createPrereviewPipeline({ catalog: options.catalog, extractor, readDocuments: (file) => readDocuments(file) });
}
