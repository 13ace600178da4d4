// Pre-review intake: what kind a file is (by magic bytes, never by name), whether it is within the
// limits (size, pixels read from the header without decoding), and the Chinese message when not.
export * from "./check-case-limits.js";
export * from "./describe-file-problem.js";
export { detectFileKind, fileKindMimeType, pdfHeaderOffset } from "./detect-file-kind.js";
export * from "./inspect-file.js";
export * from "./prereview-limits.js";
export * from "./read-exif-orientation.js";
export * from "./read-image-size.js";
