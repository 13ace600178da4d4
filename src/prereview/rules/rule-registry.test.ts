import { describe, expect, it } from "vitest";
import { FindingSchema } from "../types.js";
import { ruleLabel } from "./built-in-rules.js";
import { BUILT_IN_RULES, RuleIdSchema, ruleTraits } from "./rule-registry.js";

describe("RuleIdSchema", () => {
  it("accepts every built-in rule and rules declared as consistency.<name> or eligibility.<name>", () => {
    for (const ruleId of Object.keys(BUILT_IN_RULES)) expect(RuleIdSchema.safeParse(ruleId).success).toBe(true);
    expect(RuleIdSchema.safeParse("consistency.mother_name").success).toBe(true);
    expect(RuleIdSchema.safeParse("eligibility.child_age").success).toBe(true);
  });

  it("refuses a rule id no rule has, so a report cannot carry one", () => {
    for (const ruleId of ["quality.blurry", "consistency.Mother-Name", "validity.", "eligibility"])
      expect(RuleIdSchema.safeParse(ruleId).success).toBe(false);
    const finding = { id: "F1", severity: "error", message: "", detail: "", evidence: [] };
    expect(FindingSchema.safeParse({ ...finding, ruleId: "document.wrong_type" }).success).toBe(true);
    expect(FindingSchema.safeParse({ ...finding, ruleId: "document.wrong" }).success).toBe(false);
  });
});

describe("ruleTraits", () => {
  it("gives a declared rule the traits of its kind", () => {
    expect(ruleTraits("consistency.name").reread).toBe(true);
    expect(ruleTraits("eligibility.retirement_age").humanJudgement).toBe(true);
    expect(ruleTraits("eligibility.retirement_age").reread).toBeUndefined();
  });

  it("reads again only the evidence of findings that rest on OCR readings", () => {
    const reread = Object.keys(BUILT_IN_RULES).filter(
      (ruleId) => ruleTraits(ruleId as keyof typeof BUILT_IN_RULES).reread,
    );
    expect(reread.sort()).toEqual([
      "consistency.unverified",
      "quality.field_unread",
      "validity.credit_code",
      "validity.id_birth_mismatch",
      "validity.id_check_digit",
      "validity.id_sex_mismatch",
    ]);
  });

  it("names every built-in rule in Chinese for the clerk", () => {
    for (const traits of Object.values(BUILT_IN_RULES)) expect(traits.label).toMatch(/^[\u4e00-\u9fff]/);
  });
});

describe("ruleLabel", () => {
  it("names any stored rule code in Chinese as findings' ruleLabel does, and keeps a code it does not know", () => {
    for (const ruleId of Object.keys(BUILT_IN_RULES) as (keyof typeof BUILT_IN_RULES)[])
      expect(ruleLabel(ruleId)).toBe(ruleTraits(ruleId).label);
    expect(ruleLabel("consistency.mother_name")).toBe(ruleTraits("consistency.mother_name").label);
    expect(ruleLabel("eligibility.child_age")).toBe(ruleTraits("eligibility.child_age").label);
    expect(ruleLabel("identity.name_mismatch")).toBe("identity.name_mismatch");
  });
});
