// One output file from one or more documents: an image (png/jpeg), a text-layer PDF or a scan PDF.
import { type Canvas, createCanvas } from "@napi-rs/canvas";
import { type DegradeOptions, degrade } from "./degrade.js";
import { rasterize } from "./rasterize.js";
import { createRandom, type Random } from "./random.js";
import { renderScanPdf, renderTextPdf } from "./render-pdf.js";
import type { GeneratedDocument, OutputFormat } from "./types.js";

export interface RenderFileOptions {
  /** Pages of a PDF; for an image, several documents are stacked on one sheet (a photocopy of both ID sides). */
  documents: readonly GeneratedDocument[];
  format: OutputFormat;
  /** Applied to images and scan pages; ignored for text PDFs. */
  degradation?: DegradeOptions;
  /** Source of noise (default: a fixed seed). */
  random?: Random;
  /** PDF title. */
  title?: string;
}

export interface RenderedFile {
  bytes: Uint8Array;
  mimeType: string;
  extension: string;
}

const MIME: Record<OutputFormat, [string, string]> = {
  png: ["image/png", "png"],
  jpeg: ["image/jpeg", "jpg"],
  pdf_text: ["application/pdf", "pdf"],
  pdf_scan: ["application/pdf", "pdf"],
};

/** Stacks canvases vertically on white, as a photocopy of several cards on one sheet. */
function stack(canvases: Canvas[]): Canvas {
  if (canvases.length === 1) return canvases[0] as Canvas;
  const margin = 60;
  const width = Math.max(...canvases.map((canvas) => canvas.width)) + 2 * margin;
  const height = canvases.reduce((sum, canvas) => sum + canvas.height + margin, margin);
  const sheet = createCanvas(width, height);
  const context = sheet.getContext("2d");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, width, height);
  let y = margin;
  for (const canvas of canvases) {
    context.drawImage(canvas, margin, y);
    y += canvas.height + margin;
  }
  return sheet;
}

async function encode(canvas: Canvas, format: "png" | "jpeg", quality: number): Promise<Uint8Array> {
  const buffer = format === "png" ? await canvas.encode("png") : await canvas.encode("jpeg", quality);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

export async function renderFile(options: RenderFileOptions): Promise<RenderedFile> {
  if (options.documents.length === 0) throw new Error("renderFile needs at least one document");
  const [mimeType, extension] = MIME[options.format];
  const random = options.random ?? createRandom(1);
  const degradation = options.degradation ?? {};
  const quality = degradation.jpegQuality ?? 90;
  if (options.format === "pdf_text") {
    const bytes = await renderTextPdf(
      options.documents.map((document) => document.drawing),
      options.title,
    );
    return { bytes, mimeType, extension };
  }
  if (options.format === "pdf_scan") {
    const pages = [];
    for (const document of options.documents) {
      const canvas = degrade(rasterize(document.drawing), degradation, random);
      const dpi =
        (document.drawing.dpi * canvas.width) / (document.drawing.width + 2 * (degradation.background?.margin ?? 0));
      pages.push({ jpeg: await encode(canvas, "jpeg", quality), width: canvas.width, height: canvas.height, dpi });
    }
    return { bytes: await renderScanPdf(pages, options.title), mimeType, extension };
  }
  const sheet = stack(options.documents.map((document) => rasterize(document.drawing)));
  const canvas = degrade(sheet, degradation, random);
  return { bytes: await encode(canvas, options.format, quality), mimeType, extension };
}
