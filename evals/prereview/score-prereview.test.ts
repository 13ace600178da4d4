import { describe, expect, it } from "vitest";
import { editDistance } from "../../src/prereview/classify/index.js";
import { matchFindings, scoreDefects, substringEditDistance } from "./score-prereview.js";

describe("matchFindings", () => {
  it("matches by rule and, when the defect names one, by material", () => {
    const { matched, missed, extra } = matchFindings(
      [{ ruleId: "completeness.missing", materialId: "a" }, { ruleId: "eligibility.child_age" }],
      [
        { ruleId: "completeness.missing", severity: "error", materialId: "b" },
        { ruleId: "eligibility.child_age", severity: "error" },
        { ruleId: "document.not_needed", severity: "info" },
      ],
    );
    expect(matched).toEqual([{ ruleId: "eligibility.child_age" }]);
    expect(missed).toEqual([{ ruleId: "completeness.missing", materialId: "a" }]);
    expect(extra).toEqual([{ ruleId: "completeness.missing", severity: "error", materialId: "b" }]);
  });

  it("uses each finding for one defect only", () => {
    const { matched, missed } = matchFindings(
      [{ ruleId: "consistency.name" }, { ruleId: "consistency.name" }],
      [{ ruleId: "consistency.name", severity: "error" }],
    );
    expect(matched).toHaveLength(1);
    expect(missed).toHaveLength(1);
  });
});

describe("scoreDefects", () => {
  it("computes micro precision and recall, per rule and verdict accuracy", () => {
    const scores = scoreDefects([
      {
        caseId: "1",
        expectedVerdict: "needs_correction",
        verdict: "needs_correction",
        expected: [{ ruleId: "validity.expired" }],
        findings: [
          { ruleId: "validity.expired", severity: "error" },
          { ruleId: "quality.field_unread", severity: "warning" },
        ],
      },
      { caseId: "2", expectedVerdict: "pass", verdict: "needs_human", expected: [{ ruleId: "x.y" }], findings: [] },
    ]);
    expect(scores.precision).toBe(0.5);
    expect(scores.recall).toBe(0.5);
    expect(scores.verdictAccuracy).toBe(0.5);
    expect(scores.perRule.find((rule) => rule.ruleId === "quality.field_unread")).toMatchObject({
      falsePositives: 1,
      precision: 0,
    });
  });
});

describe("edit distances", () => {
  it("counts edits, and finds a value printed inside a longer line", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(substringEditDistance("张三", "姓名张三性别男")).toBe(0);
    expect(substringEditDistance("11010519491231002X", "公民身份号码 110105I9491231002X")).toBe(1);
  });
});
