import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PREFILL_THRESHOLDS } from "../prefill/prefill-confidence.js";
import type { TextLine } from "../types.js";
import { extractBusinessLicenceFields } from "./extract-business-licence-fields.js";
import { toSourceLines } from "./label-finder.js";
import { wordConfidence } from "./make-field.js";

interface Fixture {
  licences: { truth: string; lines: TextLine[] }[];
}
const fixture = JSON.parse(
  readFileSync(path.join(import.meta.dirname, "__fixtures__/ocr-business-licence-word-confidence.json"), "utf8"),
) as Fixture;

const read = (lines: TextLine[]) =>
  extractBusinessLicenceFields({
    fileId: "f1",
    lines: toSourceLines([{ page: 1, source: "ocr", lines, confidence: 0.9, quality: [], milliseconds: 0 }]),
  });
const field = (lines: TextLine[], name: string) => read(lines).find((item) => item.name === name);
const withoutWords = (lines: TextLine[]) => lines.map(({ words: _words, ...line }) => line);

describe("wordConfidence", () => {
  const line: TextLine = {
    text: "姓名 张三 性别 男",
    confidence: 0.8,
    words: [
      { text: "姓名", confidence: 0.9 },
      { text: "张", confidence: 0.3 },
      { text: "三性别", confidence: 0.9 },
      { text: "男", confidence: 0.95 },
    ],
  };

  it("is the mean over the value's characters of the words they were read in", () => {
    expect(wordConfidence(line, "张三")).toBeCloseTo((0.3 + 0.9) / 2);
    expect(wordConfidence(line, "男")).toBeCloseTo(0.95);
  });

  it("is undefined without words or when the value is not in them", () => {
    expect(wordConfidence({ text: "姓名 张三", confidence: 0.8 }, "张三")).toBeUndefined();
    expect(wordConfidence(line, "李四")).toBeUndefined();
    expect(wordConfidence(line, "")).toBeUndefined();
  });
});

describe("a value that fills part of a two-column line (real OCR of photographed business licences)", () => {
  it.each(fixture.licences.map((licence) => [licence.truth, licence.lines] as const))(
    "reads the misread 法定代表人 (printed %s) from its own words, well below the line's mean",
    (truth, lines) => {
      const representative = field(lines, "legalRepresentative");
      expect(representative?.value).toBeDefined();
      expect(representative?.value).not.toBe(truth);
      // The whole line, the other column's confident date included, hid the misread name.
      const lineConfidence = field(withoutWords(lines), "legalRepresentative")?.confidence ?? 0;
      expect(lineConfidence).toBeGreaterThanOrEqual(PREFILL_THRESHOLDS.lowConfidence);
      // Its own words (0.62 at most) say how doubtful it is; whether that is below the threshold
      // depends on the threshold (0.6 since 2026-12-05 leaves 和白霞丹, at 0.618, above it).
      expect(representative?.confidence).toBeLessThan(lineConfidence - 0.2);
    },
  );

  it("keeps a value read confidently on the same kind of line confident", () => {
    const [first] = fixture.licences;
    const type = field(first?.lines ?? [], "companyType");
    expect(type?.value).toBe("有限责任公司（自然人独资）");
    expect(type?.confidence).toBeGreaterThanOrEqual(0.9);
  });
});
