import type { Box, ExtractedField } from "../types.js";
import type { SourceLine } from "./label-finder.js";

/** What an extractor works from: the document's lines across its pages. */
export interface FieldContext {
  fileId: string;
  lines: readonly SourceLine[];
}

export type FieldExtractor = (context: FieldContext) => ExtractedField[];

/** How parsing went, as a factor on the OCR line confidence. */
export const Quality = {
  /** The label was one OCR edit away. */
  fuzzyLabel: 0.85,
  /** The value was on the line after its label. */
  nextLine: 0.95,
  /** The value was found without its label (by pattern or position). */
  noLabel: 0.7,
  /** The value did not parse (kept as read). */
  unparsed: 0.4,
} as const;

/**
 * The confidence of a closed choice read whole right after its exact label (性别 then 男 or 女,
 * nothing else but marks): the line's confidence is a mean over all its characters, and a doubtful
 * neighbour (a name, a stray mark) says little about one character OCR does not confuse with the
 * other choice. Set by judgement above `PREFILL_THRESHOLDS.lowConfidence` (0.7 then, 0.6 now), not measured.
 */
export const WHOLE_CHOICE_CONFIDENCE = 0.9;

function unionBox(boxes: readonly Box[]): Box | undefined {
  if (boxes.length === 0) return undefined;
  return {
    x0: Math.min(...boxes.map((box) => box.x0)),
    y0: Math.min(...boxes.map((box) => box.y0)),
    x1: Math.max(...boxes.map((box) => box.x1)),
    y1: Math.max(...boxes.map((box) => box.y1)),
  };
}

/**
 * How sure OCR was of `raw` within `line`: the mean confidence of the words `raw` covers, each
 * character counted once; undefined when the line has no words or `raw` is not found in them. A
 * line's confidence is the mean over all its words, and a line often holds more than the value: a
 * two-column licence reads 法定代表人 和白霞丹 … 营业期限 2012年09月19日至长期 as one line at 0.87
 * while the name's own characters were read at 0.62, 0.66, 0.28 and 0.91.
 */
export function wordConfidence(line: SourceLine["line"], raw: string): number | undefined {
  const words = line.words?.map((word) => ({ text: compact(word.text), confidence: word.confidence }));
  const target = compact(raw);
  if (!words || words.length === 0 || target.length === 0) return undefined;
  const joined = words.map((word) => word.text).join("");
  const start = joined.indexOf(target);
  if (start < 0) return undefined;
  const end = start + target.length;
  let sum = 0;
  let offset = 0;
  for (const word of words) {
    const overlap = Math.min(end, offset + word.text.length) - Math.max(start, offset);
    if (overlap > 0) sum += overlap * word.confidence;
    offset += word.text.length;
  }
  return sum / target.length;
}

const compact = (text: string) => text.normalize("NFKC").replace(/\s+/g, "");

/**
 * A field with its evidence: the lines it was read from (their text joined, their boxes merged on
 * the first line's page) and a confidence of the weakest line's OCR confidence times `quality`. A
 * value read from one line whose words OCR gave is no surer than its own words (`wordConfidence`):
 * only lowered, never raised, since tesseract's confidence of a single word is noisier than a
 * line's mean (raising it filled two misread values the line had doubted, in the prefill eval).
 */
export function makeField(
  context: FieldContext,
  name: string,
  value: string,
  raw: string,
  lines: readonly SourceLine[],
  quality = 1,
): ExtractedField {
  const first = lines[0];
  const ownWords = lines.length === 1 && first ? wordConfidence(first.line, raw) : undefined;
  const lineConfidence =
    lines.length === 0
      ? 0.5
      : Math.min(...lines.map((line) => line.line.confidence), ...(ownWords === undefined ? [] : [ownWords]));
  const samePage = lines.filter((line) => line.page === first?.page);
  const box = unionBox(samePage.flatMap((line) => (line.line.box ? [line.line.box] : [])));
  const confidence = Math.round(Math.max(0, Math.min(1, lineConfidence * quality)) * 1000) / 1000;
  return {
    name,
    value,
    raw,
    confidence,
    evidence: {
      fileId: context.fileId,
      ...(first ? { page: first.page } : {}),
      text: lines.map((line) => line.line.text).join("\n"),
      ...(box ? { box } : {}),
    },
  };
}
