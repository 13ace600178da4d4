import { beforeAll, describe, expect, it } from "vitest";
import { type Benefit, loadBenefits, loadCatalog } from "../catalog/index.js";
import { KNOWLEDGE_DIR } from "../test-support/shared-index.js";
import { formatReason, matchBenefits } from "./match-benefits.js";
import type { Facts } from "./profile.js";

let benefits: Map<string, Benefit>;
beforeAll(async () => {
  const catalog = await loadCatalog({ directory: KNOWLEDGE_DIR });
  benefits = await loadBenefits({ directory: KNOWLEDGE_DIR, catalog });
});

const ASOF = "2026-12-04";
const match = (facts: Facts, subject?: "individual" | "enterprise", asOf = ASOF) =>
  matchBenefits({ benefits: benefits.values(), facts, subject, asOf });
const decisionOf = (facts: Facts, id: string, asOf = ASOF) =>
  match(facts, undefined, asOf).matches.find((entry) => entry.benefitId === id);

describe("matchBenefits", () => {
  it("finds the childcare subsidy for a family with a one-year-old, with the source clause as the reason", () => {
    const result = decisionOf({ youngestChildAge: 1 }, "childcare-subsidy");
    expect(result?.decision).toBe("eligible");
    expect(result?.reasons[0]).toMatchObject({ status: "met", condition: "婴幼儿未满3周岁" });
    expect(result?.reasons[0]?.basis).toContain("3周岁以下婴幼儿");
    expect(result?.claim.bundleId).toBe("newborn");
  });

  it("declares a child of three not eligible and names the failing condition", () => {
    const result = decisionOf({ youngestChildAge: 3 }, "childcare-subsidy");
    expect(result?.decision).toBe("ineligible");
    expect(result?.reasons.map(formatReason)[0]).toMatch(/^不符合：婴幼儿未满3周岁（依据《育儿补贴制度实施方案》：/);
  });

  it("says 'possibly eligible' for the maternity allowance and asks only for what is still unknown", () => {
    const result = decisionOf({ sex: "female", youngestChildAge: 0 }, "maternity-allowance");
    expect(result?.decision).toBe("possible");
    expect(result?.missingFacts.map((fact) => fact.fact)).toEqual(["employeeInsured"]);
    expect(result?.missingFacts[0]?.question).toMatch(/职工社会保险/);
  });

  it("never declares eligible when one stated condition fails, even if others are unknown", () => {
    const result = decisionOf({ employeeInsured: false }, "maternity-allowance");
    expect(result?.decision).toBe("ineligible");
    expect(result?.missingFacts).toEqual([]);
  });

  it("reads the maternity allowance's leaves as alternatives: childbirth leave, or leave for a miscarriage or family-planning surgery (either sex)", () => {
    const mother = decisionOf({ employeeInsured: true, sex: "female", youngestChildAge: 0 }, "maternity-allowance");
    expect(mother?.decision).toBe("eligible");
    // A man cannot take childbirth leave, but （二） 计划生育手术休假 is open to any 职工: asked, not refused.
    const father = decisionOf({ employeeInsured: true, sex: "male", youngestChildAge: 0 }, "maternity-allowance");
    expect(father?.decision).toBe("possible");
    expect(father?.missingFacts.map((fact) => fact.fact)).toEqual(["familyPlanningLeave"]);
    const olderChild = decisionOf({ employeeInsured: true, sex: "female", youngestChildAge: 2 }, "maternity-allowance");
    expect(olderChild?.decision).toBe("possible");
    expect(olderChild?.missingFacts.map((fact) => fact.fact)).toEqual(["familyPlanningLeave"]);
    expect(
      decisionOf({ employeeInsured: true, sex: "male", familyPlanningLeave: true }, "maternity-allowance")?.decision,
    ).toBe("eligible");
    expect(
      decisionOf({ employeeInsured: true, sex: "male", familyPlanningLeave: false }, "maternity-allowance")?.decision,
    ).toBe("ineligible");
  });

  it("tests having retired, not the age: a worker past it may be re-employed and is asked, one short of it is not retired", () => {
    const pastAge = decisionOf(
      { onlyChildParent: true, employmentStatus: "employed", reachedRetirementAge: true },
      "only-child-parent-reward",
    );
    expect(pastAge?.decision).toBe("possible");
    expect(pastAge?.missingFacts.map((fact) => fact.fact)).toEqual(["retired"]);
    const shortOfAge = { housingFundAccount: true, employmentStatus: "employed", reachedRetirementAge: false } as const;
    expect(decisionOf(shortOfAge, "housing-fund-retirement-withdrawal")?.decision).toBe("ineligible");
  });

  it("grants the severe-disability nursing subsidy for grade 2 with long-term care, not for grade 3", () => {
    expect(
      decisionOf({ disabilityGrade: 2, needsLongTermCare: true }, "severe-disability-nursing-subsidy")?.decision,
    ).toBe("eligible");
    expect(
      decisionOf({ disabilityGrade: 3, needsLongTermCare: true }, "severe-disability-nursing-subsidy")?.decision,
    ).toBe("ineligible");
  });

  it("marks the only-child parent reward as 免申即享 for a retired parent", () => {
    const result = decisionOf({ onlyChildParent: true, employmentStatus: "retired" }, "only-child-parent-reward");
    expect(result).toMatchObject({ decision: "eligible", claim: { mode: "automatic" } });
  });

  it("checks all three conditions of a small low-profit enterprise", () => {
    const small = { enterpriseType: "company", annualTaxableIncome: 120, employees: 40, totalAssets: 800 } as const;
    expect(decisionOf(small, "small-low-profit-income-tax")?.decision).toBe("eligible");
    const big = decisionOf({ ...small, employees: 301 }, "small-low-profit-income-tax");
    expect(big?.decision).toBe("ineligible");
    expect(big?.reasons.filter((reason) => reason.status === "failed").map((reason) => reason.fact)).toEqual([
      "employees",
    ]);
  });

  it("treats a policy past its end date as not applicable, whatever the facts", () => {
    const facts = { vatTaxpayerType: "small_scale", monthlySales: 5 } as const;
    expect(decisionOf(facts, "small-scale-vat-exemption")?.decision).toBe("eligible");
    const later = decisionOf(facts, "small-scale-vat-exemption", "2028-01-01");
    expect(later?.decision).toBe("ineligible");
    expect(later?.reasons[0]?.status).toBe("expired");
  });

  it("keeps to the subject asked for and orders eligible, possible, ineligible", () => {
    const result = match({ youngestChildAge: 1, paysIncomeTax: true }, "individual");
    expect(result.matches.every((entry) => entry.subject === "individual")).toBe(true);
    const order = result.matches.map((entry) => entry.decision);
    expect(order).toEqual(
      [...order].sort(
        (a, b) => ["eligible", "possible", "ineligible"].indexOf(a) - ["eligible", "possible", "ineligible"].indexOf(b),
      ),
    );
    expect(result.counts.eligible).toBeGreaterThanOrEqual(2);
    expect(result.counts.eligible + result.counts.possible + result.counts.ineligible).toBe(result.matches.length);
  });

  it("an empty profile makes nothing eligible and every benefit possible with its facts named", () => {
    const result = match({}, undefined);
    expect(result.counts.eligible).toBe(0);
    for (const entry of result.matches.filter((item) => item.decision === "possible"))
      expect(entry.missingFacts.length).toBeGreaterThan(0);
  });
});
