import { describe, expect, it } from "vitest";
import { detectScript, foldWidth, normalizeText, toTraditionalChinese } from "./normalize-text.js";

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

describe("detectScript", () => {
  it("recognises traditional writing", () => {
    expect(detectScript("寶寶出生了要辦什麼")).toBe("traditional");
    expect(detectScript("食品經營許可要什麼材料？")).toBe("traditional");
  });

  it("recognises simplified writing", () => {
    expect(detectScript("宝宝出生了要办什么")).toBe("simplified");
  });

  it("takes text with no script-specific character, or none at all, as simplified", () => {
    expect(detectScript("你好")).toBe("simplified");
    expect(detectScript("hello 12345")).toBe("simplified");
    expect(detectScript("")).toBe("simplified");
  });

  it("goes with the majority in mixed text", () => {
    expect(detectScript("寶寶出生辦證件，要带什么")).toBe("traditional");
    expect(detectScript("宝宝出生办证件，要帶什么")).toBe("simplified");
  });
});

describe("toTraditionalChinese", () => {
  it("converts simplified characters to traditional", () => {
    expect(toTraditionalChinese("办理社会保障卡需要带户口簿")).toBe("辦理社會保障卡需要帶戶口簿");
  });

  it("leaves digits, Latin letters and punctuation alone", () => {
    expect(toTraditionalChinese("拨打12345，或登录app。")).toBe("撥打12345，或登錄app。");
  });

  it("round-trips through normalizeText back to the simplified text", () => {
    const text = "新生儿出生一件事联办申请表";
    expect(normalizeText(toTraditionalChinese(text))).toBe(text);
  });
});
