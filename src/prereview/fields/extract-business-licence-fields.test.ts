import { describe, expect, it } from "vitest";
import { PREFILL_THRESHOLDS } from "../prefill/prefill-confidence.js";
import type { TextLine } from "../types.js";
import { extractBusinessLicenceFields } from "./extract-business-licence-fields.js";
import { toSourceLines } from "./label-finder.js";

const read = (lines: TextLine[]) =>
  extractBusinessLicenceFields({
    fileId: "f1",
    lines: toSourceLines([{ page: 1, source: "ocr", lines, confidence: 0.9, quality: [], milliseconds: 0 }]),
  });
const field = (lines: TextLine[], name: string) => read(lines).find((item) => item.name === name);

const words = (pairs: [string, number][]) => pairs.map(([text, confidence]) => ({ text, confidence }));

describe("extractBusinessLicenceFields: companyName", () => {
  // Real tesseract output of a generated two-column licence (prefill eval, seed 7): 注册资本 was
  // lost, and its value 壹仟万元整 was read, misread, after the name.
  const merged: TextLine = {
    text: "名称成都博远餐饮管理有限公司喜件万元整",
    confidence: 0.8,
    words: words([
      ["名", 0.81],
      ["称", 0.83],
      ["成", 0.95],
      ["都", 0.93],
      ["博", 0.93],
      ["远", 0.89],
      ["餐", 0.93],
      ["饮", 0.91],
      ["管理", 0.95],
      ["有", 0.93],
      ["限", 0.93],
      ["公司", 0.96],
      ["喜", 0.35],
      ["件", 0.27],
      ["万", 0.96],
      ["元", 0.93],
      ["整", 0.07],
    ]),
  };

  it("ends the name at its organisational form when the other column's capital follows it", () => {
    const name = field([merged], "companyName");
    expect(name?.value).toBe("成都博远餐饮管理有限公司");
    // Its own words were read confidently; the misread capital no longer drags it below the threshold.
    expect(name?.confidence).toBeGreaterThanOrEqual(PREFILL_THRESHOLDS.lowConfidence);
  });

  it("keeps a name without a capital after it whole, brackets included", () => {
    expect(field([{ text: "名称兰州市城关区好运来餐饮店(个体工商户)", confidence: 0.9 }], "companyName")?.value).toBe(
      "兰州市城关区好运来餐饮店（个体工商户）",
    );
    expect(field([{ text: "名称成都博远餐饮管理有限公司", confidence: 0.9 }], "companyName")?.value).toBe(
      "成都博远餐饮管理有限公司",
    );
  });
});
