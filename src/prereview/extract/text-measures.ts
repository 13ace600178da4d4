// Small measures over extracted text: is a text layer real text, and which lines carry any.
import { foldOcrText } from "./fold-ocr-text.js";

const MEANINGFUL = /[\p{L}\p{N}]/gu;
/** Private-use glyphs, the replacement character and control characters: what broken font encodings produce. */
const GARBLED = /[\p{Co}\ufffd\p{Cc}]/gu;

/** Letters, digits and Han characters (punctuation, symbols and spaces do not count). */
export function countMeaningfulCharacters(text: string): number {
  return text.match(MEANINGFUL)?.length ?? 0;
}

/**
 * A text layer mostly made of private-use glyphs or control characters is a font without a
 * Unicode map: the page looks fine but its text is junk, so it is OCR'd instead.
 */
export function isGarbledText(text: string): boolean {
  const visible = text.replace(/[\s]/gu, "");
  if (visible.length === 0) return false;
  const garbled = visible.match(GARBLED)?.length ?? 0;
  return garbled / visible.length > 0.3;
}

/** Folded, non-empty lines that carry at least one letter or digit (drops OCR's `|`, `—`, `_` noise). */
export function meaningfulLines(lines: readonly string[]): string[] {
  return lines.map(foldOcrText).filter((line) => countMeaningfulCharacters(line) > 0);
}
