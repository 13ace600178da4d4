import { describe, expect, it } from "vitest";
import { foldOcrText, toHalfWidth } from "./fold-ocr-text.js";

describe("foldOcrText", () => {
  it("removes the spaces OCR leaves between Chinese characters", () => {
    expect(foldOcrText("公民 身份 号 码")).toBe("公民身份号码");
    expect(foldOcrText("姓名 张 三")).toBe("姓名张三");
  });

  it("removes spaces between Chinese characters and digits in dates", () => {
    expect(foldOcrText("出 生 1990 年 3 月 7 日")).toBe("出生1990年3月7日");
  });

  it("removes spaces next to Chinese punctuation", () => {
    expect(foldOcrText("累计缴费二十年 ， 视同缴费 。")).toBe("累计缴费二十年，视同缴费。");
    expect(foldOcrText("（ 盖章 ）")).toBe("（盖章）");
  });

  it("keeps one space between Latin or digit tokens", () => {
    expect(foldOcrText("No.   12  ABC")).toBe("No. 12 ABC");
    expect(foldOcrText("Tel 010 12345678")).toBe("Tel 010 12345678");
    expect(foldOcrText("Name : John")).toBe("Name : John");
  });

  it("joins a Chinese label's colon to its value", () => {
    expect(foldOcrText("出生日期: 1985年07月15日")).toBe("出生日期:1985年07月15日");
    expect(foldOcrText("姓名 ： 张三")).toBe("姓名:张三");
  });

  it("turns full-width digits, letters and colons half-width but keeps Chinese punctuation", () => {
    expect(foldOcrText("统一社会信用代码：９１４４０１０６ＭＡ５９ＡＢＣＤ１Ｘ")).toBe(
      "统一社会信用代码:91440106MA59ABCD1X",
    );
    expect(foldOcrText("地址，北京市；电话（010）")).toBe("地址，北京市；电话（010）");
  });

  it("treats tabs, ideographic and no-break spaces as spaces", () => {
    expect(foldOcrText("姓名\t张三")).toBe("姓名张三");
    expect(foldOcrText("住址\u3000北京市")).toBe("住址北京市");
    expect(foldOcrText("12\u00a0AB")).toBe("12 AB");
  });

  it("trims the line and leaves an empty line empty", () => {
    expect(foldOcrText("  张三  ")).toBe("张三");
    expect(foldOcrText("   ")).toBe("");
  });

  it("drops the unpaired quotes OCR puts into wide gaps but keeps paired ones", () => {
    expect(foldOcrText("姓名 ”张三")).toBe("姓名张三");
    expect(foldOcrText("公民身份号码“ 11010119900307123X")).toBe("公民身份号码11010119900307123X");
    expect(foldOcrText("关于“一件事”的通知 ”")).toBe("关于“一件事”的通知");
  });

  it("keeps an 18-character ID number intact", () => {
    expect(foldOcrText("公民身份号码 11010119900307123X")).toBe("公民身份号码11010119900307123X");
  });
});

describe("toHalfWidth", () => {
  it("maps only digits, letters and the colon", () => {
    expect(toHalfWidth("０９ａｚＡＺ：，。")).toBe("09azAZ:，。");
  });
});
