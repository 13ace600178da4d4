// The only @napi-rs/canvas importer: readies a photo or scan for tesseract. Measured on rendered
// cards and A4 pages: greyscale conversion and upscaling small images did not raise accuracy
// (upscaling ×1.5 lowered it on noisy cards, 98% → 93–95%) and cost time, so neither is done.
// Very large images are scaled down, since tesseract misreads glyphs much over ~60 px tall and
// takes time in proportion to pixels; JPEG photos are turned upright per EXIF.
import { createCanvas, type Image, loadImage } from "@napi-rs/canvas";
import type { ExifOrientation } from "../intake/index.js";
import { type GreyImage, greyFromRgba, rgbaFromGrey } from "./grey-image.js";
import { measureInk } from "./measure-ink.js";

export interface PrepareImageOptions {
  /** Header dimensions, as intake read them (before EXIF rotation). */
  width: number;
  height: number;
  /** The JPEG's EXIF orientation; anything but 1 is applied. Default 1. */
  orientation?: ExifOrientation;
  /**
   * An image with more pixels is scaled down to this many. Default 4.2 million: an A4 page at
   * 200 dpi (3.9 million) passes untouched (decoding and re-encoding it cost more than OCR saved),
   * a 12-megapixel photo becomes about 2370 × 1780.
   */
  maxPixels?: number;
  /** A longer side above this is scaled down to it. Default none. */
  maxLongSide?: number;
}

export interface PreparedImage {
  /** The bytes to OCR: the original when nothing was needed, else a PNG. */
  image: Uint8Array;
  width: number;
  height: number;
  /** What was done, for logs: `orient`, `downscale`. */
  steps: string[];
}

/** Rotates per EXIF and scales down oversized images; passes the bytes through untouched when neither applies. */
export async function prepareImageForOcr(bytes: Uint8Array, options: PrepareImageOptions): Promise<PreparedImage> {
  const orientation = options.orientation ?? 1;
  const maxPixels = options.maxPixels ?? 4_200_000;
  const maxLongSide = options.maxLongSide ?? Number.POSITIVE_INFINITY;
  const scaleFor = (width: number, height: number) =>
    Math.min(1, Math.sqrt(maxPixels / (width * height)), maxLongSide / Math.max(width, height));
  const steps: string[] = [];
  if (orientation !== 1) steps.push("orient");
  if (scaleFor(options.width, options.height) < 1) steps.push("downscale");
  if (steps.length === 0) return { image: bytes, width: options.width, height: options.height, steps };

  // @napi-rs/canvas applies the EXIF orientation while decoding (pinned by a test), so drawing
  // the decoded image upright is all the rotation needs.
  const image = await decode(bytes);
  const scale = scaleFor(image.width, image.height);
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const canvas = createCanvas(width, height);
  const context = canvas.getContext("2d");
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = "high";
  context.drawImage(image, 0, 0, width, height);
  return { image: await canvas.encode("png"), width, height, steps };
}

/** The ink fraction of an encoded image (see `measureInk`), decoded at most 1000 px on the longer side. */
export async function measureImageInk(bytes: Uint8Array): Promise<number> {
  const image = await decode(bytes);
  const scale = Math.min(1, 1000 / Math.max(image.width, image.height));
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const canvas = createCanvas(width, height);
  const context = canvas.getContext("2d");
  context.fillStyle = "#fff";
  context.fillRect(0, 0, width, height);
  context.drawImage(image, 0, 0, width, height);
  const { data } = context.getImageData(0, 0, width, height);
  return measureInk(data, { width, height, stride: width * 4, channels: 4 });
}

/** An encoded image's grey levels (drawn on white, so transparency reads as paper). */
export async function decodeGreyImage(bytes: Uint8Array): Promise<GreyImage> {
  const image = await decode(bytes);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext("2d");
  context.fillStyle = "#fff";
  context.fillRect(0, 0, image.width, image.height);
  context.drawImage(image, 0, 0);
  return greyFromRgba(context.getImageData(0, 0, image.width, image.height).data, image.width, image.height);
}

/** Grey levels as a PNG. */
export async function encodeGreyImage(image: GreyImage): Promise<Uint8Array> {
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext("2d");
  const pixels = context.createImageData(image.width, image.height);
  pixels.data.set(rgbaFromGrey(image));
  context.putImageData(pixels, 0, 0);
  const buffer = await canvas.encode("png");
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

async function decode(bytes: Uint8Array): Promise<Image> {
  const image = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (!image.width || !image.height) throw new Error("image could not be decoded");
  return image;
}

/** Cuts a region (pixels of the image, clamped to it) out of an encoded image onto white; a PNG. */
export async function cropImage(
  bytes: Uint8Array,
  box: { x0: number; y0: number; x1: number; y1: number },
): Promise<PreparedImage> {
  const image = await decode(bytes);
  const x0 = Math.max(0, Math.floor(box.x0));
  const y0 = Math.max(0, Math.floor(box.y0));
  const x1 = Math.min(image.width, Math.ceil(box.x1));
  const y1 = Math.min(image.height, Math.ceil(box.y1));
  if (x1 <= x0 || y1 <= y0) throw new Error("crop box lies outside the image");
  const width = x1 - x0;
  const height = y1 - y0;
  const canvas = createCanvas(width, height);
  const context = canvas.getContext("2d");
  context.fillStyle = "#fff";
  context.fillRect(0, 0, width, height);
  // Even at 1:1 these settings change the drawn pixels, and with them what OCR reads: keep them.
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = "high";
  context.drawImage(image, x0, y0, width, height, 0, 0, width, height);
  return { image: await canvas.encode("png"), width, height, steps: ["crop"] };
}
