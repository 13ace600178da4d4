import type { FieldTruth } from "./prefill-truth.js";

/** What one system did with one field. */
export interface FieldAnswer {
  status: "filled" | "needs_check" | "conflict" | "unfilled";
  value?: string;
}

export type FieldOutcome = "correct" | "wrong" | "flagged_right" | "flagged_wrong" | "conflict" | "unfilled";

/** Counts behind the figures, for one field, one document type or the whole run. */
export interface PrefillTally {
  /** Fields with one true value some source gives (planted conflicts not counted). */
  fillable: number;
  correct: number;
  /** A value filled as valid that is not the true one. */
  wrong: number;
  /** Values offered for checking (a failed check or a doubtful reading) that are the true one. */
  flaggedRight: number;
  /** Values offered for checking that are not the true one: shown as doubtful, not filled. */
  flaggedWrong: number;
  /** A conflict shown where the documents agree. */
  spuriousConflicts: number;
  unfilled: number;
  planted: number;
  /** Planted conflicts shown as conflicts. */
  surfaced: number;
  /** Values offered for fields no document states, that differ from what the applicant meant. */
  invented: number;
}

export const emptyTally = (): PrefillTally => ({
  fillable: 0,
  correct: 0,
  wrong: 0,
  flaggedRight: 0,
  flaggedWrong: 0,
  spuriousConflicts: 0,
  unfilled: 0,
  planted: 0,
  surfaced: 0,
  invented: 0,
});

const same = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && a.replace(/\s+/g, "").toUpperCase() === b.replace(/\s+/g, "").toUpperCase();

/**
 * Adds one field's answer to a tally. Filled (offered as valid): the true value is correct, another
 * is a wrong fill. Offered for checking (`needs_check`, the problem named): counted apart, except
 * that a true value failing its own check (a planted wrong check character) must be offered this
 * way, and then is correct. `intended` is what the applicant meant (the generator's form), for
 * values offered on fields no document states.
 */
export function tallyField(
  tally: PrefillTally,
  truth: FieldTruth,
  answer: FieldAnswer,
  intended?: string,
): FieldOutcome {
  if (truth.plantedConflict) {
    tally.planted++;
    if (answer.status === "conflict") tally.surfaced++;
    return answer.status === "conflict" ? "conflict" : answer.value ? "wrong" : "unfilled";
  }
  if (!truth.fillable) {
    if (answer.value !== undefined && !same(answer.value, intended)) tally.invented++;
    return answer.value ? "correct" : "unfilled";
  }
  tally.fillable++;
  if (answer.status === "conflict") {
    tally.spuriousConflicts++;
    return "conflict";
  }
  if (answer.value === undefined) {
    tally.unfilled++;
    return "unfilled";
  }
  const right = same(answer.value, truth.expected);
  if (answer.status === "needs_check") {
    if (right && truth.expectedInvalid) {
      tally.correct++;
      return "correct";
    }
    if (right) tally.flaggedRight++;
    else tally.flaggedWrong++;
    return right ? "flagged_right" : "flagged_wrong";
  }
  if (right && !truth.expectedInvalid) {
    tally.correct++;
    return "correct";
  }
  tally.wrong++;
  return "wrong";
}

export function addTally(into: PrefillTally, from: PrefillTally): void {
  for (const key of Object.keys(into) as (keyof PrefillTally)[]) into[key] += from[key];
}

/** Prefill rate: correct / fillable; wrong-fill rate: wrong / fillable; conflicts: surfaced / planted. */
export function rates(tally: PrefillTally) {
  return {
    prefillRate: tally.fillable ? tally.correct / tally.fillable : 0,
    wrongFillRate: tally.fillable ? tally.wrong / tally.fillable : 0,
    conflictRecall: tally.planted ? tally.surfaced / tally.planted : 1,
  };
}
