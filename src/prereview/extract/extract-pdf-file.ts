// PDFs: the text layer of each page when it holds real text, OCR of the rendered page otherwise.
// TIFFs (scans, sometimes several pages) go through the same rendering.
import type { ExtractedFile, IntakeFile, PageText } from "../types.js";
import { type ExtractionContext, ocrFailed, problemResult, sortPages } from "./extraction-context.js";
import { inspectPdfStreams } from "./inspect-pdf-streams.js";
import { readPdfTextLayer } from "./pdf-text-layer.js";
import { type RasterPagesResult, readRasterPages } from "./read-raster-pages.js";
import { countMeaningfulCharacters, isGarbledText, meaningfulLines } from "./text-measures.js";

export async function extractPdfFile(context: ExtractionContext, file: IntakeFile): Promise<ExtractedFile> {
  const { limits, logger } = context;
  const started = performance.now();
  const streams = await inspectPdfStreams(file.bytes, {
    maxInflatedBytes: limits.maxInflatedBytes,
    maxImagePixels: limits.maxImagePixels,
  });
  if (streams.status === "inflated_too_large") {
    logger.warn({ fileId: file.fileId, inflatedBytes: streams.inflatedBytes }, "PDF streams inflate past the limit");
    return problemResult(context, file, "pdf", "inflated_too_large");
  }
  if (streams.status === "too_many_pixels")
    return problemResult(context, file, "pdf", "too_many_pixels", { width: streams.width, height: streams.height });
  const layer = await readPdfTextLayer(file.bytes, { maxPages: limits.maxPdfPages });
  if (layer.status === "too_many_pages")
    return problemResult(context, file, "pdf", "too_many_pages", { pageCount: layer.pageCount });
  if (layer.status === "encrypted") return problemResult(context, file, "pdf", "encrypted");
  if (layer.status === "corrupt") {
    // pdf.js refused the file; mupdf repairs some damage (a broken xref table), so OCR what it can open.
    logger.info({ fileId: file.fileId, reason: layer.reason }, "PDF text layer unreadable; trying to render it");
    const outcome = await readRasterPages(context, file.bytes, "pdf");
    if (outcome.status === "ok" && outcome.pageCount > 0) return fromRaster(context, file, "pdf", outcome);
    if (outcome.status === "too_many_pages")
      return problemResult(context, file, "pdf", "too_many_pages", { pageCount: outcome.pageCount });
    return problemResult(context, file, "pdf", outcome.status === "encrypted" ? "encrypted" : "corrupt");
  }
  if (layer.pageCount === 0) return problemResult(context, file, "pdf", "corrupt", { pageCount: 0 });

  const layerMilliseconds = Math.round((performance.now() - started) / layer.pageCount);
  const pages: PageText[] = [];
  const scanned: number[] = [];
  /** Short text layers of scanned pages ("第2页"): kept when OCR finds nothing better. */
  const shortLayers = new Map<number, PageText>();
  for (const { page, text } of layer.pages) {
    const lines = meaningfulLines(text.split("\n"));
    const layerPage: PageText = {
      page,
      source: "pdf_text",
      lines: lines.map((line) => ({ text: line, confidence: 1 })),
      confidence: 1,
      quality: [],
      milliseconds: layerMilliseconds,
    };
    const garbled = isGarbledText(text);
    if (countMeaningfulCharacters(lines.join("")) >= context.minTextLayerCharacters && !garbled) pages.push(layerPage);
    else {
      scanned.push(page);
      if (lines.length > 0 && !garbled) shortLayers.set(page, layerPage);
    }
  }
  if (scanned.length === 0) return { fileId: file.fileId, kind: "pdf", pages, pageCount: layer.pageCount };

  const outcome = await readRasterPages(context, file.bytes, "pdf", scanned);
  if (outcome.status !== "ok") {
    logger.warn({ fileId: file.fileId, status: outcome.status }, "PDF pages without text could not be rendered");
    for (const page of scanned)
      pages.push(
        shortLayers.get(page) ?? {
          page,
          source: "ocr",
          lines: [],
          confidence: 0,
          quality: ["no_text"],
          milliseconds: 0,
        },
      );
  } else {
    for (const page of outcome.pages) {
      const layerPage = shortLayers.get(page.page);
      pages.push(page.lines.length === 0 && layerPage ? layerPage : page);
    }
    if (outcome.failure) return ocrFailed(context, file, "pdf", layer.pageCount, pages, outcome.failure);
  }
  return { fileId: file.fileId, kind: "pdf", pages: sortPages(pages), pageCount: layer.pageCount };
}

export async function extractTiffFile(context: ExtractionContext, file: IntakeFile): Promise<ExtractedFile> {
  const outcome = await readRasterPages(context, file.bytes, "tiff");
  if (outcome.status === "too_many_pages")
    return problemResult(context, file, "tiff", "too_many_pages", { pageCount: outcome.pageCount });
  if (outcome.status !== "ok" || outcome.pageCount === 0) return problemResult(context, file, "tiff", "corrupt");
  return fromRaster(context, file, "tiff", outcome);
}

function fromRaster(
  context: ExtractionContext,
  file: IntakeFile,
  kind: "pdf" | "tiff",
  outcome: RasterPagesResult,
): ExtractedFile {
  if (outcome.failure) return ocrFailed(context, file, kind, outcome.pageCount, outcome.pages, outcome.failure);
  return { fileId: file.fileId, kind, pages: sortPages(outcome.pages), pageCount: outcome.pageCount };
}
