import type { Catalog } from "../../catalog/index.js";
import type {
  ExtractedFile,
  Finding,
  IntakeFile,
  PrereviewReport,
  PrereviewRequest,
  RecognisedDocument,
  Verdict,
} from "../types.js";
import { assignDocuments } from "./assign-documents.js";
import { resolveCaseRequirements } from "./case-requirements.js";
import { checkFields } from "./check-fields.js";
import { isoDate, isRealDate } from "./dates.js";
import { evaluateDeclaredRules } from "./evaluate-declared-rules.js";
import { decideVerdict, FindingList } from "./findings.js";

export interface ReviewCaseOptions {
  catalog: Catalog;
  request: PrereviewRequest;
  intake: IntakeFile[];
  extracted: ExtractedFile[];
  /** Recognised documents with fields, `materialId` unset; assigned here. */
  documents: RecognisedDocument[];
  /** "Today" when the form has no applicationDate. */
  now: Date;
}

export type ReviewCaseResult = Pick<PrereviewReport, "verdict" | "summary" | "materials" | "findings" | "documents"> & {
  title: string;
  referenceDate: string;
};

/** The one rule engine: built-in checks, then the rules the matter or bundle declares. Pure. */
export function reviewCase(options: ReviewCaseOptions): ReviewCaseResult {
  const { catalog, request, intake, extracted } = options;
  const requirements = resolveCaseRequirements(catalog, request);
  const documents = options.documents.map((document) => ({ ...document, fields: [...document.fields] }));
  const applicationDate = request.form.applicationDate;
  const referenceDate = applicationDate && isRealDate(applicationDate) ? applicationDate : isoDate(options.now);
  const findings = new FindingList();

  assignDocuments({ materials: requirements.materials, intake, extracted, documents, form: request.form, findings });
  checkFields({ documents, materials: requirements.materials, form: request.form, referenceDate, findings });
  evaluateDeclaredRules({
    rules: requirements.rules,
    documents,
    materials: requirements.materials,
    formFields: requirements.formFields,
    form: request.form,
    referenceDate,
    findings,
  });

  const verdict = decideVerdict(findings.items);
  return {
    title: requirements.title,
    referenceDate,
    verdict,
    summary: summarise(verdict, findings.items),
    materials: requirements.materials.map((material) => ({
      id: material.id,
      name: material.name,
      required: material.required,
      deferrable: material.deferrable,
      exempt: material.exempt,
      documentIds: documents.filter((document) => document.materialId === material.id).map((document) => document.id),
    })),
    findings: findings.items,
    documents,
  };
}

function summarise(verdict: Verdict, findings: Finding[]): string {
  const errors = findings.filter((finding) => finding.severity === "error").length;
  const warnings = findings.filter((finding) => finding.severity === "warning").length;
  if (verdict === "pass")
    return warnings > 0
      ? `材料预审未发现需要补正的问题，另有${warnings}项提示；最终以窗口审核为准。`
      : "材料预审未发现问题；最终以窗口审核为准。";
  if (verdict === "needs_correction") return `发现${errors}项需要补正的问题，请按告知单一次性补正后再提交。`;
  return errors > 0
    ? `发现${errors}项问题，其中涉及办理条件的需由窗口工作人员审核判断。`
    : `有${warnings}项内容无法自动确认，需由窗口工作人员人工核对。`;
}
