// Scanned PDF pages and TIFF frames: render each (mupdf), skip the ones with no ink, OCR the rest.
import type { PageText } from "../types.js";
import type { ExtractionContext } from "./extraction-context.js";
import { mapWithConcurrency } from "./map-with-concurrency.js";
import { openRasterDocument, type RasterPage } from "./pdf-raster.js";
import { blankPage, readOcrPage } from "./read-ocr-page.js";

/**
 * A rendered page with less ink than this is not sent to OCR at all (a blank back side, say).
 * Kept tiny: a page holding only "第2页" measures 0.0001–0.0003, no more than scanner specks.
 */
const SKIP_OCR_INK_FRACTION = 0.00002;

export interface RasterPagesResult {
  status: "ok" | "encrypted" | "corrupt" | "too_many_pages";
  pageCount: number;
  pages: PageText[];
  /** The first OCR fault; pages not yet started then were not read. */
  failure?: unknown;
}

/** Renders and recognises pages of a PDF or TIFF (all pages when `pageNumbers` is absent). */
export async function readRasterPages(
  context: ExtractionContext,
  bytes: Uint8Array,
  kind: "pdf" | "tiff",
  pageNumbers?: number[],
): Promise<RasterPagesResult> {
  const { limits, logger } = context;
  const opened = openRasterDocument(bytes, kind, context.raster);
  if (opened.status !== "ok") return { status: opened.status, pageCount: 0, pages: [] };
  const document = opened.document;
  try {
    const { pageCount } = document;
    if (pageCount > limits.maxPdfPages) return { status: "too_many_pages", pageCount, pages: [] };
    const numbers = pageNumbers ?? Array.from({ length: pageCount }, (_, index) => index + 1);
    let failure: unknown;
    const pages = await mapWithConcurrency(numbers, context.pageConcurrency, async (page) => {
      if (failure) return undefined;
      const started = performance.now();
      let raster: RasterPage;
      try {
        raster = document.renderPage(page);
      } catch (error) {
        logger.warn({ page, err: error }, "page could not be rendered");
        const unread: PageText = {
          page,
          source: "ocr",
          lines: [],
          confidence: 0,
          quality: ["no_text"],
          milliseconds: 0,
        };
        return unread;
      }
      if (raster.inkFraction < SKIP_OCR_INK_FRACTION) return blankPage(page, raster.width, raster.height, started);
      try {
        return await readOcrPage({
          ocr: context.ocr,
          page,
          image: raster.png,
          width: raster.width,
          height: raster.height,
          minConfidence: context.minConfidence,
          small: kind === "tiff" && Math.min(raster.width, raster.height) < limits.minImageSide,
          measureInk: async () => raster.inkFraction,
          started,
        });
      } catch (error) {
        failure ??= error;
        return undefined;
      }
    });
    return { status: "ok", pageCount, pages: pages.filter((page) => page !== undefined), failure };
  } finally {
    document.close();
  }
}
