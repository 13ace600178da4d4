// Image dimensions from the header alone, so a decompression bomb (a tiny file that claims a huge
// canvas) is refused before anything decodes it. Each reader returns undefined on a truncated or
// malformed header instead of throwing.
import type { FileKind } from "../types.js";
import { createByteReader } from "./byte-reader.js";

export interface ImageSize {
  width: number;
  height: number;
}

/** Width and height in pixels as the header states them (JPEG: before EXIF rotation). */
export function readImageSize(bytes: Uint8Array, kind: Exclude<FileKind, "pdf">): ImageSize | undefined {
  const size = readers[kind](bytes);
  if (!size || size.width <= 0 || size.height <= 0) return undefined;
  return size;
}

const readers: Record<Exclude<FileKind, "pdf">, (bytes: Uint8Array) => ImageSize | undefined> = {
  png: readPngSize,
  jpeg: readJpegSize,
  webp: readWebpSize,
  tiff: readTiffSize,
};

/** PNG: the IHDR chunk must come first; width and height are big-endian u32 at offsets 16 and 20. */
export function readPngSize(bytes: Uint8Array): ImageSize | undefined {
  const reader = createByteReader(bytes, false);
  if (reader.ascii(12, 4) !== "IHDR") return undefined;
  const width = reader.u32(16);
  const height = reader.u32(20);
  return width === undefined || height === undefined ? undefined : { width, height };
}

/** JPEG: walk the marker segments to the first SOFn frame header. */
export function readJpegSize(bytes: Uint8Array): ImageSize | undefined {
  const reader = createByteReader(bytes, false);
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1] as number;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined; // end of image or scan data before any frame header
    const length = reader.u16(offset + 2);
    if (length === undefined || length < 2) return undefined;
    if (isStartOfFrame(marker)) {
      const height = reader.u16(offset + 5);
      const width = reader.u16(offset + 7);
      return width === undefined || height === undefined ? undefined : { width, height };
    }
    offset += 2 + length;
  }
  return undefined;
}

/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** WebP: the first chunk after `RIFF….WEBP` is VP8 (lossy), VP8L (lossless) or VP8X (extended). */
export function readWebpSize(bytes: Uint8Array): ImageSize | undefined {
  const reader = createByteReader(bytes, true);
  const chunk = reader.ascii(12, 4);
  if (chunk === "VP8 ") {
    // Frame tag (3 bytes), start code 9D 01 2A, then 14-bit width and height.
    if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) return undefined;
    const width = reader.u16(26);
    const height = reader.u16(28);
    return width === undefined || height === undefined ? undefined : { width: width & 0x3fff, height: height & 0x3fff };
  }
  if (chunk === "VP8L") {
    // Signature 0x2F, then width-1 and height-1 in 14 bits each, little-endian bit order.
    const bits = reader.u32(21);
    if (bytes[20] !== 0x2f || bits === undefined) return undefined;
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === "VP8X") {
    // Flags (1 byte), reserved (3), canvas width-1 and height-1 in 24 bits each.
    const width = reader.u24(24);
    const height = reader.u24(27);
    return width === undefined || height === undefined ? undefined : { width: width + 1, height: height + 1 };
  }
  return undefined;
}

const TIFF_IMAGE_WIDTH = 256;
const TIFF_IMAGE_LENGTH = 257;
const TIFF_SHORT = 3;
const TIFF_LONG = 4;

/** TIFF: ImageWidth and ImageLength in the first IFD (SHORT or LONG). */
export function readTiffSize(bytes: Uint8Array): ImageSize | undefined {
  const reader = createByteReader(bytes, bytes[0] === 0x49);
  const ifdOffset = reader.u32(4);
  if (ifdOffset === undefined) return undefined;
  const count = reader.u16(ifdOffset);
  if (count === undefined) return undefined;
  let width: number | undefined;
  let height: number | undefined;
  for (let index = 0; index < count; index++) {
    const entry = ifdOffset + 2 + index * 12;
    const tag = reader.u16(entry);
    const type = reader.u16(entry + 2);
    if (tag === undefined || type === undefined) return undefined;
    if (tag !== TIFF_IMAGE_WIDTH && tag !== TIFF_IMAGE_LENGTH) continue;
    const value = type === TIFF_SHORT ? reader.u16(entry + 8) : type === TIFF_LONG ? reader.u32(entry + 8) : undefined;
    if (tag === TIFF_IMAGE_WIDTH) width = value;
    else height = value;
  }
  return width === undefined || height === undefined ? undefined : { width, height };
}
