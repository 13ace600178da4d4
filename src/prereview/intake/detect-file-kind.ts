import type { FileKind } from "../types.js";

/** How far into a file `%PDF-` may start: Acrobat tolerates junk before the header within the first 1024 bytes. */
const PDF_HEADER_SEARCH_BYTES = 1024;
const PDF_HEADER = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The accepted kind the bytes are, by magic bytes only (never by name or claimed MIME type). */
export function detectFileKind(bytes: Uint8Array): FileKind | undefined {
  if (startsWith(bytes, PNG_SIGNATURE)) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return "webp";
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return "tiff";
  if (pdfHeaderOffset(bytes) !== undefined) return "pdf";
  return undefined;
}

/** Where `%PDF-` starts, when it starts within the first 1024 bytes. */
export function pdfHeaderOffset(bytes: Uint8Array): number | undefined {
  const end = Math.min(bytes.length - PDF_HEADER.length, PDF_HEADER_SEARCH_BYTES);
  for (let offset = 0; offset <= end; offset++) if (startsWith(bytes, PDF_HEADER, offset)) return offset;
  return undefined;
}

/** The MIME type of an accepted kind. */
export function fileKindMimeType(kind: FileKind): string {
  return kind === "pdf" ? "application/pdf" : `image/${kind}`;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[offset + i] !== prefix[i]) return false;
  return true;
}
