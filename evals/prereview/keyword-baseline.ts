// The baseline the issue asks for: plain OCR text and keyword presence, no classification, no
// fields, no rules. A required material counts as present when its keyword appears in the text of
// the file declared for it (or, undeclared, in any file).
import type { ExtractedFile, IntakeFile, RequiredMaterial } from "../../src/prereview/index.js";
import type { ReportedFinding } from "./score-prereview.js";

const KEYWORDS: Record<string, RegExp> = {
  id_card: /居民身份证|公民身份号码|签发机关/,
  household_register: /户口|常住人口/,
  birth_medical_certificate: /出生医学证明/,
  marriage_certificate: /结婚证/,
  business_licence: /营业执照|统一社会信用代码/,
  application_form: /申请表|申请书/,
  social_security_card: /社会保障/,
  bank_card: /银行|银联/,
  death_certificate: /死亡/,
};

export interface KeywordBaselineOptions {
  materials: RequiredMaterial[];
  files: IntakeFile[];
  extracted: readonly ExtractedFile[];
}

export function runKeywordBaseline(options: KeywordBaselineOptions): { verdict: string; findings: ReportedFinding[] } {
  const textOf = (fileId: string) =>
    options.extracted
      .find((file) => file.fileId === fileId)
      ?.pages.flatMap((page) => page.lines.map((line) => line.text))
      .join("")
      .replace(/\s+/g, "") ?? "";
  const findings: ReportedFinding[] = [];
  for (const material of options.materials) {
    if (!material.required) continue;
    const keyword = KEYWORDS[material.documentType ?? ""];
    const declared = options.files.filter((file) => file.declaredMaterialId === material.id);
    if (declared.length > 0) {
      const text = declared.map((file) => textOf(file.fileId)).join("");
      if (text.length < 10) findings.push({ ruleId: "quality.unreadable", severity: "error", materialId: material.id });
      else if (keyword && !keyword.test(text))
        findings.push({ ruleId: "document.wrong_type", severity: "error", materialId: material.id });
      continue;
    }
    const anywhere = options.files.some((file) => !file.declaredMaterialId && keyword?.test(textOf(file.fileId)));
    if (!anywhere) findings.push({ ruleId: "completeness.missing", severity: "error", materialId: material.id });
  }
  return { verdict: findings.length > 0 ? "needs_correction" : "pass", findings };
}
