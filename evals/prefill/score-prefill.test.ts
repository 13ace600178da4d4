import { describe, expect, it } from "vitest";
import type { FieldTruth } from "./prefill-truth.js";
import { emptyTally, rates, tallyField } from "./score-prefill.js";

const truth = (overrides: Partial<FieldTruth> = {}): FieldTruth => ({
  name: "name",
  fillable: true,
  plantedConflict: false,
  expected: "王建国",
  expectedInvalid: false,
  origin: "id_card",
  ...overrides,
});

describe("tallyField", () => {
  it("counts the true value filled as correct and another value as wrong", () => {
    const tally = emptyTally();
    expect(tallyField(tally, truth(), { status: "filled", value: "王建国" })).toBe("correct");
    expect(tallyField(tally, truth(), { status: "filled", value: "王建图" })).toBe("wrong");
    expect(rates(tally)).toMatchObject({ prefillRate: 0.5, wrongFillRate: 0.5 });
  });

  it("counts a conflict where the documents agree as a false conflict, not a fill", () => {
    const tally = emptyTally();
    expect(tallyField(tally, truth(), { status: "conflict" })).toBe("conflict");
    expect(tally).toMatchObject({ fillable: 1, correct: 0, wrong: 0, spuriousConflicts: 1 });
  });

  it("counts a planted conflict as surfaced only when shown as a conflict", () => {
    const tally = emptyTally();
    tallyField(tally, truth({ plantedConflict: true, expected: undefined }), { status: "conflict" });
    tallyField(tally, truth({ plantedConflict: true, expected: undefined }), { status: "filled", value: "王建国" });
    expect(tally).toMatchObject({ planted: 2, surfaced: 1, fillable: 0 });
    expect(rates(tally).conflictRecall).toBe(0.5);
  });

  it("counts a true value failing its check as correct only when offered as needing a check", () => {
    const tally = emptyTally();
    const invalid = truth({ name: "idNumber", expected: "620102196502100131", expectedInvalid: true });
    expect(tallyField(tally, invalid, { status: "needs_check", value: "620102196502100131" })).toBe("correct");
    expect(tallyField(tally, invalid, { status: "filled", value: "620102196502100131" })).toBe("wrong");
  });

  it("counts values offered for checking apart from fills, right or wrong", () => {
    const tally = emptyTally();
    expect(tallyField(tally, truth(), { status: "needs_check", value: "王建国" })).toBe("flagged_right");
    expect(tallyField(tally, truth(), { status: "needs_check", value: "王建图" })).toBe("flagged_wrong");
    expect(tally).toMatchObject({ fillable: 2, correct: 0, wrong: 0, flaggedRight: 1, flaggedWrong: 1 });
  });

  it("counts a value offered on a field no document states as invented when it is not what was meant", () => {
    const tally = emptyTally();
    tallyField(tally, truth({ fillable: false, expected: undefined }), { status: "filled", value: "x" }, "y");
    tallyField(tally, truth({ fillable: false, expected: undefined }), { status: "filled", value: "y" }, "y");
    expect(tally).toMatchObject({ invented: 1, fillable: 0 });
  });
});
