import { describe, expect, it } from "vitest";
import { validateCreditCode, validateIdNumber } from "../../../src/prereview/index.js";
import { addYears, ageOn } from "./dates.js";
import { passesLuhn } from "../../../src/prereview/fields/index.js";
import { generateBankCard, generateCompany, withWrongCreditCheckCharacter } from "./generate-entity.js";
import { generatePerson, mistypeName, validityYears, withWrongCheckCharacter } from "./generate-person.js";
import { createRandom } from "./random.js";

const people = Array.from({ length: 200 }, (_, index) =>
  generatePerson(createRandom(index + 1), { referenceDate: "2026-03-16", bornBetween: ["1955-01-01", "2004-12-31"] }),
);

describe("generatePerson", () => {
  it("gives valid ID numbers whose birth date and sex digit match the person", () => {
    for (const person of people) {
      const check = validateIdNumber(person.idNumber, new Date("2026-12-31"));
      expect(check.valid, person.idNumber).toBe(true);
      expect(check.birthDate).toBe(person.birthDate);
      expect(check.sex).toBe(person.sex === "男" ? "male" : "female");
      expect(person.idNumber.slice(0, 6)).toBe(person.region.code);
    }
  });

  it("issues ID cards valid on the reference date, their length following the age at issue", () => {
    for (const { birthDate, idCard } of people) {
      const years = validityYears(ageOn(birthDate, idCard.validFrom));
      expect(idCard.validUntil).toBe(years === "长期" ? "长期" : addYears(idCard.validFrom, years));
      if (idCard.validUntil !== "长期") expect(idCard.validUntil > "2026-03-16").toBe(true);
      expect(idCard.validFrom <= "2026-03-16").toBe(true);
    }
  });

  it("issues expired cards that ran out before the reference date and still follow the age rule", () => {
    for (let seed = 1; seed <= 100; seed++) {
      const person = generatePerson(createRandom(seed), {
        referenceDate: "2026-03-16",
        bornBetween: ["1960-01-01", "2000-12-31"],
        expiredIdCard: true,
      });
      expect(person.idCard.validUntil < "2026-03-16", JSON.stringify(person.idCard)).toBe(true);
    }
  });

  it("plants a wrong check character that the validator rejects", () => {
    for (const person of people.slice(0, 50)) {
      const wrong = withWrongCheckCharacter(createRandom(7), person.idNumber);
      expect(wrong.slice(0, 17)).toBe(person.idNumber.slice(0, 17));
      expect(validateIdNumber(wrong, new Date("2026-12-31")).problem).toBe("check_digit");
    }
  });

  it("mistypes a name by one given-name character", () => {
    for (const person of people.slice(0, 50)) {
      const typo = mistypeName(createRandom(3), person.name);
      expect(typo).not.toBe(person.name);
      expect(typo[0]).toBe(person.name[0]);
      expect([...typo].length).toBe([...person.name].length);
    }
  });
});

describe("generateCompany and cards", () => {
  it("gives valid credit codes, and a planted wrong check character is rejected", () => {
    for (let seed = 1; seed <= 100; seed++) {
      const company = generateCompany(createRandom(seed));
      expect(validateCreditCode(company.creditCode).valid, company.creditCode).toBe(true);
      expect(company.companyName).toMatch(/有限公司$/);
      const wrong = withWrongCreditCheckCharacter(createRandom(seed), company.creditCode);
      expect(validateCreditCode(wrong).problem).toBe("check_character");
    }
  });

  it("gives bank card numbers of 16–19 digits with a valid Luhn digit", () => {
    for (let seed = 1; seed <= 100; seed++) {
      const card = generateBankCard(createRandom(seed));
      expect(card.cardNumber).toMatch(/^\d{16,19}$/);
      expect(passesLuhn(card.cardNumber)).toBe(true);
    }
  });
});
