import { compactText } from "../classify/index.js";
import { findChineseDates } from "./parse-chinese-date.js";

export interface ValidityRange {
  /** `YYYY-MM-DD`. */
  validFrom?: string;
  /** `YYYY-MM-DD`, or `长期` for long-term. */
  validUntil?: string;
}

/**
 * A validity range as printed on ID cards and licences: 2016.05.12-2036.05.12, 2016.05.12-长期,
 * 2015年05月12日至长期, 20160512-20360512. OCR reads the dash as 一 or ~ and 长期 as 长朗 or 长 期:
 * after the first date, 长 with any character, or 期 after any character, means long-term.
 * A single date with 至 or 有效期至 before it is an end date only.
 */
export function parseValidityRange(text: string): ValidityRange {
  const compact = compactText(text);
  const dates = findChineseDates(compact);
  const first = dates[0];
  const second = dates[1];
  const range: ValidityRange = {};
  if (!first) {
    if (/长期/.test(compact)) range.validUntil = "长期";
    return range;
  }
  const beforeFirst = compact.slice(0, first.start);
  if (!second && /至$|止$|截至$/.test(beforeFirst)) {
    range.validUntil = first.value;
    return range;
  }
  range.validFrom = first.value;
  if (second) range.validUntil = second.value;
  else if (
    /长.|.期/.test(
      compact
        .slice(first.end)
        .replace(/^[-~至一—]+/, "")
        .slice(0, 3),
    ) ||
    /长期/.test(compact)
  )
    range.validUntil = "长期";
  return range;
}
