import { describe, expect, it } from "vitest";
import { ProfileSchema } from "./profile.js";
import { resolveProfile, yearsBetween } from "./resolve-profile.js";

const resolve = (input: unknown, asOf = "2026-12-04") => resolveProfile(ProfileSchema.parse(input), asOf);

describe("resolveProfile", () => {
  it("derives ages from birth dates, counting a birthday only once it has passed", () => {
    expect(yearsBetween("2024-12-05", "2026-12-04")).toBe(1);
    expect(yearsBetween("2024-12-04", "2026-12-04")).toBe(2);
    expect(resolve({ birthDate: "1990-03-01", youngestChildBirthDate: "2025-06-01" })).toEqual({
      status: "resolved",
      subject: "individual",
      // 36 is below every category's statutory age (the earliest is a female worker's 50), sex unknown or not
      facts: { age: 36, youngestChildAge: 1, reachedRetirementAge: false },
    });
  });

  it("works out whether a man has reached the statutory retirement age after the 2025 reform", () => {
    // born 1965-06: 60 years + 2 months → reached 2025-08
    const reached = resolve({ birthDate: "1965-06-10", sex: "male" }, "2025-08-01");
    const notYet = resolve({ birthDate: "1965-06-10", sex: "male" }, "2025-07-31");
    expect(reached.status === "resolved" && reached.facts.reachedRetirementAge).toBe(true);
    expect(notYet.status === "resolved" && notYet.facts.reachedRetirementAge).toBe(false);
  });

  it("leaves a woman's retirement undecided between the worker and cadre ages unless her category is given", () => {
    const undecided = resolve({ birthDate: "1972-01-01", sex: "female" }, "2026-12-04");
    expect(undecided.status === "resolved" && undecided.facts.reachedRetirementAge).toBeUndefined();
    const worker = resolve({ birthDate: "1972-01-01", sex: "female", retirementCategory: "female_worker" });
    expect(worker.status === "resolved" && worker.facts.reachedRetirementAge).toBe(true);
  });

  it("decides retirement without the sex when every category agrees, and only then", () => {
    const reachedBy = (birthDate: string) => {
      const result = resolve({ birthDate });
      return result.status === "resolved" ? result.facts.reachedRetirementAge : "contradictory";
    };
    expect(reachedBy("1958-07-21")).toBe(true); // 68: past a man's 60 (born before 1965, no delay)
    expect(reachedBy("1990-02-14")).toBe(false); // 36: short of a female worker's 50
    expect(reachedBy("1966-12-04")).toBeUndefined(); // 60: past any woman's age, short of a man's 60 years 6 months
  });

  it("a person with no child has no child in school", () => {
    const result = resolve({ childCount: 0 });
    expect(result.status === "resolved" && result.facts.childInSchool).toBe(false);
  });

  it("reports a disability category for someone of grade 0 (not disabled) as a contradiction", () => {
    expect(resolve({ disabilityGrade: 0, disabilityCategory: "mental" })).toMatchObject({ status: "contradictory" });
  });

  it("reports a child born before the parent as a contradiction", () => {
    expect(resolve({ birthDate: "2000-01-01", youngestChildBirthDate: "1999-01-01" })).toEqual({
      status: "contradictory",
      problems: expect.arrayContaining(["子女出生日期早于或等于本人出生日期"]),
    });
  });

  it("reports a stated age that disagrees with the birth date, and dates in the future", () => {
    const result = resolve({ birthDate: "1990-03-01", age: 20 });
    expect(result.status).toBe("contradictory");
    expect(resolve({ youngestChildBirthDate: "2027-01-01" })).toMatchObject({ status: "contradictory" });
  });

  it("rejects unknown fields and values of the wrong type by name", () => {
    const result = ProfileSchema.safeParse({ age: "old", favouriteColour: "blue" });
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((issue) => `${issue.path.join(".")}:${issue.code}`) ?? [];
    expect(messages).toEqual(expect.arrayContaining(["age:invalid_type", ":unrecognized_keys"]));
  });
});
