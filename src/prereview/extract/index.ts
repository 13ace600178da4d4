// Pre-review text extraction: the text of each accepted file, page by page. PDFs give their text
// layer; scanned pages and images are rendered (mupdf), prepared (@napi-rs/canvas) and read by a
// pool of tesseract.js workers. Bad files come back as problems with a Chinese message, never
// as exceptions.
export * from "./create-isolated-text-extractor.js";
export * from "./create-text-extractor.js";
export type { ExtractLogger } from "./extract-logger.js";
export { foldOcrText, toHalfWidth } from "./fold-ocr-text.js";
export * from "./homography.js";
export { measureInk, type PixelLayout } from "./measure-ink.js";
export { OcrError, type OcrErrorCode } from "./ocr-error.js";
export { mapWithConcurrency } from "./map-with-concurrency.js";
export * from "./pdf-raster.js";
export * from "./pdf-text-layer.js";
export * from "./prepare-image.js";
export * from "./render-page-image.js";
export { countMeaningfulCharacters, isGarbledText } from "./text-measures.js";
export * from "./tesseract-ocr-pool.js";
export * from "./warp-perspective.js";
