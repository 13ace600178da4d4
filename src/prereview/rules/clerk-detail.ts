// What a clerk in the service hall reads under a finding (「工作人员参考」): plain Chinese in the
// knowledge base's vocabulary (document types, sides, field labels, retake advice). The codes
// behind it (document types, sides, problem codes) stay in the finding's `codes` for programs, so
// nothing here has to be parsed back. Pure.
import { documentTypeName, fieldLabel, SIDE_NAMES } from "../document-types/document-type-data.js";
import type { ExtractedFile, FileProblem, PageText, RecognisedDocument } from "../types.js";
import { RETAKE_FIX_ADVICE, type RetakeFix } from "./judge-readability.js";

/** A document's type and side in Chinese: 「居民身份证人像面」, 「银行卡」. */
export function documentKindName(document: Pick<RecognisedDocument, "documentType" | "side">): string {
  return `${documentTypeName(document.documentType)}${SIDE_NAMES[document.side] ?? ""}`;
}

/** What the classifier made of a document: 「识别为银行卡（置信度 0.93）」. */
export function describeRecognition(
  document: Pick<RecognisedDocument, "documentType" | "side" | "confidence">,
): string {
  return document.documentType === "other"
    ? `未能识别材料类型（置信度 ${document.confidence.toFixed(2)}）`
    : `识别为${documentKindName(document)}（置信度 ${document.confidence.toFixed(2)}）`;
}

const PAGE_SOURCE_NAMES: Record<PageText["source"], string> = { pdf_text: "PDF 文字层", ocr: "图像文字识别" };
const PAGE_QUALITY_NAMES: Record<PageText["quality"][number], string> = {
  no_text: "未识别出文字",
  low_confidence: "识别置信度低",
  small_image: "图像尺寸过小",
  blank: "空白页",
};

/** How each page of a file was read and what the photo measures, for a readability finding. */
export function describeReadingQuality(file: Pick<ExtractedFile, "pages">): string {
  if (file.pages.length === 0) return "没有可读的页面";
  return file.pages
    .map((page) => {
      const problems = page.quality.map((problem) => PAGE_QUALITY_NAMES[problem]).join("、");
      const photo = page.photo
        ? `；照片清晰度 ${page.photo.sharpness.toFixed(2)}、对比度 ${page.photo.contrast.toFixed(2)}、证件短边 ${Math.round(page.photo.resolution)} 像素、反光 ${Math.round(page.photo.glare * 100)}%、倾斜 ${page.photo.tilt.toFixed(2)}${page.photo.cutOff ? "、证件被画面边缘裁切" : ""}`
        : "";
      return `第 ${page.page} 页${PAGE_SOURCE_NAMES[page.source]}，平均置信度 ${page.confidence.toFixed(2)}${problems ? `（${problems}）` : ""}${photo}`;
    })
    .join("；");
}

/** The retake advice a readability finding gives, for the clerk: 「需：避免反光；拍全证件四角」. */
export function describeFixes(fixes: readonly RetakeFix[]): string {
  return fixes.length > 0 ? `；需${fixes.map((fix) => RETAKE_FIX_ADVICE[fix]).join("；")}` : "";
}

const FILE_PROBLEM_NAMES: Record<FileProblem, string> = {
  empty: "空文件",
  unsupported_type: "不支持的文件类型",
  corrupt: "文件已损坏",
  encrypted: "文件已加密",
  too_large: "文件过大",
  too_many_pages: "页数过多",
  too_many_pixels: "图像像素过多",
  ocr_failed: "文字识别失败",
  inflated_too_large: "PDF 解压后过大（可能是压缩炸弹或文件损坏）",
  time_limit: "处理超时",
  memory_limit: "处理时内存超限",
};

/** Why a file could not be read, in Chinese; `undefined` when it was never extracted. */
export function fileProblemName(problem: FileProblem | undefined): string {
  return problem ? (FILE_PROBLEM_NAMES[problem] ?? problem) : "未能提取内容";
}

/** Where a value stands: 「“申请人居民身份证”的公民身份号码」, or 「申请表的公民身份号码」. */
export function fieldPlace(where: string, fieldName: string): string {
  return `${where === "申请表" ? where : `“${where}”`}的${fieldLabel(fieldName)}`;
}

const ID_NUMBER_PROBLEMS = { format: "位数或字符不符", check_digit: "校验位错误", birth_date: "出生日期不存在" };
const CREDIT_CODE_PROBLEMS = { format: "位数或字符不符", check_character: "校验码错误" };

/** Why an ID number or credit code fails its check: 「校验位错误，按编码规则应为 X」. */
export function describeCodeProblem(
  kind: "id_number" | "credit_code",
  problem: string | undefined,
  expectedCheck?: string,
): string {
  const names: Record<string, string> = kind === "id_number" ? ID_NUMBER_PROBLEMS : CREDIT_CODE_PROBLEMS;
  const name = (problem && names[problem]) ?? "不符合编码规则";
  return expectedCheck ? `${name}，按编码规则校验位应为 ${expectedCheck}` : name;
}
