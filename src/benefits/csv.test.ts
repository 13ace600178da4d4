import { describe, expect, it } from "vitest";
import { decodeCsv, parseCsv, toCsvLine } from "./csv.js";

describe("parseCsv", () => {
  it("reads quoted fields with commas, quotes and newlines, and reports the line each record starts on", () => {
    const text = '\ufeffid,note\r\n1,"a, ""b"""\n2,"two\nlines"\n\n3,x\n';
    expect([...parseCsv(text)]).toEqual([
      { line: 1, cells: ["id", "note"] },
      { line: 2, cells: ["1", 'a, "b"'] },
      { line: 3, cells: ["2", "two\nlines"] },
      { line: 6, cells: ["3", "x"] },
    ]);
  });

  it("keeps empty cells, including a trailing one", () => {
    expect([...parseCsv("a,,c,\n")]).toEqual([{ line: 1, cells: ["a", "", "c", ""] }]);
  });
});

describe("toCsvLine", () => {
  it("quotes what needs quoting and defuses spreadsheet formulas", () => {
    expect(toCsvLine(["x", 'say "hi"', "a,b", "=SUM(A1)", 3])).toBe('x,"say ""hi""","a,b",\'=SUM(A1),3');
  });

  it("round-trips through parseCsv", () => {
    const cells = ["符合：婴幼儿未满3周岁\n第二行", 'q"uote', ""];
    expect([...parseCsv(toCsvLine(cells))][0]?.cells).toEqual(cells);
  });
});

describe("decodeCsv", () => {
  it("reads UTF-8 as such and falls back to GB18030 (GBK) for bytes that are not UTF-8", () => {
    expect(decodeCsv(new TextEncoder().encode("性别\n男"))).toEqual({ text: "性别\n男", encoding: "utf-8" });
    // GBK bytes of 性别 and 男.
    const gbk = Uint8Array.from([0xd0, 0xd4, 0xb1, 0xf0, 0x0a, 0xc4, 0xd0]);
    expect(decodeCsv(gbk)).toEqual({ text: "性别\n男", encoding: "gb18030" });
  });
});
