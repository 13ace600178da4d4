// The default TextExtractor: PDF text layers where they hold text, OCR for scanned pages and
// images. Bad input (empty, damaged, encrypted, too big) is a result with a Chinese message;
// faults of the OCR engine become `ocr_failed` for that file only.
import { describeFileProblem, inspectFile, type PrereviewLimits, resolvePrereviewLimits } from "../intake/index.js";
import type { ExtractedFile, IntakeFile, OcrEngine, TextExtractor } from "../types.js";
import { extractImageFile } from "./extract-image-file.js";
import { type ExtractLogger, silentLogger } from "./extract-logger.js";
import { extractPdfFile, extractTiffFile } from "./extract-pdf-file.js";
import { type ExtractionContext, ocrFailed } from "./extraction-context.js";
import { renderPageImage } from "./render-page-image.js";
import { rereadRegions } from "./reread-region.js";

export interface CreateTextExtractorOptions {
  /** Reads images; closed by the extractor's `close`. */
  ocr: OcrEngine;
  /** Intake limits (file size, pixels, pages, smallest image side). Defaults: `defaultPrereviewLimits`. */
  limits?: Partial<PrereviewLimits>;
  logger?: ExtractLogger;
  /** A PDF page whose text layer has fewer letters, digits and Han characters than this is OCR'd. Default 10. */
  minTextLayerCharacters?: number;
  /** An OCR'd page with a lower mean word confidence (0..1) is flagged `low_confidence`. Default 0.6. */
  minConfidence?: number;
  /**
   * Resolution scanned PDF pages are rendered at for OCR. Default 200 dpi: at 150 dpi tesseract
   * dropped line-initial characters of 12 pt text (98.0% of characters read vs 99.3%).
   */
  rasterDpi?: number;
  /** Most pixels of one rendered page. Default 8 million (A4 at 200 dpi is 3.9 million). */
  maxRasterPixels?: number;
  /** Images with more pixels are scaled down to this many before OCR. Default 4.2 million (see `prepareImageForOcr`). */
  ocrImagePixels?: number;
  /**
   * An image read with a lower mean confidence, whose shorter side is at least 1000 px, is read
   * again at half size and the more confident reading kept: close-up photos have glyphs too big
   * for tesseract (a noisy 2400 px card photo: 86% of characters at confidence 0.64; at half
   * size 93% at 0.70). Default 0.75; 0 turns the retry off.
   */
  retryBelowConfidence?: number;
  /** Pages of one file rendered and recognised at once. Default 2 (the OCR pool queues the rest). */
  pageConcurrency?: number;
  /**
   * Find the card or page in a photo and read it flattened (read-flattened-photo.ts). Default true;
   * false reads every image as it is (the evaluation's "before").
   */
  findDocuments?: boolean;
}

export function createTextExtractor(options: CreateTextExtractorOptions): TextExtractor {
  const context: ExtractionContext = {
    ocr: options.ocr,
    limits: resolvePrereviewLimits(options.limits),
    logger: options.logger ?? silentLogger,
    minTextLayerCharacters: options.minTextLayerCharacters ?? 10,
    minConfidence: options.minConfidence ?? 0.6,
    raster: { dpi: options.rasterDpi ?? 200, maxPixels: options.maxRasterPixels ?? 8_000_000 },
    ocrImagePixels: options.ocrImagePixels ?? 4_200_000,
    retryBelowConfidence: options.retryBelowConfidence ?? 0.75,
    pageConcurrency: Math.max(1, options.pageConcurrency ?? 2),
    findDocuments: options.findDocuments ?? true,
  };

  async function extract(file: IntakeFile): Promise<ExtractedFile> {
    const inspection = inspectFile(file, context.limits);
    const { kind } = inspection;
    if (inspection.problem || !kind) {
      const problem = inspection.problem ?? "unsupported_type";
      return {
        fileId: file.fileId,
        ...(kind ? { kind } : {}),
        pages: [],
        problem,
        problemMessage: inspection.problemMessage ?? describeFileProblem(problem),
        pageCount: 0,
      };
    }
    if (kind === "pdf") return extractPdfFile(context, file);
    if (kind === "tiff") return extractTiffFile(context, file);
    return extractImageFile(context, file, kind, { width: inspection.width ?? 0, height: inspection.height ?? 0 });
  }

  return {
    async extract(file) {
      const started = performance.now();
      let result: ExtractedFile;
      try {
        result = await extract(file);
      } catch (error) {
        // Only a fault in our code or a library gets here; the file still gets an answer.
        result = ocrFailed(context, file, inspectFile(file, context.limits).kind, 0, [], error);
      }
      context.logger.info(
        {
          fileId: file.fileId,
          kind: result.kind,
          pageCount: result.pageCount,
          ocrPages: result.pages.filter((page) => page.source === "ocr").length,
          problem: result.problem,
          milliseconds: Math.round(performance.now() - started),
        },
        "file text extracted",
      );
      return result;
    },
    async reread(file, request) {
      try {
        return await rereadRegions(context, file, request);
      } catch (error) {
        // The first readings stand.
        context.logger.warn({ fileId: file.fileId, page: request.page, err: error }, "second reading of a page failed");
        return request.regions.map(() => undefined);
      }
    },
    renderPage: (bytes, kind, page) =>
      renderPageImage(bytes, kind, page, {
        rasterDpi: context.raster.dpi,
        maxRasterPixels: context.raster.maxPixels,
        ocrImagePixels: context.ocrImagePixels,
        maxPages: context.limits.maxPdfPages,
        maxInflatedBytes: context.limits.maxInflatedBytes,
        maxImagePixels: context.limits.maxImagePixels,
      }),
    async close() {
      await context.ocr.close();
    },
  };
}
