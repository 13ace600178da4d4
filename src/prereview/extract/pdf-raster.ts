// The only mupdf importer: renders PDF pages (and TIFF frames, which mupdf opens as documents)
// to grey PNGs for OCR, at a resolution OCR reads well, capped by a pixel budget.
import * as mupdf from "mupdf";
import { measureInk } from "./measure-ink.js";

// mupdf prints repair warnings ("trying to repair broken xref") to the console; damaged files are
// reported as results instead. While an image decodes, its warnings are collected.
let collectedWarnings: string[] | undefined;
mupdf.setLog({
  error: (message) => collectedWarnings?.push(message),
  warning: (message) => collectedWarnings?.push(message),
});

export interface OpenRasterDocumentOptions {
  /**
   * Resolution PDF pages are rendered at. Default 200: tesseract's chi_sim lost line-initial
   * characters on A4 pages at 150 dpi (98.3% of characters) and read 99.6% at 200 dpi.
   */
  dpi?: number;
  /** Most pixels in one rendered page; larger pages render at a lower resolution. Default 8 million. */
  maxPixels?: number;
}

export interface RasterPage {
  /** 8-bit grey PNG. */
  png: Uint8Array;
  width: number;
  height: number;
  /** The resolution the page was rendered at (TIFF: its own resolution, scaled down if over budget). */
  dpi: number;
  /** Fraction of the page that is not background, see `measureInk`. */
  inkFraction: number;
}

export interface RasterDocument {
  readonly pageCount: number;
  /** Renders one page, 1-based. Throws only on faults inside mupdf. */
  renderPage(page: number): RasterPage;
  /** Frees mupdf's memory; call once done. */
  close(): void;
}

export type OpenRasterDocumentResult =
  | { status: "ok"; document: RasterDocument }
  | { status: "encrypted" | "corrupt"; reason: string };

const POINTS_PER_INCH = 72;

/** Opens a PDF or TIFF for rendering. Damaged or password-protected files are results, not throws. */
export function openRasterDocument(
  bytes: Uint8Array,
  kind: "pdf" | "tiff",
  options: OpenRasterDocumentOptions = {},
): OpenRasterDocumentResult {
  const dpi = options.dpi ?? 200;
  const maxPixels = options.maxPixels ?? 8_000_000;
  let document: mupdf.Document;
  try {
    document = mupdf.Document.openDocument(bytes, kind === "pdf" ? "application/pdf" : "image/tiff");
  } catch (error) {
    return { status: "corrupt", reason: describeError(error) };
  }
  if (document.needsPassword()) {
    document.destroy();
    return { status: "encrypted", reason: "password required" };
  }
  let pageCount: number;
  let nativeDpi: number | undefined;
  try {
    pageCount = document.countPages();
    if (kind === "tiff") nativeDpi = readTiffResolution(bytes);
  } catch (error) {
    document.destroy();
    return { status: "corrupt", reason: describeError(error) };
  }
  let open = true;
  return {
    status: "ok",
    document: {
      pageCount,
      renderPage(pageNumber) {
        if (!open) throw new Error("raster document is closed");
        const page = document.loadPage(pageNumber - 1);
        try {
          const [x0, y0, x1, y1] = page.getBounds();
          const widthPoints = Math.max(1, x1 - x0);
          const heightPoints = Math.max(1, y1 - y0);
          const wanted = (nativeDpi ?? dpi) / POINTS_PER_INCH;
          let scale = Math.min(wanted, Math.sqrt(maxPixels / (widthPoints * heightPoints)));
          // mupdf rounds the pixel box outwards; stay inside the budget.
          while (scale > 0.01 && (widthPoints * scale + 1) * (heightPoints * scale + 1) > maxPixels) scale *= 0.99;
          const pixmap = page.toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceGray, false, true);
          try {
            const width = pixmap.getWidth();
            const height = pixmap.getHeight();
            const inkFraction = measureInk(pixmap.getPixels(), {
              width,
              height,
              stride: pixmap.getStride(),
              channels: pixmap.getNumberOfComponents(),
            });
            return { png: pixmap.asPNG(), width, height, dpi: scale * POINTS_PER_INCH, inkFraction };
          } finally {
            pixmap.destroy();
          }
        } finally {
          page.destroy();
        }
      },
      close() {
        if (!open) return;
        open = false;
        document.destroy();
      },
    },
  };
}

/** A TIFF's horizontal resolution (mupdf lays out a TIFF page at its own dpi); 72 when it has none. */
function readTiffResolution(bytes: Uint8Array): number {
  const image = new mupdf.Image(bytes);
  try {
    const resolution = image.getXResolution();
    return resolution > 0 ? resolution : POINTS_PER_INCH;
  } finally {
    image.destroy();
  }
}

/**
 * Decodes any image mupdf reads (JPEG variants, TIFF, …) to a grey PNG, for images the other
 * decoders refuse. Throws when mupdf warns while decoding: it would otherwise hand back a blank
 * canvas for a PNG with a header and no pixel data ("missing pixel data; possibly truncated").
 */
export function decodeImageWithMupdf(bytes: Uint8Array): { png: Uint8Array; width: number; height: number } {
  const warnings: string[] = [];
  collectedWarnings = warnings;
  let image: mupdf.Image | undefined;
  let pixmap: mupdf.Pixmap | undefined;
  let grey: mupdf.Pixmap | undefined;
  try {
    image = new mupdf.Image(bytes);
    pixmap = image.toPixmap();
    if (warnings.length > 0) throw new Error(`damaged image: ${warnings[0]}`);
    // PNG cannot hold CMYK; OCR needs no colour anyway.
    grey = pixmap.convertToColorSpace(mupdf.ColorSpace.DeviceGray, false);
    return { png: grey.asPNG(), width: grey.getWidth(), height: grey.getHeight() };
  } finally {
    collectedWarnings = undefined;
    grey?.destroy();
    pixmap?.destroy();
    image?.destroy();
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
