// 企业注销登记 (matter enterprise-deregistration), filed by the legal representative in person:
// the joint form, the business licence and the legal representative's ID card. The agent's ID card
// and power of attorney are only needed when someone else files, so they are not uploaded.
import {
  type CaseContext,
  type CaseDraft,
  type FileDraft,
  applyPersonDefects,
  has,
  idCardFiles,
  replaceMaterial,
} from "./case-common.js";
import type { TemplateProfile } from "./defects.js";
import { generateCompany, withWrongCreditCheckCharacter } from "./generate-entity.js";
import { generatePerson } from "./generate-person.js";
import { renderApplicationForm } from "./render-application-form.js";
import { renderBusinessLicence } from "./render-business-licence.js";
import { renderIdCardFront } from "./render-id-card.js";

export const ENTERPRISE_MATTER_ID = "enterprise-deregistration";

export const enterpriseProfile: TemplateProfile = {
  template: "enterprise",
  requiredMaterials: ["business-deregistration-joint-form", "business-licence", "legal-representative-id-card"],
  idCardMaterial: "legal-representative-id-card",
  licenceMaterial: "business-licence",
  wrongTypeMaterials: ["business-licence"],
  eligibilityMaterials: [],
  formMaterial: "business-deregistration-joint-form",
  defectKinds: [
    "missing_material",
    "expired_id",
    "id_check_digit",
    "name_mismatch",
    "credit_code",
    "unreadable",
    "wrong_type",
    "side_missing",
  ],
};

export function buildEnterpriseCase(context: CaseContext): CaseDraft {
  const { random, applicationDate } = context;
  const representative = generatePerson(random, {
    bornBetween: ["1962-01-01", "1996-12-31"],
    referenceDate: applicationDate,
    expiredIdCard: has(context, "expired_id"),
  });
  const company = generateCompany(random, { region: representative.region, referenceDate: applicationDate });
  const notes: string[] = [`${company.companyName}, legal representative ${representative.name} files in person`];
  const { formName } = applyPersonDefects(context, representative, notes);
  if (has(context, "credit_code")) {
    const correct = company.creditCode;
    company.creditCode = withWrongCreditCheckCharacter(random, correct);
    notes.push(`credit code ${company.creditCode} has a wrong check character (valid: ${correct}); the form copies it`);
  }
  const title = random.chance(0.5) ? "经营主体注销登记“一件事”联办申请表" : "企业注销登记申请书";
  const form = renderApplicationForm({
    title,
    rows: [
      { section: "企业基本信息" },
      [{ label: "企业名称", value: company.companyName }],
      [{ label: "统一社会信用代码", value: company.creditCode }],
      [
        { label: "法定代表人", value: representative.name },
        { label: "注销方式", value: random.pick(["简易注销", "普通注销"]) },
      ],
      [{ label: "住所", value: company.address }],
      [{ label: "注销原因", value: random.pick(["股东会决议解散", "经营期限届满", "决定解散"]) }],
      { section: "申请人（经办人）信息" },
      [
        { label: "姓名", value: formName, field: "name" },
        { label: "性别", value: representative.sex, field: "sex" },
      ],
      [{ label: "公民身份号码", value: representative.idNumber, field: "idNumber" }],
      [{ label: "联系电话", value: representative.phone, field: "phone" }],
    ],
    matters: [
      "企业注销登记",
      "税务注销",
      "社会保险登记注销",
      "住房公积金单位缴存登记注销",
      "印章注销备案",
      "银行账户销户",
    ],
    declaration: "本企业承诺：已依法清偿债权债务，提交的材料真实、合法、有效，如有不实，愿意承担相应的法律责任。",
    signature: formName,
    signDate: applicationDate,
    sealName: company.companyName,
  });
  const licence = renderBusinessLicence(company, representative.name);
  const files: FileDraft[] = [
    { materialId: "business-deregistration-joint-form", documents: [form], kind: "page", label: "注销登记申请书" },
    { materialId: "business-licence", documents: [licence], kind: "page", label: "营业执照" },
    ...idCardFiles(random, representative, "legal-representative-id-card", "法人身份证"),
  ];
  if (context.defects.some((defect) => defect.kind === "wrong_type")) {
    notes.push("the legal representative's ID card front uploaded as business-licence");
    replaceMaterial(files, "business-licence", {
      materialId: "business-licence",
      documents: [renderIdCardFront(representative)],
      kind: "card",
      label: "营业执照",
    });
  }
  return {
    matterId: ENTERPRISE_MATTER_ID,
    scenario: {},
    form: {
      companyName: company.companyName,
      creditCode: company.creditCode,
      legalRepresentative: representative.name,
      name: formName,
      idNumber: representative.idNumber,
      phone: representative.phone,
      applicationDate,
    },
    files,
    tolerated: [
      { ruleId: "completeness.missing", materialId: "agent-id-card" },
      { ruleId: "completeness.missing", materialId: "power-of-attorney" },
    ],
    notes,
  };
}
