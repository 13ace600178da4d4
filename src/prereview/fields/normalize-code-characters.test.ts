import { describe, expect, it } from "vitest";
import { validateCreditCode } from "../validate-credit-code.js";
import {
  idNumberQuality,
  normalizeCreditCode,
  normalizeDigits,
  normalizeIdNumber,
  passesLuhn,
} from "./normalize-code-characters.js";

describe("normalizeIdNumber", () => {
  it("replaces letters OCR reads for digits", () => {
    expect(normalizeIdNumber("44Ol0619880512OO29")).toEqual({ value: "440106198805120029", changed: true, fits: true });
    expect(normalizeIdNumber("32O582l9650B2O45I9").value).toBe("320582196508204519");
    expect(normalizeIdNumber("1101 0519 4912 3100 2x")).toEqual({
      value: "11010519491231002X",
      changed: false,
      fits: true,
    });
  });

  it("reads × as X in the last position only", () => {
    expect(normalizeIdNumber("11010519491231002×").value).toBe("11010519491231002X");
  });

  it("never fixes the length or the check digit", () => {
    expect(normalizeIdNumber("1101051949123100").fits).toBe(false);
    const wrongCheck = normalizeIdNumber("110105194912310021");
    expect(wrongCheck).toMatchObject({ value: "110105194912310021", fits: true });
    expect(idNumberQuality(wrongCheck).note).toBe("fits");
  });
});

describe("normalizeCreditCode", () => {
  it("turns letters in the division code into digits and I O S V Z into their look-alikes", () => {
    expect(normalizeCreditCode("9I32O582MA1N2P3Q4G")).toMatchObject({ value: "91320582MA1N2P3Q4G", fits: true });
    expect(normalizeCreditCode("91350100MOOO1OOY43")).toMatchObject({ value: "91350100M000100Y43", fits: true });
    expect(validateCreditCode("91350100M000100Y43").valid).toBe(true);
  });

  it("keeps letters the alphabet has in the organisation code, lower-case l as L", () => {
    expect(normalizeCreditCode("9i620l02MA7XK3P2l").value).toBe("91620102MA7XK3P2L");
  });

  it("does not turn a wrong check character into a right one", () => {
    const code = normalizeCreditCode("91350100M000100Y44");
    expect(code).toMatchObject({ value: "91350100M000100Y44", changed: false, fits: true });
    expect(validateCreditCode(code.value).valid).toBe(false);
  });

  it("reports a code of the wrong length as not fitting", () => {
    expect(normalizeCreditCode("9i620l02MATXiap2l").fits).toBe(false);
  });
});

describe("normalizeDigits and passesLuhn", () => {
  it("reads a card number printed in groups", () => {
    expect(normalizeDigits("62l7 OO12 3456 7893").value).toBe("6217001234567893");
    expect(passesLuhn("6217001234567893")).toBe(true);
    expect(passesLuhn("6217001234567894")).toBe(false);
  });
});
