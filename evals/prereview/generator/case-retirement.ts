// 退休“一件事” for an employee retiring at the statutory age: ID card, the joint form, the social
// security card. The retirement-age defect makes the applicant a few months too young.
import { type RetirementCategory, statutoryRetirementAge } from "../../../src/prereview/index.js";
import {
  type CaseContext,
  type CaseDraft,
  type FileDraft,
  applyPersonDefects,
  has,
  idCardFiles,
  replaceMaterial,
} from "./case-common.js";
import { addYears, chineseDatePadded, dateBetween } from "./dates.js";
import type { TemplateProfile } from "./defects.js";
import { generateBankCard, generateCompany, generateSocialSecurityCardNumber } from "./generate-entity.js";
import { generatePerson } from "./generate-person.js";
import { renderApplicationForm } from "./render-application-form.js";
import { renderBankCard, renderSocialSecurityCard } from "./render-cards.js";

export const RETIREMENT_SCENARIO = {
  "applicant-type": "employee",
  "early-retirement": "none",
  "only-child": "not-only-child-parent",
  "hukou-out-of-province": "in-province",
};

export const retirementProfile: TemplateProfile = {
  template: "retirement",
  requiredMaterials: ["applicant-id-card", "retirement-joint-form", "social-security-card"],
  idCardMaterial: "applicant-id-card",
  wrongTypeMaterials: ["social-security-card", "applicant-id-card"],
  eligibilityMaterials: ["applicant-id-card", "retirement-joint-form"],
  formMaterial: "retirement-joint-form",
  defectKinds: [
    "missing_material",
    "expired_id",
    "id_check_digit",
    "name_mismatch",
    "retirement_age",
    "unreadable",
    "wrong_type",
    "side_missing",
  ],
};

const CATEGORY_LABELS: Record<RetirementCategory, string> = {
  male: "男职工",
  female_cadre: "女干部",
  female_worker: "女工人",
};

const monthIndex = (yearMonth: string) => Number(yearMonth.slice(0, 4)) * 12 + Number(yearMonth.slice(5, 7)) - 1;

/** A birth month whose statutory age is reached `monthsBefore` months before the application month. */
function birthDateFor(context: CaseContext, category: RetirementCategory, tooYoung: boolean): string {
  const application = monthIndex(context.applicationDate);
  const candidates: string[] = [];
  for (let year = 1955; year <= 1990; year++)
    for (let month = 1; month <= 12; month++) {
      const birth = `${year}-${String(month).padStart(2, "0")}`;
      const gap = application - monthIndex(statutoryRetirementAge(category, birth).reachedIn);
      if (tooYoung ? gap <= -2 && gap >= -18 : gap >= 1 && gap <= 4) candidates.push(birth);
    }
  const month = context.random.pick(candidates);
  return `${month}-${String(context.random.int(1, 28)).padStart(2, "0")}`;
}

export function buildRetirementCase(context: CaseContext): CaseDraft {
  const { random, applicationDate } = context;
  const category = random.pick<RetirementCategory>(["male", "male", "female_cadre", "female_worker"]);
  const tooYoung = has(context, "retirement_age");
  const birthDate = birthDateFor(context, category, tooYoung);
  const person = generatePerson(random, {
    sex: category === "male" ? "男" : "女",
    birthDate,
    referenceDate: applicationDate,
    expiredIdCard: has(context, "expired_id"),
  });
  const notes: string[] = [`${CATEGORY_LABELS[category]} born ${birthDate}`];
  const age = statutoryRetirementAge(category, birthDate);
  notes.push(
    `statutory age ${age.years}y${age.extraMonths}m reached ${age.reachedIn}${tooYoung ? `, after the application ${applicationDate}` : ""}`,
  );
  const { formName } = applyPersonDefects(context, person, notes);
  const employer = generateCompany(random, { region: person.region, referenceDate: applicationDate });
  const bank = generateBankCard(random);
  const workStart = addYears(birthDate, random.int(18, 24)).slice(0, 7);

  const form = renderApplicationForm({
    title: "退休“一件事”联办申请表",
    rows: [
      { section: "申请人基本信息" },
      [
        { label: "姓名", value: formName, field: "name" },
        { label: "性别", value: person.sex, field: "sex" },
      ],
      [{ label: "公民身份号码", value: person.idNumber, field: "idNumber" }],
      [
        { label: "出生日期", value: chineseDatePadded(birthDate), field: "birthDate", truth: birthDate },
        { label: "联系电话", value: person.phone, field: "phone" },
      ],
      [{ label: "住址", value: person.address, field: "address" }],
      { section: "退休信息" },
      [
        { label: "退休类别", value: CATEGORY_LABELS[category] },
        { label: "参加工作时间", value: `${workStart.slice(0, 4)}年${workStart.slice(5, 7)}月` },
      ],
      [{ label: "工作单位", value: employer.companyName }],
      [{ label: "社会保障卡开户银行", value: bank.bankName }],
    ],
    matters: [
      "养老保险待遇资格确认",
      "基本养老保险参保缴费年限认定",
      "基本养老金核定发放",
      "职工医保退休人员缴费年限核定",
      "住房公积金退休提取",
      "户籍信息确认",
    ],
    signature: formName,
    signDate: applicationDate,
  });

  const ssc = renderSocialSecurityCard({
    name: person.name,
    idNumber: person.idNumber,
    cardNumber: generateSocialSecurityCardNumber(random),
    issueDate: dateBetween(random.next, "2016-01-01", "2024-12-31").slice(0, 7),
    bankName: bank.bankName,
  });
  const files: FileDraft[] = [
    ...idCardFiles(random, person, "applicant-id-card"),
    { materialId: "retirement-joint-form", documents: [form], kind: "page", label: "退休联办申请表" },
    { materialId: "social-security-card", documents: [ssc], kind: "card", label: "社保卡" },
  ];
  const wrongType = context.defects.find((defect) => defect.kind === "wrong_type")?.materialId;
  if (wrongType) {
    const replacement = wrongType === "social-security-card" ? renderBankCard(bank) : ssc;
    notes.push(`a ${replacement.truth.documentType} uploaded as ${wrongType}`);
    replaceMaterial(files, wrongType, {
      materialId: wrongType,
      documents: [replacement],
      kind: "card",
      label: "证件照片",
    });
  }
  return {
    bundleId: "retirement",
    scenario: { ...RETIREMENT_SCENARIO },
    form: {
      name: formName,
      idNumber: person.idNumber,
      sex: person.sex,
      birthDate,
      phone: person.phone,
      address: person.address,
      retirementCategory: category,
      applicationDate,
    },
    files,
    tolerated: [],
    notes,
  };
}
