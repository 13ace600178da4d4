// The image of one page of a stored pre-review file, in the pixel space its evidence boxes use:
// images are prepared exactly as OCR prepared them (EXIF-upright, scaled to the same pixel budget);
// PDFs and TIFFs are rendered by mupdf at the resolution OCR used.
import { defaultPrereviewLimits, readImageSize, readJpegOrientation } from "../intake/index.js";
import type { FileKind, PageImageResult } from "../types.js";
import { inspectPdfStreams } from "./inspect-pdf-streams.js";
import { openRasterDocument } from "./pdf-raster.js";
import { prepareImageForOcr } from "./prepare-image.js";

/** The same defaults the text extractor uses (create-text-extractor.ts): 200 dpi, 8 Mpx per page, 4.2 Mpx per photo. */
export interface RenderPageImageOptions {
  rasterDpi?: number;
  maxRasterPixels?: number;
  ocrImagePixels?: number;
  /** A PDF or TIFF with more pages than this is not rendered at all (intake refuses it). Default 30. */
  maxPages?: number;
  /**
   * A PDF whose streams inflate past this many bytes, or hold an image of more pixels than
   * `maxImagePixels`, is not rendered (extraction refuses it the same way). Defaults as intake's.
   */
  maxInflatedBytes?: number;
  maxImagePixels?: number;
}

export type RenderPageImageResult = Exclude<PageImageResult, { status: "time_limit" | "memory_limit" | "failed" }>;

const IMAGE_MIME: Record<"png" | "jpeg" | "webp", string> = {
  png: "image/png",
  jpeg: "image/jpeg",
  webp: "image/webp",
};

export async function renderPageImage(
  bytes: Uint8Array,
  kind: FileKind,
  page: number,
  options: RenderPageImageOptions = {},
): Promise<RenderPageImageResult> {
  if (kind === "pdf") {
    // Checked before mupdf opens it: a page image may be asked for before the case was read (queued),
    // and an inflation bomb must not be rendered then either.
    const streams = await inspectPdfStreams(bytes, {
      maxInflatedBytes: options.maxInflatedBytes ?? defaultPrereviewLimits.maxInflatedBytes,
      maxImagePixels: options.maxImagePixels ?? defaultPrereviewLimits.maxImagePixels,
    });
    if (streams.status !== "ok") return { status: "unreadable" };
  }
  if (kind === "pdf" || kind === "tiff") {
    const opened = openRasterDocument(bytes, kind, {
      dpi: options.rasterDpi ?? 200,
      maxPixels: options.maxRasterPixels ?? 8_000_000,
    });
    if (opened.status !== "ok") return { status: "unreadable" };
    try {
      if (opened.document.pageCount > (options.maxPages ?? 30)) return { status: "unreadable" };
      if (page > opened.document.pageCount) return { status: "no_page" };
      const rendered = opened.document.renderPage(page);
      return {
        status: "ok",
        bytes: rendered.png,
        mimeType: "image/png",
        width: rendered.width,
        height: rendered.height,
      };
    } catch {
      return { status: "unreadable" };
    } finally {
      opened.document.close();
    }
  }
  if (page !== 1) return { status: "no_page" };
  const size = readImageSize(bytes, kind);
  if (!size) return { status: "unreadable" };
  try {
    const prepared = await prepareImageForOcr(bytes, {
      ...size,
      orientation: kind === "jpeg" ? readJpegOrientation(bytes) : 1,
      maxPixels: options.ocrImagePixels ?? 4_200_000,
    });
    const mimeType = prepared.steps.length > 0 ? "image/png" : IMAGE_MIME[kind];
    return { status: "ok", bytes: prepared.image, mimeType, width: prepared.width, height: prepared.height };
  } catch {
    return { status: "unreadable" };
  }
}
