// A second, independent reading of regions of a page: the lines disputed values were read from are
// cut out of the page image (prepared exactly as for the first reading, rendered once per page) and
// recognised alone, each as a single line (tesseract psm 7), or as one block when the value spans
// lines (psm 6). A page read through the document found in a photo is flattened again from the
// recorded corners and the regions are cut from the flat copy, where lines are level. Used to
// confirm or correct values before they become findings.
import type { Box, IntakeFile, RereadRequest, RereadResult } from "../types.js";
import type { ExtractionContext } from "./extraction-context.js";
import { flattenDocument, type QuarterTurn } from "./flatten-document.js";
import { foldOcrText } from "./fold-ocr-text.js";
import { type Point, unmapBox } from "./homography.js";
import { cropImage, decodeGreyImage, encodeGreyImage } from "./prepare-image.js";
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
  const scaled = (box: Box): Box => ({
    x0: box.x0 * scale,
    y0: box.y0 * scale,
    x1: box.x1 * scale,
    y1: box.y1 * scale,
  });
  let source = { bytes: rendered.bytes, place: (box: Box): Box | undefined => scaled(box) };
  if (request.document) {
    const { corners, turn } = request.document;
    const quad = {
      corners: corners.map(([x, y]) => [x * scale, y * scale] as Point) as [Point, Point, Point, Point],
      support: 1,
      coverage: 1,
    };
    const flat = flattenDocument(await decodeGreyImage(rendered.bytes), quad, { turn: turn as QuarterTurn });
    if (!flat) return none;
    source = { bytes: await encodeGreyImage(flat.image), place: (box) => unmapBox(flat.toPhoto, scaled(box)) };
  }
  const results: (RereadResult | undefined)[] = [];
  for (const { box: photoBox, lines: lineCount = 1 } of request.regions) {
    const lines = Math.max(1, lineCount);
    const box = source.place(photoBox);
    const lineHeight = box ? (box.y1 - box.y0) / lines : 0;
    if (!box || lineHeight <= 0) {
      results.push(undefined);
      continue;
    }
    const crop = await cropImage(source.bytes, {
      x0: box.x0 - lineHeight * MARGIN.horizontal,
      y0: box.y0 - lineHeight * MARGIN.vertical,
      x1: box.x1 + lineHeight * MARGIN.horizontal,
      y1: box.y1 + lineHeight * MARGIN.vertical,
    });
    const result = await context.ocr.recognize(crop.image, { pageSegmentationMode: lines === 1 ? "7" : "6" });
    const text = foldOcrText(result.lines.map((line) => line.text).join(" ")).replace(/\s+/g, "");
    results.push({ text, confidence: result.confidence });
  }
  return results;
}
