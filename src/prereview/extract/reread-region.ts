// A second, independent reading of regions of a page: the lines disputed values were read from are
// cut out of the page image (prepared exactly as for the first reading, rendered once per page) and
// recognised alone, each as a single line (tesseract psm 7), or as one block when the value spans
// lines (psm 6). Used to confirm or correct values before they become findings.
import type { IntakeFile, RereadRequest, RereadResult } from "../types.js";
import type { ExtractionContext } from "./extraction-context.js";
import { foldOcrText } from "./fold-ocr-text.js";
import { cropImage } from "./prepare-image.js";
import { renderPageImage } from "./render-page-image.js";

/** Margin around the line box, in line heights: vertical, horizontal. */
const MARGIN = { vertical: 0.3, horizontal: 0.5 };

/** One result per region, in order; undefined where the page or a region cannot be read again. */
export async function rereadRegions(
  context: ExtractionContext,
  file: IntakeFile,
  request: RereadRequest,
): Promise<(RereadResult | undefined)[]> {
  const none = request.regions.map(() => undefined);
  if (!file.kind || request.pageWidth <= 0) return none;
  const rendered = await renderPageImage(file.bytes, file.kind, request.page, {
    rasterDpi: context.raster.dpi,
    maxRasterPixels: context.raster.maxPixels,
    ocrImagePixels: context.ocrImagePixels,
  });
  if (rendered.status !== "ok") return none;
  // Boxes are in the pixels of the image the page was read from; map them should the sizes differ.
  const scale = rendered.width / request.pageWidth;
  const results: (RereadResult | undefined)[] = [];
  for (const { box, lines: lineCount = 1 } of request.regions) {
    const lines = Math.max(1, lineCount);
    const lineHeight = ((box.y1 - box.y0) * scale) / lines;
    if (lineHeight <= 0) {
      results.push(undefined);
      continue;
    }
    const crop = await cropImage(rendered.bytes, {
      x0: box.x0 * scale - lineHeight * MARGIN.horizontal,
      y0: box.y0 * scale - lineHeight * MARGIN.vertical,
      x1: box.x1 * scale + lineHeight * MARGIN.horizontal,
      y1: box.y1 * scale + lineHeight * MARGIN.vertical,
    });
    const result = await context.ocr.recognize(crop.image, { pageSegmentationMode: lines === 1 ? "7" : "6" });
    const text = foldOcrText(result.lines.map((line) => line.text).join(" ")).replace(/\s+/g, "");
    results.push({ text, confidence: result.confidence });
  }
  return results;
}
