// The EXIF Orientation tag (0x0112) of a JPEG: phones store photos sensor-up and record the
// rotation here. tesseract.js looks for it only in big-endian EXIF, so we read it ourselves.
import { createByteReader } from "./byte-reader.js";

/** EXIF orientation 1–8 (1 = upright, 3 = 180°, 6 = needs 90° clockwise, 8 = needs 90° counter-clockwise; 2, 4, 5, 7 mirrored). */
export type ExifOrientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

const ORIENTATION_TAG = 0x0112;
const EXIF_HEADER = "Exif\0\0";

/** The orientation a JPEG's EXIF block declares; 1 when there is none or it is malformed. */
export function readJpegOrientation(bytes: Uint8Array): ExifOrientation {
  const reader = createByteReader(bytes, false);
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return 1;
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return 1;
    const marker = bytes[offset + 1] as number;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return 1; // scan data: no more metadata segments
    const length = reader.u16(offset + 2);
    if (length === undefined || length < 2) return 1;
    if (marker === 0xe1 && reader.ascii(offset + 4, 6) === EXIF_HEADER) {
      return readTiffOrientation(bytes.subarray(offset + 10, offset + 2 + length));
    }
    offset += 2 + length;
  }
  return 1;
}

/** Orientation from a TIFF structure (the body of an EXIF block): IFD0, tag 0x0112, SHORT. */
export function readTiffOrientation(tiff: Uint8Array): ExifOrientation {
  const littleEndian = tiff[0] === 0x49 && tiff[1] === 0x49;
  if (!littleEndian && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return 1;
  const reader = createByteReader(tiff, littleEndian);
  const ifdOffset = reader.u32(4);
  if (ifdOffset === undefined) return 1;
  const count = reader.u16(ifdOffset) ?? 0;
  for (let index = 0; index < count; index++) {
    const entry = ifdOffset + 2 + index * 12;
    if (reader.u16(entry) !== ORIENTATION_TAG) continue;
    const value = reader.u16(entry + 8);
    return value !== undefined && value >= 1 && value <= 8 ? (value as ExifOrientation) : 1;
  }
  return 1;
}

/** Whether the orientation turns the image by 90° (width and height swap when displayed). */
export function orientationSwapsSides(orientation: ExifOrientation): boolean {
  return orientation >= 5;
}
