import { describe, expect, it } from "vitest";
import { normalizeName } from "./normalize-values.js";

describe("normalizeName", () => {
  it("keeps the Chinese characters of a name, marks and spaces dropped", () => {
    expect(normalizeName(" “王 建国 ")).toBe("王建国");
    expect(normalizeName("阿依古丽・买买提")).toBe("阿依古丽·买买提");
  });

  it("reads 丁 for the 了丁 tesseract makes of a leading 丁", () => {
    expect(["”了丁超华", "|了丁莉悦", "。 了丁涛博"].map(normalizeName)).toEqual(["丁超华", "丁莉悦", "丁涛博"]);
    expect(normalizeName("丁了")).toBe("丁了");
  });
});
