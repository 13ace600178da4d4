import { describe, expect, it } from "vitest";
import { idNumberFor } from "../rules/__fixtures__/case-builder.js";
import { DERIVATION_RULES, type DerivationInput, JOB_POSITION_SCENARIO } from "./derivation-rules.js";

const rule = (id: string) => {
  const found = DERIVATION_RULES.find((item) => item.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
};
const input = (values: Record<string, string>, scenario: Record<string, string> = {}): DerivationInput => ({
  values,
  scenario,
  referenceDate: "2026-06-01",
});

describe("sex_from_id_number", () => {
  it("reads men from an odd 17th digit and women from an even one", () => {
    expect(rule("sex_from_id_number").derive(input({ idNumber: idNumberFor("1965-02-10", "男") }))).toEqual({
      status: "derived",
      value: "男",
    });
    expect(rule("sex_from_id_number").derive(input({ idNumber: idNumberFor("1972-11-03", "女") }))).toEqual({
      status: "derived",
      value: "女",
    });
  });

  it("derives nothing from an ID number with a wrong check character", () => {
    const valid = idNumberFor("1965-02-10", "男");
    const wrong = valid.slice(0, 17) + (valid[17] === "1" ? "2" : "1");
    expect(rule("sex_from_id_number").derive(input({ idNumber: wrong })).status).toBe("none");
  });
});

describe("birth_date_from_id_number", () => {
  it("takes digits 7–14 as the birth date", () => {
    expect(rule("birth_date_from_id_number").derive(input({ idNumber: idNumberFor("1965-02-10", "男") }))).toEqual({
      status: "derived",
      value: "1965-02-10",
    });
  });

  it("derives nothing without an ID number", () => {
    expect(rule("birth_date_from_id_number").derive(input({})).status).toBe("none");
  });
});

describe("retirement_category_from_sex_and_job", () => {
  const derive = rule("retirement_category_from_sex_and_job").derive;

  it("gives men the one male category whatever the job", () => {
    expect(derive(input({ sex: "男" }))).toEqual({ status: "derived", value: "male" });
  });

  it("gives women the category of their post", () => {
    expect(derive(input({ sex: "女" }, { [JOB_POSITION_SCENARIO]: "cadre" }))).toEqual({
      status: "derived",
      value: "female_cadre",
    });
    expect(derive(input({ sex: "女" }, { [JOB_POSITION_SCENARIO]: "worker" }))).toEqual({
      status: "derived",
      value: "female_worker",
    });
  });

  it("asks a woman for her post when no answer says it", () => {
    const result = derive(input({ sex: "女" }));
    expect(result.status).toBe("missing");
    expect(result.status === "missing" && result.note).toContain("岗位");
  });
});

describe("child_age_from_birth_date", () => {
  const derive = rule("child_age_from_birth_date").derive;

  it("counts whole months to the reference date", () => {
    expect(derive(input({ childBirthDate: "2025-12-15" }))).toEqual({ status: "derived", value: "5" });
    expect(derive(input({ childBirthDate: "2025-06-01" }))).toEqual({ status: "derived", value: "12" });
  });

  it("derives no age for a birth after the reference date", () => {
    expect(derive(input({ childBirthDate: "2026-07-01" })).status).toBe("none");
  });
});
