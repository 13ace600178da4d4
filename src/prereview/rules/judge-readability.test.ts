import { describe, expect, it } from "vitest";
import type { PageText } from "../types.js";
import { fieldCoverage, judgeReadability, retakeAdvice } from "./judge-readability.js";

const sharp: NonNullable<PageText["photo"]> = {
  sharpness: 0.3,
  contrast: 0.55,
  resolution: 630,
  glare: 0,
  tilt: 0,
  cutOff: false,
};
const page = (photo?: Partial<NonNullable<PageText["photo"]>>): PageText => ({
  page: 1,
  source: "ocr",
  lines: [],
  confidence: 0,
  quality: ["no_text"],
  milliseconds: 0,
  ...(photo ? { photo: { ...sharp, ...photo } } : {}),
});

describe("judgeReadability", () => {
  it("asks for a new photo of a blurred one, and says to hold the phone steady", () => {
    expect(judgeReadability([page({ sharpness: 0.07 })])).toEqual({ decision: "retake", fixes: ["focus"] });
  });

  it("asks for a closer photo when the document is tiny", () => {
    expect(judgeReadability([page({ resolution: 80 })])).toEqual({ decision: "retake", fixes: ["closer"] });
  });

  it("asks for light when the photo is too dark to tell ink from paper", () => {
    expect(judgeReadability([page({ contrast: 0.08 })]).fixes).toEqual(["light"]);
  });

  it("sends a sharp, well-lit, large photo to the clerk", () => {
    expect(judgeReadability([page({})])).toEqual({ decision: "clerk", fixes: [] });
  });

  it("sends a tilted but sharp photo to the clerk, noting the tilt", () => {
    expect(judgeReadability([page({ tilt: 0.3 })])).toEqual({ decision: "clerk", fixes: ["square_on"] });
  });

  it("asks again when glare or the frame hides the fields it needs", () => {
    expect(judgeReadability([page({ glare: 0.08, cutOff: true })], 0.2)).toEqual({
      decision: "retake",
      fixes: ["corners", "glare"],
    });
  });

  it("leaves it to the clerk when glare touches the photo but most fields were read", () => {
    expect(judgeReadability([page({ glare: 0.08 })], 0.8)).toEqual({ decision: "clerk", fixes: ["glare"] });
  });

  it("keeps asking for a new copy, without specific advice, when nothing was measured (a scanned PDF)", () => {
    expect(judgeReadability([page()])).toEqual({ decision: "retake", fixes: [] });
  });
});

describe("retakeAdvice", () => {
  it("lists each thing to change, in plain Chinese", () => {
    expect(retakeAdvice(["corners", "glare", "square_on"])).toBe(
      "请重新拍摄：拍全证件四角，四角完整；避免反光；正对证件拍摄，不要倾斜。",
    );
  });

  it("gives the general advice when nothing specific is known", () => {
    expect(retakeAdvice([])).toContain("保证四角完整、文字清楚");
  });
});

describe("fieldCoverage", () => {
  const field = (name: string) => ({
    name,
    value: "x",
    raw: "x",
    confidence: 0.9,
    evidence: { fileId: "f1", text: "x" },
  });

  it("is the share of the side's fields that were read", () => {
    const front = { documentType: "id_card", side: "front" as const, fields: ["name", "sex", "idNumber"].map(field) };
    expect(fieldCoverage(front)).toBe(0.5);
  });

  it("is 1 for a type without a field list", () => {
    expect(fieldCoverage({ documentType: "other", side: "single", fields: [] })).toBe(1);
  });
});
