import type { ExtractedFile, IntakeFile, RecognisedDocument } from "../types.js";
import type { RequiredMaterial } from "./case-requirements.js";
import { describeFixes, describeReadingQuality, describeRecognition, fileProblemName } from "./clerk-detail.js";
import { documentTypeName, requiredSides, SIDE_NAMES } from "../document-types/document-type-data.js";
import type { FindingList } from "./findings.js";
import { fieldCoverage, judgeReadability, READABILITY_THRESHOLDS, retakeAdvice } from "./judge-readability.js";

/** Below this, a page's type is a guess and is not used to contradict what the applicant said. */
export const CLASSIFICATION_CONFIDENCE = 0.5;

export interface AssignDocumentsOptions {
  materials: RequiredMaterial[];
  intake: IntakeFile[];
  extracted: ExtractedFile[];
  documents: RecognisedDocument[];
  form: Record<string, string>;
  findings: FindingList;
}

/**
 * Decides which material each document is, and reports what cannot be used: unreadable and
 * corrupt files, the wrong document for a material, documents nothing in the case asks for,
 * missing sides and missing materials. Mutates `documents[].materialId`.
 */
export function assignDocuments(options: AssignDocumentsOptions): void {
  const { materials, intake, extracted, documents, findings } = options;
  const materialById = new Map(materials.map((material) => [material.id, material]));
  const assigned = new Map<string, RecognisedDocument[]>(materials.map((material) => [material.id, []]));
  const assign = (document: RecognisedDocument, materialId: string) => {
    document.materialId = materialId;
    assigned.get(materialId)?.push(document);
  };

  for (const file of intake) {
    const result = extracted.find((item) => item.fileId === file.fileId);
    const declared = file.declaredMaterialId ? materialById.get(file.declaredMaterialId) : undefined;
    const label = declared ? `“${declared.name}”` : `文件“${file.originalName}”`;
    if (!result || result.problem) {
      findings.add({
        ruleId: "file.invalid",
        severity: "error",
        materialId: declared?.id,
        message: `${label}无法读取：${result?.problemMessage ?? "文件无法处理，请重新上传。"}`,
        detail: `文件“${file.originalName}”无法处理：${fileProblemName(result?.problem)}`,
        codes: { fileId: file.fileId, problem: result?.problem ?? "not_extracted" },
        evidence: [{ fileId: file.fileId, text: file.originalName }],
      });
      continue;
    }
    const fileDocuments = documents.filter((document) => document.fileId === file.fileId);
    const known = fileDocuments.filter(
      (document) => document.documentType !== "other" && document.confidence >= CLASSIFICATION_CONFIDENCE,
    );
    if (known.length === 0 && isUnreadable(result)) {
      const judgement = judgeReadability(result.pages);
      const evidence = [{ fileId: file.fileId, page: 1, text: file.originalName }];
      if (judgement.decision === "clerk") {
        // Legible to a person: the clerk reads it; the applicant is not sent back for OCR's failure.
        findings.add({
          ruleId: "quality.unread_legible",
          severity: "warning",
          materialId: declared?.id,
          message: `${label}拍摄清晰，但系统未能自动识别其内容，窗口工作人员将人工核对，暂不需要重新拍摄。`,
          detail: `文件“${file.originalName}”未能自动识别，但照片测量为清晰可读，请人工核对：${describeReadingQuality(result)}`,
          codes: { fileId: file.fileId },
          evidence,
        });
        if (declared) for (const document of fileDocuments) assign(document, declared.id);
        continue;
      }
      const earlier = declared
        ? findings.items.find((item) => item.ruleId === "quality.unreadable" && item.materialId === declared.id)
        : undefined;
      if (earlier) {
        earlier.evidence.push(...evidence);
        continue;
      }
      findings.add({
        ruleId: "quality.unreadable",
        severity: "error",
        materialId: declared?.id,
        message:
          judgement.fixes.length > 0
            ? `${label}无法辨认内容。${retakeAdvice(judgement.fixes)}`
            : `${label}不够清晰，无法辨认内容。${retakeAdvice([])}`,
        detail: `文件“${file.originalName}”无法辨认：${describeReadingQuality(result)}${describeFixes(judgement.fixes)}`,
        codes: { fileId: file.fileId, fixes: judgement.fixes.join(",") },
        evidence,
      });
      continue;
    }
    for (const document of fileDocuments) placeDocument(document, declared, file);
    askAgainWhenHidden(file, result, known, label);
  }

  function placeDocument(document: RecognisedDocument, declared: RequiredMaterial | undefined, file: IntakeFile) {
    const recognised = document.documentType !== "other" && document.confidence >= CLASSIFICATION_CONFIDENCE;
    const evidence = [{ fileId: document.fileId, page: document.pages[0], text: file.originalName }];
    if (declared) {
      const expected = declared.documentType;
      if (!expected || expected === "other" || (recognised && document.documentType === expected))
        return assign(document, declared.id);
      if (!recognised) {
        findings.add({
          ruleId: "document.unrecognised",
          severity: "warning",
          materialId: declared.id,
          message: `未能确认“${declared.name}”是否为${documentTypeName(expected)}，窗口工作人员将人工核对。`,
          detail: `文件“${file.originalName}”${describeRecognition(document)}，不足以确认；上传为“${declared.name}”，应为${documentTypeName(expected)}`,
          codes: recognitionCodes(document, declared),
          evidence,
        });
        return assign(document, declared.id);
      }
      // A known document filed under the wrong material: say so. It does not silently stand in for
      // another material: the applicant meant something else and must send both.
      findings.add({
        ruleId: "document.wrong_type",
        severity: "error",
        materialId: declared.id,
        message: `上传为“${declared.name}”的文件识别为${documentTypeName(document.documentType)}，不是所需材料。请上传${declared.name}。`,
        detail: `文件“${file.originalName}”${describeRecognition(document)}；上传为“${declared.name}”，应为${documentTypeName(expected)}`,
        codes: recognitionCodes(document, declared),
        evidence,
      });
      return;
    }
    if (!recognised) {
      findings.add({
        ruleId: "document.unrecognised",
        severity: "warning",
        message: `未能识别文件“${file.originalName}”是哪一项材料，窗口工作人员将人工核对。`,
        detail: `文件“${file.originalName}”${describeRecognition(document)}，不足以确认；上传时未说明是哪项材料`,
        codes: recognitionCodes(document),
        evidence,
      });
      return;
    }
    const material = pickMaterial(document);
    if (material) return assign(document, material.id);
    findings.add({
      ruleId: "document.not_needed",
      severity: "info",
      message: `文件“${file.originalName}”识别为${documentTypeName(document.documentType)}，本次办理不需要该材料。`,
      detail: `文件“${file.originalName}”${describeRecognition(document)}；本案所需材料中没有${documentTypeName(document.documentType)}`,
      codes: recognitionCodes(document),
      evidence,
    });
  }

  /**
   * A recognised document most of whose fields were not read, on a photo with glare, a cut edge or
   * worse: a person could not read those fields either, so the applicant is told what to change.
   */
  function askAgainWhenHidden(file: IntakeFile, result: ExtractedFile, known: RecognisedDocument[], label: string) {
    if (known.length === 0) return;
    const coverage = Math.min(...known.map(fieldCoverage));
    if (coverage >= READABILITY_THRESHOLDS.minCoverage) return;
    const judgement = judgeReadability(result.pages, coverage);
    if (judgement.decision !== "retake" || judgement.fixes.length === 0) return;
    findings.add({
      ruleId: "quality.unreadable",
      severity: "error",
      materialId: known.find((document) => document.materialId)?.materialId,
      message: `${label}部分内容无法辨认。${retakeAdvice(judgement.fixes)}`,
      detail: `文件“${file.originalName}”只识别出 ${Math.round(coverage * 100)}% 的栏目：${describeReadingQuality(result)}${describeFixes(judgement.fixes)}`,
      codes: { fileId: file.fileId, coverage: Number(coverage.toFixed(2)), fixes: judgement.fixes.join(",") },
      evidence: [{ fileId: file.fileId, page: 1, text: file.originalName }],
    });
  }

  /** The material a recognised document most likely is: same type, the applicant's own first, then unfilled, required first. */
  function pickMaterial(document: RecognisedDocument): RequiredMaterial | undefined {
    const candidates = materials.filter((material) => material.documentType === document.documentType);
    if (candidates.length <= 1) return candidates[0];
    const sameFile = candidates.find((material) =>
      assigned.get(material.id)?.some((other) => other.fileId === document.fileId),
    );
    if (sameFile) return sameFile;
    const missingSide = candidates.find((material) => {
      const present = assigned.get(material.id) ?? [];
      return present.length > 0 && !present.some((other) => other.side === document.side);
    });
    const ownName = options.form.name;
    const mine = document.fields.some((field) => field.name === "name" && ownName && field.value === ownName)
      ? candidates.find((material) => material.id.includes("applicant"))
      : undefined;
    const unfilled = [...candidates]
      .sort((a, b) => Number(b.required) - Number(a.required))
      .find((material) => (assigned.get(material.id) ?? []).length === 0);
    return mine ?? missingSide ?? unfilled ?? candidates[0];
  }

  for (const material of materials) {
    const present = assigned.get(material.id) ?? [];
    if (present.length === 0) {
      if (!material.required || findings.explainsMaterial(material.id)) continue;
      if (material.deferrable)
        findings.add({
          ruleId: "completeness.deferrable_missing",
          severity: "warning",
          materialId: material.id,
          message: `缺少“${material.name}”。该材料可容缺受理：签署承诺书后可先受理，并在承诺期限内补交。`,
          detail: `未上传“${material.name}”；该材料可容缺受理`,
          codes: { materialId: material.id },
        });
      else
        findings.add({
          ruleId: "completeness.missing",
          severity: "error",
          materialId: material.id,
          message: `缺少“${material.name}”，请补充上传。`,
          detail: `未上传“${material.name}”${material.documentType && material.documentType !== "other" ? `（应为${documentTypeName(material.documentType)}）` : ""}`,
          codes: { materialId: material.id, ...(material.documentType ? { expected: material.documentType } : {}) },
        });
      continue;
    }
    const sides = requiredSides(material.documentType);
    if (!sides || !material.required) continue;
    const missing = sides.filter((side) => !present.some((document) => document.side === side));
    if (missing.length > 0 && missing.length < sides.length + 1)
      findings.add({
        ruleId: "document.side_missing",
        severity: "error",
        materialId: material.id,
        message: `“${material.name}”缺少${missing.map((side) => SIDE_NAMES[side]).join("、")}，请补充上传${missing.length > 1 ? "这些页面" : "该面"}。`,
        detail: `“${material.name}”已上传${present.map((document) => SIDE_NAMES[document.side] || "单页").join("、")}，缺少${missing.map((side) => SIDE_NAMES[side]).join("、")}`,
        codes: {
          materialId: material.id,
          present: present.map((document) => document.side).join(","),
          missing: missing.join(","),
        },
        evidence: present.map((document) => ({
          fileId: document.fileId,
          page: document.pages[0],
          text: document.side,
        })),
      });
  }
}

function isUnreadable(file: ExtractedFile): boolean {
  if (file.pages.length === 0) return true;
  return file.pages.every(
    (page) => page.quality.some((problem) => problem !== "small_image") || page.lines.length === 0,
  );
}

/** The codes behind a recognition detail, for programs. */
function recognitionCodes(document: RecognisedDocument, declared?: RequiredMaterial): Record<string, string | number> {
  return {
    documentId: document.id,
    documentType: document.documentType,
    side: document.side,
    confidence: Number(document.confidence.toFixed(2)),
    ...(declared ? { materialId: declared.id, expected: declared.documentType ?? "other" } : {}),
  };
}
