import { describe, expect, it } from "vitest";
import { statutoryRetirementAge } from "./statutory-retirement-age.js";
import { validateCreditCode } from "./validate-credit-code.js";
import { idNumberCheckCharacter, validateIdNumber } from "./validate-id-number.js";

describe("validateIdNumber (GB 11643)", () => {
  it("accepts the standard's worked example and reads birth date and sex", () => {
    expect(validateIdNumber("11010519491231002X")).toEqual({
      valid: true,
      birthDate: "1949-12-31",
      sex: "female",
      expectedCheck: "X",
    });
  });

  it("rejects a wrong check digit and says which one is expected", () => {
    expect(validateIdNumber("110105194912310021")).toMatchObject({
      valid: false,
      problem: "check_digit",
      expectedCheck: "X",
    });
  });

  it("rejects impossible or future birth dates and malformed input", () => {
    const body = "11010519490230002"; // 30 February
    expect(validateIdNumber(body + idNumberCheckCharacter(body))).toMatchObject({ problem: "birth_date" });
    const future = "11010520990101002";
    expect(validateIdNumber(future + idNumberCheckCharacter(future), new Date("2026-11-22"))).toMatchObject({
      problem: "birth_date",
    });
    expect(validateIdNumber("1101051949")).toMatchObject({ problem: "format" });
  });
});

describe("validateCreditCode (GB 32100)", () => {
  it.each(["91350100M000100Y43", "91110000802100433B"])("accepts %s", (code) => {
    expect(validateCreditCode(code).valid).toBe(true);
  });

  it("rejects a wrong check character and letters outside the alphabet", () => {
    expect(validateCreditCode("91350100M000100Y44")).toMatchObject({
      valid: false,
      problem: "check_character",
      expectedCheck: "3",
    });
    expect(validateCreditCode("91350100M000100O43")).toMatchObject({ problem: "format" });
  });
});

describe("statutoryRetirementAge (2025 reform)", () => {
  it("keeps the original ages before the first affected birth month", () => {
    expect(statutoryRetirementAge("male", "1964-12")).toMatchObject({ years: 60, extraMonths: 0 });
    expect(statutoryRetirementAge("female_worker", "1974-12")).toMatchObject({ years: 50, extraMonths: 0 });
  });

  it("adds one month per step of birth months and caps the delay", () => {
    expect(statutoryRetirementAge("male", "1965-01")).toMatchObject({
      years: 60,
      extraMonths: 1,
      reachedIn: "2025-02",
    });
    expect(statutoryRetirementAge("male", "1965-05")).toMatchObject({ years: 60, extraMonths: 2 });
    expect(statutoryRetirementAge("male", "1976-09")).toMatchObject({ years: 63, extraMonths: 0 });
    expect(statutoryRetirementAge("female_cadre", "1981-09")).toMatchObject({ years: 58, extraMonths: 0 });
    expect(statutoryRetirementAge("female_worker", "1975-03")).toMatchObject({ years: 50, extraMonths: 2 });
    expect(statutoryRetirementAge("female_worker", "1984-11")).toMatchObject({ years: 55, extraMonths: 0 });
  });
});
