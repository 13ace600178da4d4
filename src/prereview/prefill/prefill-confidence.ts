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
} as const;
