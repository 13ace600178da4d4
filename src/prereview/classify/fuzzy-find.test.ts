import { describe, expect, it } from "vitest";
import { compactText } from "./compact-text.js";
import { editDistance, fuzzyFind, fuzzyFindAll } from "./fuzzy-find.js";

describe("fuzzyFindAll", () => {
  it("finds exact occurrences first", () => {
    expect(fuzzyFindAll("公民身份号码110", "公民身份号码")).toEqual([{ start: 0, end: 6, distance: 0 }]);
  });

  it("finds a label with one character changed, dropped or swapped", () => {
    expect(fuzzyFindAll("公民身份号玛1", "公民身份号码")[0]).toMatchObject({ start: 0, distance: 1 });
    expect(fuzzyFindAll("公民身号码1", "公民身份号码")[0]).toMatchObject({ start: 0, end: 5, distance: 1 });
    expect(fuzzyFindAll("签机发关北京", "签发机关")[0]).toMatchObject({ start: 0, end: 4, distance: 1 });
  });

  it("does not let a three-character label lose a character", () => {
    expect(fuzzyFindAll("出生1990", "出生地")).toEqual([]);
    expect(fuzzyFindAll("出土地", "出生地")[0]?.distance).toBe(1);
  });

  it("matches two-character labels exactly only", () => {
    expect(fuzzyFindAll("娃名张三", "姓名")).toEqual([]);
  });

  it("counts edits with swaps as one", () => {
    expect(editDistance("签机发关", "签发机关")).toBe(1);
    expect(editDistance("abc", "abc")).toBe(0);
  });

  it("prefers the closest of several patterns", () => {
    expect(fuzzyFind("户主姓名王", ["姓名", "户主姓名"])?.pattern).toBe("户主姓名");
  });
});

describe("compactText", () => {
  it("removes spaces and folds full-width forms", () => {
    expect(compactText("姓 名：张　三（男）")).toBe("姓名:张三(男)");
  });
});
