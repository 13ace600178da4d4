// Small real images for header-reader tests, made on the fly: PNG, JPEG and WebP by
// @napi-rs/canvas, TIFF and odd headers by hand.
import { crc32 } from "node:zlib";
import { createCanvas } from "@napi-rs/canvas";

/** An opaque image with a red square in the top-left corner (to see where rotation puts it). */
export function makeImage(format: "png" | "jpeg" | "webp", width: number, height: number): Uint8Array {
  const canvas = createCanvas(width, height);
  const context = canvas.getContext("2d");
  context.fillStyle = "#fff";
  context.fillRect(0, 0, width, height);
  context.fillStyle = "#f00";
  context.fillRect(0, 0, Math.ceil(width / 4), Math.ceil(height / 4));
  const mime = format === "png" ? "image/png" : format === "jpeg" ? "image/jpeg" : "image/webp";
  return new Uint8Array(canvas.toBuffer(mime as "image/png"));
}

/** A PNG whose IHDR claims `width`×`height` with a few bytes of body: a decompression bomb's header. */
export function makePngHeader(width: number, height: number): Uint8Array {
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter, no interlace
  const idat = new Uint8Array([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
  return concat(
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", idat),
    chunk("IEND", new Uint8Array()),
  );
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** An uncompressed RGB TIFF; pixels are RGBA (4 bytes each) or default to mid grey. */
export function makeTiff(
  width: number,
  height: number,
  options: { littleEndian?: boolean; dpi?: number; rgba?: ArrayLike<number>; shortDimensions?: boolean } = {},
): Uint8Array {
  const little = options.littleEndian ?? true;
  const dpi = options.dpi ?? 300;
  const pixels = new Uint8Array(width * height * 3).fill(128);
  if (options.rgba) {
    for (let i = 0, j = 0; j < pixels.length; i += 4, j += 3) {
      pixels[j] = options.rgba[i] as number;
      pixels[j + 1] = options.rgba[i + 1] as number;
      pixels[j + 2] = options.rgba[i + 2] as number;
    }
  }
  const dimensionType = options.shortDimensions ? 3 : 4;
  const ifdOffset = 8;
  const entryCount = 12;
  const bitsOffset = ifdOffset + 2 + entryCount * 12 + 4;
  const xResolutionOffset = bitsOffset + 6;
  const yResolutionOffset = xResolutionOffset + 8;
  const dataOffset = yResolutionOffset + 8;
  const entries: [tag: number, type: number, count: number, value: number][] = [
    [256, dimensionType, 1, width],
    [257, dimensionType, 1, height],
    [258, 3, 3, bitsOffset],
    [259, 3, 1, 1], // no compression
    [262, 3, 1, 2], // RGB
    [273, 4, 1, dataOffset],
    [277, 3, 1, 3],
    [278, 4, 1, height],
    [279, 4, 1, pixels.length],
    [282, 5, 1, xResolutionOffset],
    [283, 5, 1, yResolutionOffset],
    [296, 3, 1, 2], // inches
  ];
  const out = new Uint8Array(dataOffset + pixels.length);
  const view = new DataView(out.buffer);
  out.set(little ? [0x49, 0x49, 0x2a, 0x00] : [0x4d, 0x4d, 0x00, 0x2a]);
  view.setUint32(4, ifdOffset, little);
  view.setUint16(ifdOffset, entryCount, little);
  entries.forEach(([tag, type, count, value], index) => {
    const at = ifdOffset + 2 + index * 12;
    view.setUint16(at, tag, little);
    view.setUint16(at + 2, type, little);
    view.setUint32(at + 4, count, little);
    if (type === 3 && count === 1) view.setUint16(at + 8, value, little);
    else view.setUint32(at + 8, value, little);
  });
  for (let index = 0; index < 3; index++) view.setUint16(bitsOffset + index * 2, 8, little);
  for (const offset of [xResolutionOffset, yResolutionOffset]) {
    view.setUint32(offset, dpi, little);
    view.setUint32(offset + 4, 1, little);
  }
  out.set(pixels, dataOffset);
  return out;
}

/** A JPEG with an EXIF APP1 segment holding only the Orientation tag, inserted after SOI. */
export function withExifOrientation(jpeg: Uint8Array, orientation: number, littleEndian = true): Uint8Array {
  const tiff = new Uint8Array(8 + 2 + 12 + 4);
  const view = new DataView(tiff.buffer);
  tiff.set(littleEndian ? [0x49, 0x49, 0x2a, 0x00] : [0x4d, 0x4d, 0x00, 0x2a]);
  view.setUint32(4, 8, littleEndian);
  view.setUint16(8, 1, littleEndian);
  view.setUint16(10, 0x0112, littleEndian);
  view.setUint16(12, 3, littleEndian);
  view.setUint32(14, 1, littleEndian);
  view.setUint16(18, orientation, littleEndian);
  const payload = concat(new TextEncoder().encode("Exif\0\0"), tiff);
  const header = new Uint8Array([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]);
  return concat(jpeg.subarray(0, 2), header, payload, jpeg.subarray(2));
}

/** A lossy WebP header (VP8 chunk) for the given size; the frame data is not a real image. */
export function makeVp8Header(width: number, height: number): Uint8Array {
  const data = new Uint8Array(10);
  data.set([0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a]);
  new DataView(data.buffer).setUint16(6, width, true);
  new DataView(data.buffer).setUint16(8, height, true);
  return riffWebp("VP8 ", data);
}

/** A lossless WebP header (VP8L chunk) for the given size. */
export function makeVp8lHeader(width: number, height: number): Uint8Array {
  const data = new Uint8Array(5);
  data[0] = 0x2f;
  new DataView(data.buffer).setUint32(1, (width - 1) | ((height - 1) << 14), true);
  return riffWebp("VP8L", data);
}

function riffWebp(chunkType: string, data: Uint8Array): Uint8Array {
  const encoder = new TextEncoder();
  const size = new Uint8Array(4);
  new DataView(size.buffer).setUint32(0, data.length, true);
  const body = concat(encoder.encode("WEBP"), encoder.encode(chunkType), size, data);
  const riffSize = new Uint8Array(4);
  new DataView(riffSize.buffer).setUint32(0, body.length, true);
  return concat(encoder.encode("RIFF"), riffSize, body);
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
