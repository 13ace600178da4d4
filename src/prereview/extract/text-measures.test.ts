import { describe, expect, it } from "vitest";
import { measureInk } from "./measure-ink.js";
import { countMeaningfulCharacters, isGarbledText, meaningfulLines } from "./text-measures.js";

describe("countMeaningfulCharacters", () => {
  it("counts Han characters, letters and digits but not punctuation or spaces", () => {
    expect(countMeaningfulCharacters("姓名：张三 No.12 ——")).toBe(8);
  });
});

describe("isGarbledText", () => {
  it("spots text layers made of private-use glyphs or control characters", () => {
    expect(isGarbledText("\ue001\ue002\ue003 \ue004")).toBe(true);
    expect(isGarbledText("\u0001\u0002\u0003")).toBe(true);
    expect(isGarbledText("申请人姓名：张三")).toBe(false);
    expect(isGarbledText("")).toBe(false);
  });
});

describe("meaningfulLines", () => {
  it("folds lines and drops those without letters or digits", () => {
    expect(meaningfulLines(["| | —", "出 生 1990 年", ""])).toEqual(["出生1990年"]);
  });
});

describe("measureInk", () => {
  const layout = { width: 100, height: 100, stride: 100, channels: 1 };

  it("is 0 for a uniform page and grows with dark marks", () => {
    const page = new Uint8Array(100 * 100).fill(250);
    expect(measureInk(page, layout)).toBe(0);
    for (let y = 0; y < 30; y++) for (let x = 0; x < 30; x++) page[y * 100 + x] = 10;
    expect(measureInk(page, layout)).toBeCloseTo(0.09, 1);
  });

  it("ignores mild scanner noise", () => {
    const page = new Uint8Array(100 * 100).map((_, index) => 230 + ((index * 31) % 20));
    expect(measureInk(page, layout)).toBe(0);
  });
});
