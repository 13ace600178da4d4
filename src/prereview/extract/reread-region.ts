// A second, independent reading of regions of a page: the lines disputed values were read from are
// cut out of the page image (prepared exactly as for the first reading, rendered once per page) and
// recognised alone, each as a single line (tesseract psm 7), or as one block when the value spans
// lines (psm 6). A page read through the documents found in a photo is flattened again from the
// recorded corners and each region is cut from its document's flat copy, where lines are level. Used to
// confirm or correct values before they become findings.
import type { Box, IntakeFile, RereadRequest, RereadResult } from "../types.js";
import type { ExtractionContext } from "./extraction-context.js";
import { flattenDocument, type QuarterTurn } from "./flatten-document.js";
import { foldOcrText } from "./fold-ocr-text.js";
import { insideConvex } from "./find-document-quad.js";
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
  // Where each region is cut from: the flat copy of the document its middle lies on, else the page.
  const sources = new Map<number, Promise<Source | undefined>>();
  const documents = (request.documents ?? []).map(({ corners, turn }) => ({
    corners: corners.map(([x, y]) => [x * scale, y * scale] as Point) as [Point, Point, Point, Point],
    turn: turn as QuarterTurn,
  }));
  const sourceOf = (box: Box): Promise<Source | undefined> => {
    const index = documents.findIndex(({ corners }) =>
      insideConvex(corners, [(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2]),
    );
    const cached = sources.get(index);
    if (cached) return cached;
    const document = documents[index];
    const source: Promise<Source | undefined> = document
      ? flatSource(rendered.bytes, document.corners, document.turn)
      : Promise.resolve({ bytes: rendered.bytes, place: (region) => region });
    sources.set(index, source);
    return source;
  };
  const results: (RereadResult | undefined)[] = [];
  for (const { box: photoBox, lines: lineCount = 1 } of request.regions) {
    const lines = Math.max(1, lineCount);
    const source = await sourceOf(scaled(photoBox));
    const box = source?.place(scaled(photoBox));
    const lineHeight = box ? (box.y1 - box.y0) / lines : 0;
    if (!box || lineHeight <= 0) {
      results.push(undefined);
      continue;
    }
    const crop = await cropImage((source as Source).bytes, {
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

interface Source {
  bytes: Uint8Array;
  /** A box on the page image, where it is on this image. */
  place: (box: Box) => Box | undefined;
}

/** A document flattened again from its corners and turn, exactly as it was read. */
async function flatSource(
  page: Uint8Array,
  corners: [Point, Point, Point, Point],
  turn: QuarterTurn,
): Promise<Source | undefined> {
  const flat = flattenDocument(await decodeGreyImage(page), { corners, support: 1, coverage: 1 }, { turn });
  if (!flat) return undefined;
  return { bytes: await encodeGreyImage(flat.image), place: (box) => unmapBox(flat.toPhoto, box) };
}
