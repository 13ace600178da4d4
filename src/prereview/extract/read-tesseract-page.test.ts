import { describe, expect, it } from "vitest";
import { readTesseractPage } from "./read-tesseract-page.js";

const word = (text: string, confidence: number) => ({ text, confidence, bbox: { x0: 0, y0: 0, x1: 1, y1: 1 } });

describe("readTesseractPage", () => {
  it("walks blocks, paragraphs and lines into lines with 0..1 confidence and boxes", () => {
    const page = {
      blocks: [
        {
          paragraphs: [
            {
              lines: [
                {
                  text: "姓名 张三\n",
                  confidence: 90,
                  bbox: { x0: 10, y0: 20, x1: 200, y1: 50 },
                  words: [word("姓名", 92), word("张三", 88)],
                },
                { text: "  \n", confidence: 0, words: [] },
              ],
            },
          ],
        },
        { paragraphs: [{ lines: [{ text: "住址", confidence: 70, words: [word("住址", 70)] }] }] },
      ],
    };
    const result = readTesseractPage(page);
    expect(result.lines).toEqual([
      {
        text: "姓名 张三",
        confidence: 0.9,
        box: { x0: 10, y0: 20, x1: 200, y1: 50 },
        words: [
          { text: "姓名", confidence: 0.92 },
          { text: "张三", confidence: 0.88 },
        ],
      },
      { text: "住址", confidence: 0.7, words: [{ text: "住址", confidence: 0.7 }] },
    ]);
    expect(result.confidence).toBeCloseTo((0.92 + 0.88 + 0.7) / 3);
  });

  it("tolerates missing and malformed fields", () => {
    expect(readTesseractPage({ blocks: null })).toEqual({ lines: [], confidence: 0 });
    expect(readTesseractPage(undefined)).toEqual({ lines: [], confidence: 0 });
    const odd = {
      blocks: [{ paragraphs: [{ lines: [{ text: "号码", confidence: "high", bbox: "?", words: 3 }] }] }, 7],
    };
    expect(readTesseractPage(odd)).toEqual({ lines: [{ text: "号码", confidence: 0 }], confidence: 0 });
  });
});
