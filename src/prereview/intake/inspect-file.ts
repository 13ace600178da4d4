import type { FileKind, FileProblem, IntakeFile } from "../types.js";
import { detectFileKind } from "./detect-file-kind.js";
import { describeFileProblem } from "./describe-file-problem.js";
import { defaultPrereviewLimits, type PrereviewLimits } from "./prereview-limits.js";
import { readImageSize } from "./read-image-size.js";

export interface InspectFileResult {
  /** The kind the bytes are, whatever the name or claimed MIME type say. */
  kind?: FileKind;
  /** Why the file cannot be read; absent when it can. */
  problem?: FileProblem;
  /** Plain Chinese for the applicant, with `problem`. */
  problemMessage?: string;
  /** Header dimensions of an image (JPEG: before EXIF rotation). */
  width?: number;
  height?: number;
  /** The claimed MIME type or the name's extension says another kind than the bytes (accepted by the bytes). */
  mislabelled: boolean;
}

/**
 * Checks one uploaded file against the limits without decoding it: empty, unknown type, too big,
 * too many pixels (read from the image header, so a decompression bomb is refused unopened), or
 * an image header too damaged to read. Page counts are checked when the text is extracted.
 */
export function inspectFile(
  file: Pick<IntakeFile, "bytes"> & Partial<Pick<IntakeFile, "claimedMimeType" | "originalName">>,
  limits: PrereviewLimits = defaultPrereviewLimits,
): InspectFileResult {
  const { bytes } = file;
  if (bytes.length === 0) return refuse("empty", undefined, {});
  const kind = detectFileKind(bytes);
  if (!kind) return refuse("unsupported_type", undefined, {});
  const mislabelled = isMislabelled(kind, file.claimedMimeType, file.originalName);
  if (bytes.length > limits.maxFileBytes) return refuse("too_large", kind, { mislabelled, bytes: bytes.length });
  if (kind === "pdf") return { kind, mislabelled };

  const size = readImageSize(bytes, kind);
  if (!size) return refuse("corrupt", kind, { mislabelled });
  const { width, height } = size;
  if (width * height > limits.maxImagePixels) return refuse("too_many_pixels", kind, { mislabelled, width, height });
  return { kind, width, height, mislabelled };

  function refuse(
    problem: FileProblem,
    kind: FileKind | undefined,
    details: { mislabelled?: boolean; bytes?: number; width?: number; height?: number },
  ): InspectFileResult {
    const { mislabelled = false, ...facts } = details;
    return {
      ...(kind ? { kind } : {}),
      problem,
      problemMessage: describeFileProblem(problem, facts, limits),
      ...(facts.width ? { width: facts.width, height: facts.height } : {}),
      mislabelled,
    };
  }
}

const KIND_BY_MIME_TYPE: Record<string, FileKind> = {
  "application/pdf": "pdf",
  "application/x-pdf": "pdf",
  "image/jpeg": "jpeg",
  "image/jpg": "jpeg",
  "image/pjpeg": "jpeg",
  "image/png": "png",
  "image/webp": "webp",
  "image/tiff": "tiff",
  "image/tif": "tiff",
};

const KIND_BY_EXTENSION: Record<string, FileKind> = {
  pdf: "pdf",
  jpg: "jpeg",
  jpeg: "jpeg",
  jpe: "jpeg",
  png: "png",
  webp: "webp",
  tif: "tiff",
  tiff: "tiff",
};

/** Only a claim that names another accepted kind counts; `application/octet-stream` or no extension claims nothing. */
function isMislabelled(kind: FileKind, claimedMimeType?: string, originalName?: string): boolean {
  const mime = claimedMimeType?.split(";")[0]?.trim().toLowerCase();
  const claimedByMime = mime ? KIND_BY_MIME_TYPE[mime] : undefined;
  const extension = originalName?.match(/\.([a-z0-9]+)$/i)?.[1]?.toLowerCase();
  const claimedByName = extension ? KIND_BY_EXTENSION[extension] : undefined;
  return (
    (claimedByMime !== undefined && claimedByMime !== kind) || (claimedByName !== undefined && claimedByName !== kind)
  );
}
