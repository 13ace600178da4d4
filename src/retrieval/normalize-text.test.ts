import { describe, expect, it } from "vitest";
import { foldWidth, normalizeText } from "./normalize-text.js";

describe("normalizeText", () => {
  it("converts traditional characters to simplified", () => {
    expect(normalizeText("寶寶剛出生要辦哪些手續")).toBe("宝宝刚出生要办哪些手续");
    expect(normalizeText("營業執照、社會保障卡")).toBe("营业执照、社会保障卡");
  });

  it("leaves simplified text unchanged", () => {
    expect(normalizeText("开办餐饮店需要什么材料")).toBe("开办餐饮店需要什么材料");
  });

  it("folds full-width letters, digits and spaces and lower-cases", () => {
    expect(foldWidth("ＡＢＣ１２３　ｘ")).toBe("ABC123 x");
    expect(normalizeText("  ＩＤ　 号码  12345 ")).toBe("id 号码 12345");
  });
});
