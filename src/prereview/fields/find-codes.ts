// Finds ID numbers and credit codes in a line when no label says where they are, or when the
// label's value holds more than the code.
import { compactText } from "../classify/index.js";

export interface CodeSpan {
  /** The characters as read. */
  raw: string;
  start: number;
  end: number;
}

/** Runs of characters a code can be read as (digits, letters, and the marks OCR reads for 1). */
function codeRuns(text: string): CodeSpan[] {
  const runs: CodeSpan[] = [];
  for (const match of compactText(text).matchAll(/[0-9A-Za-z|!×]+/g)) {
    const start = match.index ?? 0;
    runs.push({ raw: match[0], start, end: start + match[0].length });
  }
  return runs;
}

const digitCount = (text: string) => text.replace(/\D/g, "").length;

/**
 * The likeliest ID number in a text: a run of 18 characters with at least 14 digits, else the
 * run with the most digits (15 or more) so a misread length still reaches the rules as read.
 * Letters at the edge of a longer run (a border mark read as I) are cut off only where they are
 * not digits, so no digit is ever dropped.
 */
export function findIdNumberSpan(text: string): CodeSpan | undefined {
  let best: CodeSpan | undefined;
  let bestScore = 0;
  for (const run of codeRuns(text)) {
    let { raw, start, end } = run;
    while (raw.length > 18 && /^[A-Za-z|!]/.test(raw) && !/^[OoDlIiZSB]/.test(raw)) {
      raw = raw.slice(1);
      start++;
    }
    while (raw.length > 18 && /[A-WYZa-wyz|!]$/.test(raw) && !/[OoDlIiZSB]$/.test(raw)) {
      raw = raw.slice(0, -1);
      end--;
    }
    const digits = digitCount(raw);
    if (digits < 14) continue;
    const score = (raw.length === 18 ? 100 : 0) + digits - Math.abs(raw.length - 18);
    if (score > bestScore) {
      best = { raw, start, end };
      bestScore = score;
    }
  }
  return best;
}

/** The likeliest credit code in a text: an 18-character run with 8 or more digits, else the closest length. */
export function findCreditCodeSpan(text: string): CodeSpan | undefined {
  let best: CodeSpan | undefined;
  let bestScore = 0;
  for (const run of codeRuns(text)) {
    if (run.raw.length < 15 || run.raw.length > 20 || digitCount(run.raw) < 6) continue;
    const score = (run.raw.length === 18 ? 100 : 0) + digitCount(run.raw) - Math.abs(run.raw.length - 18);
    if (score > bestScore) {
      best = run;
      bestScore = score;
    }
  }
  return best;
}
