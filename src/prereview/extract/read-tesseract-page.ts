// Turns tesseract.js's block tree (blocks → paragraphs → lines → words) into our lines. Parsed
// tolerantly: a missing or odd field degrades one line, never the page.
import { z } from "zod";
import type { TextLine } from "../types.js";

const BboxSchema = z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() });

const WordSchema = z.object({
  text: z.string().catch(""),
  confidence: z.number().catch(0),
});

const LineSchema = z.object({
  text: z.string().catch(""),
  confidence: z.number().catch(0),
  bbox: BboxSchema.optional().catch(undefined),
  words: z.array(WordSchema.catch({ text: "", confidence: 0 })).catch([]),
});

const ParagraphSchema = z.object({
  lines: z.array(LineSchema.catch({ text: "", confidence: 0, words: [] })).catch([]),
});
const BlockSchema = z.object({ paragraphs: z.array(ParagraphSchema.catch({ lines: [] })).catch([]) });

/** The part of tesseract.js's `Page` we read. */
export const TesseractPageSchema = z.object({
  blocks: z
    .array(BlockSchema.catch({ paragraphs: [] }))
    .nullable()
    .catch(null),
});
export type TesseractPage = z.infer<typeof TesseractPageSchema>;

export interface TesseractPageText {
  /** Lines in reading order, text trimmed but not folded; confidence 0..1. */
  lines: TextLine[];
  /** Mean confidence of the words with text, 0..1; 0 when there are none. */
  confidence: number;
}

/** Lines with text from a tesseract.js page recognised with `{ blocks: true }`. */
export function readTesseractPage(page: unknown): TesseractPageText {
  const { blocks } = TesseractPageSchema.parse(page ?? {});
  const lines: TextLine[] = [];
  let confidenceSum = 0;
  let words = 0;
  for (const block of blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const text = line.text.trim();
        if (!text) continue;
        const lineWords: { text: string; confidence: number }[] = [];
        for (const word of line.words) {
          const wordText = word.text.trim();
          if (!wordText) continue;
          const confidence = clamp01(word.confidence / 100);
          confidenceSum += confidence;
          words++;
          lineWords.push({ text: wordText, confidence: Math.round(confidence * 1000) / 1000 });
        }
        lines.push({
          text,
          confidence: clamp01(line.confidence / 100),
          ...(line.bbox ? { box: line.bbox } : {}),
          ...(lineWords.length > 0 ? { words: lineWords } : {}),
        });
      }
    }
  }
  return { lines, confidence: words === 0 ? 0 : confidenceSum / words };
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
