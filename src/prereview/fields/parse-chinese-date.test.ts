import { describe, expect, it } from "vitest";
import { findChineseDates, parseChineseDate, parseChineseYearMonth, repairDigits } from "./parse-chinese-date.js";

describe("parseChineseDate", () => {
  it.each([
    ["1990年3月7日", "1990-03-07"],
    ["1990 年 03 月 07 日", "1990-03-07"],
    ["1990.03.07", "1990-03-07"],
    ["1990-3-7", "1990-03-07"],
    ["1990/03/07", "1990-03-07"],
    ["19900307", "1990-03-07"],
    ["2026年03月05日08时20分", "2026-03-05"],
    ["出生l99O年3月7日", "1990-03-07"],
    ["2O21年1O月Ol日", "2021-10-01"],
    ["二〇二〇年五月二十日", "2020-05-20"],
    ["二〇一九年十二月三日", "2019-12-03"],
    ["２０２０年５月２０日", "2020-05-20"],
  ])("reads %s", (text, expected) => {
    expect(parseChineseDate(text)).toBe(expected);
  });

  it.each([["2021年2月30日"], ["1990年13月1日"], ["110108199003071238"], ["张伟"], [""], ["1890年1月1日"]])(
    "finds no real date in %s",
    (text) => {
      expect(parseChineseDate(text)).toBeUndefined();
    },
  );

  it("finds both dates of a range", () => {
    expect(findChineseDates("2016.05.12-2036.05.12").map((date) => date.value)).toEqual(["2016-05-12", "2036-05-12"]);
  });

  it("reads a month without a day only when asked to", () => {
    expect(parseChineseDate("2019年05月")).toBeUndefined();
    expect(parseChineseYearMonth("2019年05月")).toBe("2019-05");
    expect(parseChineseYearMonth("2O21年1月")).toBe("2021-01");
  });
});

describe("repairDigits", () => {
  it("replaces confusions inside numeric runs only", () => {
    expect(repairDigits("l99O年")).toBe("1990年");
    expect(repairDigits("Sols")).toBe("Sols");
    expect(repairDigits("ABC 12")).toBe("ABC 12");
  });
});
