import { validateCreditCode } from "../validate-credit-code.js";
import { validateIdNumber } from "../validate-id-number.js";
import type { Evidence, ExtractedField, RecognisedDocument } from "../types.js";
import type { RequiredMaterial } from "./case-requirements.js";
import { documentTypeData, documentTypeName, fieldLabel } from "../document-types/document-type-data.js";
import { describeCodeProblem, fieldPlace } from "./clerk-detail.js";
import type { FindingList } from "./findings.js";
import { formatChineseDate, isRealDate, isYearMonth } from "./dates.js";

/** Fields holding a citizen ID number, on any document or the form. */
const ID_NUMBER_FIELDS = new Set(["idNumber", "motherIdNumber", "fatherIdNumber", "husbandIdNumber", "wifeIdNumber"]);
/** Fields that must be a real date not after the reference date. */
const PAST_DATE_FIELDS = new Set([
  "birthDate",
  "validFrom",
  "establishedDate",
  "registrationDate",
  "deathDate",
  "issueDate",
]);

export interface CheckFieldsOptions {
  documents: RecognisedDocument[];
  materials: RequiredMaterial[];
  form: Record<string, string>;
  /** YYYY-MM-DD: the application date, or today. */
  referenceDate: string;
  findings: FindingList;
}

/**
 * Checks that hold for every matter: ID numbers (GB 11643 check character, birth date and sex as
 * printed), credit codes (GB 32100), real dates, and expiry of ID cards and licences. Values the
 * form repeats are checked once, with the form as further evidence.
 */
export function checkFields(options: CheckFieldsOptions): void {
  const { documents, materials, form, referenceDate, findings } = options;
  const materialName = (id: string | undefined) =>
    materials.find((material) => material.id === id)?.name ?? documentTypeName(undefined);
  const reported = new Map<string, Evidence[]>();
  const once = (key: string, evidence: Evidence, add: () => { evidence: Evidence[] }) => {
    const seen = reported.get(key);
    if (seen) seen.push(evidence);
    else reported.set(key, add().evidence);
  };

  // ID cards and licences first, so a wrong number repeated elsewhere is reported on the card.
  const ordered = [...documents].sort(
    (a, b) => Number(isAuthoritative(b.documentType)) - Number(isAuthoritative(a.documentType)),
  );
  for (const document of ordered) {
    if (!document.materialId) continue;
    const name = materialName(document.materialId);
    const field = (fieldName: string) => document.fields.find((item) => item.name === fieldName);
    for (const item of document.fields) {
      if (ID_NUMBER_FIELDS.has(item.name)) checkIdNumber(item, document, name);
      if (item.name === "creditCode") checkCreditCode(item, document.materialId, name);
      if (PAST_DATE_FIELDS.has(item.name) && !isRealDate(item.value) && !isYearMonth(item.value))
        findings.add({
          ruleId: "validity.date",
          severity: "warning",
          materialId: document.materialId,
          message: `“${name}”上的日期“${item.raw}”无法确认，请核对。`,
          detail: `${fieldPlace(name, item.name)}读作“${item.value}”，不是真实存在的日期`,
          codes: fieldCodes(document, item),
          evidence: [item.evidence],
        });
    }
    if (document.documentType === "id_card" && document.side === "front") {
      const number = field("idNumber");
      const check = number ? validateIdNumber(number.value, new Date(`${referenceDate}T23:59:59Z`)) : undefined;
      const printedBirth = field("birthDate");
      if (check?.valid && printedBirth && isRealDate(printedBirth.value) && printedBirth.value !== check.birthDate)
        findings.add({
          ruleId: "validity.id_birth_mismatch",
          severity: "error",
          materialId: document.materialId,
          message: `“${name}”上的出生日期与公民身份号码不一致，请核对证件。`,
          detail: `证件印有出生日期 ${printedBirth.value}，公民身份号码中的出生日期为 ${check.birthDate}`,
          codes: fieldCodes(document, printedBirth),
          evidence: [printedBirth.evidence, ...(number ? [number.evidence] : [])],
        });
      const printedSex = field("sex");
      const numberSex = check?.sex === "male" ? "男" : check?.sex === "female" ? "女" : undefined;
      if (check?.valid && printedSex && numberSex && printedSex.value !== numberSex)
        findings.add({
          ruleId: "validity.id_sex_mismatch",
          severity: "error",
          materialId: document.materialId,
          message: `“${name}”上的性别与公民身份号码不一致，请核对证件。`,
          detail: `证件印有性别“${printedSex.value}”，按公民身份号码应为“${numberSex}”`,
          codes: fieldCodes(document, printedSex),
          evidence: [printedSex.evidence, ...(number ? [number.evidence] : [])],
        });
    }
    const expiryField = documentTypeData(document.documentType)?.expiryField;
    const until = expiryField ? field(expiryField) : undefined;
    if (until && until.value !== "长期" && isRealDate(until.value) && until.value < referenceDate)
      findings.add({
        ruleId: "validity.expired",
        severity: "error",
        materialId: document.materialId,
        message: `“${name}”已于${formatChineseDate(until.value)}过期，请提供有效期内的${documentTypeName(document.documentType)}。`,
        detail: `${fieldPlace(name, until.name)}为 ${until.value}，早于申请日 ${referenceDate}`,
        codes: fieldCodes(document, until),
        evidence: [until.evidence],
      });
  }

  for (const [fieldName, value] of Object.entries(form)) {
    const evidence: Evidence = { fileId: "form", text: `${fieldLabel(fieldName)}：${value}` };
    if (ID_NUMBER_FIELDS.has(fieldName)) {
      const key = `id:${value.trim().toUpperCase()}`;
      const check = validateIdNumber(value, new Date(`${referenceDate}T23:59:59Z`));
      if (!check.valid)
        once(key, evidence, () =>
          findings.add({
            ruleId: "validity.id_check_digit",
            severity: "error",
            message: `申请表填写的公民身份号码“${value}”不符合编码规则，请核对后重新填写。`,
            detail: `${fieldPlace("申请表", fieldName)}“${value}”${describeCodeProblem("id_number", check.problem, check.expectedCheck)}`,
            codes: { source: "form", field: fieldName, problem: check.problem ?? "invalid" },
            evidence: [evidence],
          }),
        );
    }
    if (fieldName === "creditCode") {
      const key = `code:${value.trim().toUpperCase()}`;
      const check = validateCreditCode(value);
      if (!check.valid)
        once(key, evidence, () =>
          findings.add({
            ruleId: "validity.credit_code",
            severity: "error",
            message: `申请表填写的统一社会信用代码“${value}”不符合编码规则，请核对后重新填写。`,
            detail: `${fieldPlace("申请表", fieldName)}“${value}”${describeCodeProblem("credit_code", check.problem, check.expectedCheck)}`,
            codes: { source: "form", field: fieldName, problem: check.problem ?? "invalid" },
            evidence: [evidence],
          }),
        );
    }
  }

  function checkIdNumber(item: ExtractedField, document: RecognisedDocument, name: string) {
    const check = validateIdNumber(item.value, new Date(`${referenceDate}T23:59:59Z`));
    if (check.valid) return;
    if (check.problem === "format") {
      findings.add({
        ruleId: "quality.field_unread",
        severity: "warning",
        materialId: document.materialId,
        message: `“${name}”上的身份证件号码未能完整识别，窗口工作人员将人工核对。`,
        detail: `${fieldPlace(name, item.name)}只识别出“${item.raw}”（识别置信度 ${item.confidence.toFixed(2)}）`,
        codes: { ...fieldCodes(document, item), problem: "format" },
        evidence: [item.evidence],
      });
      return;
    }
    once(`id:${item.value}`, item.evidence, () =>
      findings.add({
        ruleId: "validity.id_check_digit",
        severity: "error",
        materialId: document.materialId,
        message: `“${name}”上的身份证件号码“${item.value}”不符合编码规则（校验位或出生日期错误），请核对证件或重新上传清晰件。`,
        detail: `${fieldPlace(name, item.name)}读作“${item.value}”，${describeCodeProblem("id_number", check.problem, check.expectedCheck)}（识别置信度 ${item.confidence.toFixed(2)}）`,
        codes: { ...fieldCodes(document, item), problem: check.problem ?? "invalid" },
        evidence: [item.evidence],
      }),
    );
  }

  function checkCreditCode(item: ExtractedField, materialId: string | undefined, name: string) {
    const check = validateCreditCode(item.value);
    if (check.valid) return;
    if (check.problem === "format") {
      findings.add({
        ruleId: "quality.field_unread",
        severity: "warning",
        materialId,
        message: `“${name}”上的统一社会信用代码未能完整识别，窗口工作人员将人工核对。`,
        detail: `${fieldPlace(name, item.name)}只识别出“${item.raw}”（识别置信度 ${item.confidence.toFixed(2)}）`,
        codes: { field: item.name, problem: "format" },
        evidence: [item.evidence],
      });
      return;
    }
    once(`code:${item.value}`, item.evidence, () =>
      findings.add({
        ruleId: "validity.credit_code",
        severity: "error",
        materialId,
        message: `“${name}”上的统一社会信用代码“${item.value}”不符合编码规则，请核对营业执照或重新上传清晰件。`,
        detail: `${fieldPlace(name, item.name)}读作“${item.value}”，${describeCodeProblem("credit_code", check.problem, check.expectedCheck)}（识别置信度 ${item.confidence.toFixed(2)}）`,
        codes: { field: item.name, problem: check.problem ?? "invalid" },
        evidence: [item.evidence],
      }),
    );
  }
}

const isAuthoritative = (documentType: string) => documentTypeData(documentType)?.authoritative === true;

/** The codes behind a field's detail, for programs. */
function fieldCodes(document: RecognisedDocument, field: ExtractedField): Record<string, string | number> {
  return { documentId: document.id, documentType: document.documentType, field: field.name };
}
