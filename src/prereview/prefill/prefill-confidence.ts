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
