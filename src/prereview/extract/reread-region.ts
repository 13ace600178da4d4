// A second, independent reading of one region of a page: the line a disputed value was read from
// is cut out of the page image (prepared exactly as for the first reading) and recognised alone,
// as a single line (tesseract psm 7), or as one block when the value spans lines (psm 6). Used to
// confirm or correct a value before it becomes a finding.
import type { Box, IntakeFile } from "../types.js";
import type { ExtractionContext } from "./extraction-context.js";
import { foldOcrText } from "./fold-ocr-text.js";
import { cropImage } from "./prepare-image.js";
import { renderPageImage } from "./render-page-image.js";

export interface RereadRegion {
  /** 1-based page. */
  page: number;
  /** The region in pixels of the image the page was first read from. */
  box: Box;
  /** Width of that image (the page's `width`), to map the box onto the prepared page. */
  pageWidth: number;
  /** Lines of text in the box (default 1): one is read as a single line, more as a block. */
  lines?: number;
}

export interface RereadResult {
  /** The folded text of the region, spaces removed. */
  text: string;
  /** 0..1. */
  confidence: number;
}

/** Margin around the line box, in line heights: vertical, horizontal. */
const MARGIN = { vertical: 0.3, horizontal: 0.5 };

export async function rereadRegion(
  context: ExtractionContext,
  file: IntakeFile,
  region: RereadRegion,
): Promise<RereadResult | undefined> {
  if (!file.kind || region.pageWidth <= 0) return undefined;
  const rendered = await renderPageImage(file.bytes, file.kind, region.page, {
    rasterDpi: context.raster.dpi,
    maxRasterPixels: context.raster.maxPixels,
    ocrImagePixels: context.ocrImagePixels,
  });
  if (rendered.status !== "ok") return undefined;
  // A page kept from the half-size second reading has its boxes at half scale.
  const scale = rendered.width / region.pageWidth;
  const { box } = region;
  const lines = Math.max(1, region.lines ?? 1);
  const lineHeight = ((box.y1 - box.y0) * scale) / lines;
  if (lineHeight <= 0) return undefined;
  const crop = await cropImage(rendered.bytes, {
    box: {
      x0: box.x0 * scale - lineHeight * MARGIN.horizontal,
      y0: box.y0 * scale - lineHeight * MARGIN.vertical,
      x1: box.x1 * scale + lineHeight * MARGIN.horizontal,
      y1: box.y1 * scale + lineHeight * MARGIN.vertical,
    },
  });
  const result = await context.ocr.recognize(crop.image, { pageSegmentationMode: lines === 1 ? "7" : "6" });
  const text = foldOcrText(result.lines.map((line) => line.text).join(" ")).replace(/\s+/g, "");
  return { text, confidence: result.confidence };
}
