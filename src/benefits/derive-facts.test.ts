import { describe, expect, it } from "vitest";
import { deriveFacts } from "./derive-facts.js";
import { resolveProfile } from "./resolve-profile.js";

describe("deriveFacts: retired (离休、退休), which is not reachedRetirementAge", () => {
  it("takes 已退休 as retired, and 失业 or 在校学生 as not retired", () => {
    expect(deriveFacts({ employmentStatus: "retired" }).retired).toBe(true);
    expect(deriveFacts({ employmentStatus: "unemployed" }).retired).toBe(false);
    expect(deriveFacts({ employmentStatus: "student" }).retired).toBe(false);
  });

  it("leaves a worker past the statutory age undecided (a retiree may be re-employed, 返聘)", () => {
    expect(deriveFacts({ employmentStatus: "employed", reachedRetirementAge: true }).retired).toBeUndefined();
    expect(deriveFacts({ employmentStatus: "flexible", reachedRetirementAge: true }).retired).toBeUndefined();
    expect(deriveFacts({ reachedRetirementAge: true }).retired).toBeUndefined();
  });

  it("takes a worker short of the statutory age as not retired", () => {
    expect(deriveFacts({ employmentStatus: "employed", reachedRetirementAge: false }).retired).toBe(false);
    expect(deriveFacts({ employmentStatus: "flexible", reachedRetirementAge: false }).retired).toBe(false);
  });

  it("takes drawing no pension as not retired short of the age or with the minimum 15 years, not otherwise", () => {
    expect(deriveFacts({ receivingPension: false, reachedRetirementAge: false }).retired).toBe(false);
    expect(deriveFacts({ receivingPension: false, pensionContributionYears: 30 }).retired).toBe(false);
    // Past the age with fewer years, a person may have left work without a pension: undecided.
    const short = { receivingPension: false, reachedRetirementAge: true, pensionContributionYears: 8 } as const;
    expect(deriveFacts(short).retired).toBeUndefined();
    // Drawing a pension is not read as retired: the resident scheme pays one to people who never retire.
    expect(deriveFacts({ receivingPension: true }).retired).toBeUndefined();
  });

  it("never overrides a stated fact", () => {
    expect(deriveFacts({ retired: true, receivingPension: false, reachedRetirementAge: false }).retired).toBe(true);
    expect(deriveFacts({ retired: false, employmentStatus: "employed" }).retired).toBe(false);
  });

  it("makes 已退休 together with 未办理退休手续 a contradiction", () => {
    const resolved = resolveProfile({ employmentStatus: "retired", retired: false }, "2026-12-04");
    expect(resolved.status).toBe("contradictory");
  });
});
