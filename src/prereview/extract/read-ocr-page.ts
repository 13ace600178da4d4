// One page read by OCR: recognise, fold the lines, and say what is wrong with the reading.
import type { OcrEngine, PageText } from "../types.js";
import { meaningfulLines } from "./text-measures.js";

export interface ReadOcrPageOptions {
  ocr: OcrEngine;
  /** 1-based page number. */
  page: number;
  /** PNG/JPEG/WebP bytes OCR can read. */
  image: Uint8Array;
  width: number;
  height: number;
  /** Below this mean word confidence the page is `low_confidence`. */
  minConfidence: number;
  /** The image's shorter side was below the intake minimum. */
  small: boolean;
  /** Measures the ink when nothing was read, to tell `blank` from `no_text`. */
  measureInk: () => Promise<number>;
  /** When reading of this page started (performance.now()), for `milliseconds`. */
  started: number;
}

/** Below this ink fraction a page with no text is `blank` rather than `no_text` (see `measureInk`). */
export const BLANK_INK_FRACTION = 0.002;

/** Recognises one page; OCR faults propagate (the caller turns them into `ocr_failed`). */
export async function readOcrPage(options: ReadOcrPageOptions): Promise<PageText> {
  const result = await options.ocr.recognize(options.image);
  const lines = result.lines.flatMap((line) => {
    const [text] = meaningfulLines([line.text]);
    return text ? [{ ...line, text }] : [];
  });
  const quality: PageText["quality"] = [];
  if (lines.length === 0) {
    const ink = await options.measureInk().catch(() => 1);
    quality.push(ink < BLANK_INK_FRACTION ? "blank" : "no_text");
  } else if (result.confidence < options.minConfidence) quality.push("low_confidence");
  if (options.small) quality.push("small_image");
  return {
    page: options.page,
    source: "ocr",
    lines,
    confidence: lines.length === 0 ? 0 : result.confidence,
    width: result.width || options.width,
    height: result.height || options.height,
    quality,
    milliseconds: Math.round(performance.now() - options.started),
  };
}

/** A page not worth OCR: rendered, but (almost) no ink on it. */
export function blankPage(page: number, width: number, height: number, started: number): PageText {
  return {
    page,
    source: "ocr",
    lines: [],
    confidence: 0,
    width,
    height,
    quality: ["blank"],
    milliseconds: Math.round(performance.now() - started),
  };
}
