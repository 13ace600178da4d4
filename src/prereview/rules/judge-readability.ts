// When the machine could not read a photo, was it the photo or the machine? A photo a person
// could not read either (blurred, tiny, too dark; or glare or the frame hiding the fields) is to
// be taken again, and the applicant is told what to change; a sharp, well-lit photo OCR failed on
// goes to the clerk, who reads it, rather than sending the applicant back. Pure.
import { documentTypeData } from "../document-types/document-type-data.js";
import type { PageText, RecognisedDocument } from "../types.js";

/** What the applicant can change when taking the photo again, in the order they are told. */
export type RetakeFix = "corners" | "glare" | "square_on" | "focus" | "closer" | "light";

/** The advice for each fix, as it appears in the notice. */
export const RETAKE_FIX_ADVICE: Record<RetakeFix, string> = {
  corners: "拍全证件四角，四角完整",
  glare: "避免反光",
  square_on: "正对证件拍摄，不要倾斜",
  focus: "对焦清楚、手持稳定",
  closer: "靠近一些拍摄，让证件占满画面",
  light: "在光线充足处拍摄",
};

export interface ReadabilityJudgement {
  /** `retake`: a person could not read it either; `clerk`: legible, a clerk reads what OCR did not. */
  decision: "retake" | "clerk";
  /** What to change when taking it again (may be empty: no photo measures, e.g. a scanned PDF). */
  fixes: RetakeFix[];
}

/**
 * Measured on generated ID card photos (extract/measure-photo-quality.ts): sharp photos 0.21–0.34,
 * 5 px defocus 0.18, the evaluation's unreadable blur 0.07, 25 px motion blur 0.12; a card
 * 480 px wide is 245 px tall, one 160 px wide 77; a glare spot a fifth of the card wide blows out
 * 4% of it; a 22–25° tilt makes one side 23% longer than its opposite.
 */
export const READABILITY_THRESHOLDS = {
  /** Sharpness below this is blurred past reading. */
  minSharpness: 0.12,
  /** A document shorter than this (pixels) is too small to read. */
  minResolution: 150,
  /** Contrast below this is too dark or faded. */
  minContrast: 0.15,
  /** More than this share blown out is glare over the text. */
  maxGlare: 0.02,
  /** More tilt than this: advise photographing square on. */
  maxTilt: 0.2,
  /** With glare or a cut edge, fields read below this share mean they are hidden, not misread. */
  minCoverage: 0.5,
} as const;

/** Problems that make a photo unreadable to anyone, whatever else is right with it. */
const BLOCKING: readonly RetakeFix[] = ["focus", "closer", "light"];
/** Problems that hide part of the document: blocking when the fields they hide are missing. */
const HIDING: readonly RetakeFix[] = ["corners", "glare"];

/**
 * Decides for the pages of one file that was not (or not fully) read. `coverage` is the share of
 * the expected fields that were read (0 when no document was recognised). Pages without photo
 * measures (PDFs, TIFFs) keep the earlier answer: take it again, without specific advice.
 */
export function judgeReadability(pages: readonly PageText[], coverage = 0): ReadabilityJudgement {
  const measured = pages.flatMap((page) => (page.photo ? [page.photo] : []));
  if (measured.length === 0) return { decision: "retake", fixes: [] };
  const found = new Set<RetakeFix>();
  const t = READABILITY_THRESHOLDS;
  for (const photo of measured) {
    if (photo.cutOff) found.add("corners");
    if (photo.glare > t.maxGlare) found.add("glare");
    if (photo.tilt > t.maxTilt) found.add("square_on");
    if (photo.sharpness < t.minSharpness) found.add("focus");
    if (photo.resolution < t.minResolution) found.add("closer");
    if (photo.contrast < t.minContrast) found.add("light");
  }
  const fixes = (Object.keys(RETAKE_FIX_ADVICE) as RetakeFix[]).filter((fix) => found.has(fix));
  const blocked =
    fixes.some((fix) => BLOCKING.includes(fix)) ||
    (coverage < t.minCoverage && fixes.some((fix) => HIDING.includes(fix)));
  return { decision: blocked ? "retake" : "clerk", fixes };
}

/** The share of its type's fields (document-type-data.ts) a recognised document was read with; 1 for types without a list. */
export function fieldCoverage(document: Pick<RecognisedDocument, "documentType" | "side" | "fields">): number {
  const expected = documentTypeData(document.documentType)?.sides[document.side];
  if (!expected || expected.length === 0) return 1;
  const read = new Set(document.fields.map((field) => field.name));
  return expected.filter((name) => read.has(name)).length / expected.length;
}

/** 「请重新拍摄：拍全证件四角，四角完整；避免反光。」, or the general advice when nothing specific was measured. */
export function retakeAdvice(fixes: readonly RetakeFix[]): string {
  if (fixes.length === 0) return "请在光线充足处重新拍摄或扫描，保证四角完整、文字清楚后重新上传。";
  return `请重新拍摄：${fixes.map((fix) => RETAKE_FIX_ADVICE[fix]).join("；")}。`;
}
