// 新生儿出生“一件事” for married parents, birth in the province, household on the father's side:
// the joint form, the birth medical certificate, the applicant's ID card and the child's social
// security card application; sometimes also the exempt marriage certificate and household register.
import {
  type CaseContext,
  type CaseDraft,
  type FileDraft,
  applyPersonDefects,
  has,
  idCardFiles,
  replaceMaterial,
} from "./case-common.js";
import { addDays, addYears, ageOn, chineseDatePadded, dateBetween } from "./dates.js";
import type { TemplateProfile } from "./defects.js";
import { generateBirthCertificateNumber, generateMarriageCertificateNumber } from "./generate-entity.js";
import {
  generateIdCardValidity,
  generateIdNumber,
  generateName,
  generatePerson,
  type Person,
  type Sex,
} from "./generate-person.js";
import { renderApplicationForm } from "./render-application-form.js";
import { renderSocialSecurityCard } from "./render-cards.js";
import { renderBirthMedicalCertificate, renderMarriageCertificate } from "./render-certificates.js";
import { renderHouseholdHomePage, renderHouseholdMemberPage } from "./render-household-register.js";

export const NEWBORN_SCENARIO = {
  "parents-married": "married",
  "born-in-province": "in-province",
  "household-side": "father",
  reimbursement: "no-need",
};

export const newbornProfile: TemplateProfile = {
  template: "newborn",
  requiredMaterials: [
    "newborn-joint-form",
    "birth-medical-certificate",
    "applicant-id-card",
    "social-security-card-application-form",
  ],
  idCardMaterial: "applicant-id-card",
  wrongTypeMaterials: ["birth-medical-certificate", "applicant-id-card"],
  eligibilityMaterials: ["newborn-joint-form", "birth-medical-certificate"],
  formMaterial: "newborn-joint-form",
  defectKinds: [
    "missing_material",
    "expired_id",
    "id_check_digit",
    "name_mismatch",
    "child_age",
    "unreadable",
    "wrong_type",
    "side_missing",
  ],
};

export function buildNewbornCase(context: CaseContext): CaseDraft {
  const { random, applicationDate } = context;
  const tooOld = has(context, "child_age");
  const childBirth = addDays(applicationDate, tooOld ? -random.int(370, 700) : -random.int(12, 330));
  const father = generatePerson(random, {
    sex: "男",
    bornBetween: [addYears(childBirth, -40), addYears(childBirth, -25)],
    referenceDate: applicationDate,
  });
  const mother = generatePerson(random, {
    sex: "女",
    bornBetween: [addYears(childBirth, -38), addYears(childBirth, -23)],
    region: father.region,
    address: father.address,
    referenceDate: applicationDate,
  });
  const applicantIsFather = random.chance(0.7);
  const applicant: Person = applicantIsFather ? father : mother;
  if (has(context, "expired_id")) applicant.idCard = generateIdCardValidity(random, applicant, applicationDate, true);
  const notes = [
    `child born ${childBirth}${tooOld ? `, one year old or more on ${applicationDate}` : ""}`,
    `applicant: ${applicantIsFather ? "father" : "mother"}`,
  ];
  const { formName } = applyPersonDefects(context, applicant, notes);

  const childSex: Sex = random.chance(0.5) ? "男" : "女";
  const childName = generateName(random, childSex, [...father.name][0]);
  const childIdNumber = generateIdNumber(random, father.region.code, childBirth, childSex);
  const institution = random.pick(father.region.hospitals);
  const birthCertificate = renderBirthMedicalCertificate({
    childName,
    childSex,
    birthDate: childBirth,
    birthTime: `${String(random.int(0, 23)).padStart(2, "0")}:${String(random.int(0, 59)).padStart(2, "0")}`,
    birthPlace: `${father.region.province}${father.region.city}${father.region.district}`,
    motherName: mother.name,
    motherIdNumber: mother.idNumber,
    motherAge: ageOn(mother.birthDate, childBirth),
    motherEthnicity: mother.ethnicity,
    fatherName: father.name,
    fatherIdNumber: father.idNumber,
    fatherAge: ageOn(father.birthDate, childBirth),
    fatherEthnicity: father.ethnicity,
    certificateNumber: generateBirthCertificateNumber(random, father.region.code),
    institution,
    issueDate: addDays(childBirth, random.int(2, 20)),
    gestationWeeks: random.int(37, 41),
    weightGrams: random.int(2700, 4000),
    lengthCm: random.int(47, 53),
  });

  const jointForm = renderApplicationForm({
    title: "新生儿出生“一件事”联办申请表",
    rows: [
      { section: "申请人（监护人）信息" },
      [
        { label: "姓名", value: formName, field: "name" },
        { label: "性别", value: applicant.sex, field: "sex" },
      ],
      [{ label: "公民身份号码", value: applicant.idNumber, field: "idNumber" }],
      [
        {
          label: "出生日期",
          value: chineseDatePadded(applicant.birthDate),
          field: "birthDate",
          truth: applicant.birthDate,
        },
        { label: "联系电话", value: applicant.phone, field: "phone" },
      ],
      [{ label: "住址", value: applicant.address, field: "address" }],
      { section: "新生儿信息" },
      [
        { label: "新生儿姓名", value: childName },
        { label: "新生儿性别", value: childSex },
      ],
      [
        { label: "出生日期", value: chineseDatePadded(childBirth) },
        { label: "出生证编号", value: birthCertificate.truth.fields.certificateNumber as string },
      ],
      { section: "父母信息" },
      [
        { label: "父亲姓名", value: father.name },
        { label: "母亲姓名", value: mother.name },
      ],
      [{ label: "父亲身份证号", value: father.idNumber }],
      [{ label: "母亲身份证号", value: mother.idNumber }],
      [{ label: "落户地址", value: father.address }],
    ],
    matters: [
      "出生医学证明",
      "户口登记",
      "预防接种证",
      "社会保障卡申领",
      "城乡居民医保参保登记",
      "科学育儿指导服务登记",
    ],
    signature: formName,
    signDate: applicationDate,
  });

  const sscForm = renderApplicationForm({
    title: "社会保障卡申领表",
    rows: [
      { section: "申领人信息" },
      [
        { label: "姓名", value: childName, field: "name" },
        { label: "性别", value: childSex, field: "sex" },
      ],
      [{ label: "公民身份号码", value: childIdNumber, field: "idNumber" }],
      [
        { label: "出生日期", value: chineseDatePadded(childBirth), field: "birthDate", truth: childBirth },
        { label: "联系电话", value: applicant.phone, field: "phone" },
      ],
      [{ label: "住址", value: father.address, field: "address" }],
      { section: "监护人信息" },
      [
        { label: "监护人姓名", value: formName },
        { label: "与申领人关系", value: applicantIsFather ? "父子（女）" : "母子（女）" },
      ],
      [{ label: "监护人身份证号", value: applicant.idNumber }],
    ],
    declaration: "本人承诺所填信息真实有效，委托代办新生儿社会保障卡申领，并同意将个人信息用于社会保障卡制发。",
    signature: formName,
    signDate: applicationDate,
  });

  const files: FileDraft[] = [
    { materialId: "newborn-joint-form", documents: [jointForm], kind: "page", label: "新生儿出生联办申请表" },
    { materialId: "birth-medical-certificate", documents: [birthCertificate], kind: "page", label: "出生医学证明" },
    ...idCardFiles(random, applicant, "applicant-id-card", applicantIsFather ? "父亲身份证" : "母亲身份证"),
    { materialId: "social-security-card-application-form", documents: [sscForm], kind: "page", label: "社保卡申领表" },
  ];
  const registration = dateBetween(random.next, addYears(childBirth, -6), addDays(childBirth, -200));
  const marriage = renderMarriageCertificate({
    holderName: applicant.name,
    registrationDate: registration,
    certificateNumber: generateMarriageCertificateNumber(random, father.region.code, registration),
    husband: father,
    wife: mother,
    office: `${father.region.city}${father.region.district}民政局`,
  });
  if (random.chance(0.35))
    files.push({ materialId: "marriage-certificate", documents: [marriage], kind: "page", label: "结婚证" });
  if (random.chance(0.3)) {
    const issued = dateBetween(random.next, "2008-01-01", addDays(registration, 100));
    const home = renderHouseholdHomePage({
      householderName: father.name,
      householdNumber: `${father.region.code}${String(random.int(0, 999_999)).padStart(6, "0")}`,
      address: father.address,
      registrationAuthority: `${father.region.cityShort}市公安局${father.region.district.replace(/区$/, "")}分局`,
      issueDate: issued,
    });
    const member = renderHouseholdMemberPage({
      person: father,
      relation: "户主",
      education: random.pick(["大学本科", "大学专科", "高中", "硕士研究生"]),
      maritalStatus: "已婚",
      registrationDate: issued,
    });
    files.push({
      materialId: "household-register",
      documents: [home, member],
      kind: "page",
      label: "户口簿首页及本人页",
    });
  }
  const wrongType = context.defects.find((defect) => defect.kind === "wrong_type")?.materialId;
  if (wrongType) {
    const replacement =
      wrongType === "birth-medical-certificate"
        ? marriage
        : renderSocialSecurityCard({
            name: applicant.name,
            idNumber: applicant.idNumber,
            cardNumber: `${random.pick(["A", "B", "C"])}${String(random.int(0, 99_999_999)).padStart(8, "0")}`,
            issueDate: dateBetween(random.next, "2016-01-01", "2024-12-31").slice(0, 7),
            bankName: random.pick(["中国工商银行", "中国建设银行", "甘肃银行"]),
          });
    notes.push(`a ${replacement.truth.documentType} uploaded as ${wrongType}`);
    replaceMaterial(files, wrongType, {
      materialId: wrongType,
      documents: [replacement],
      kind: replacement.truth.documentType === "social_security_card" ? "card" : "page",
      label: "材料照片",
    });
  }
  return {
    bundleId: "newborn",
    scenario: { ...NEWBORN_SCENARIO },
    form: {
      name: formName,
      idNumber: applicant.idNumber,
      phone: applicant.phone,
      childName,
      childSex,
      childBirthDate: childBirth,
      fatherName: father.name,
      fatherIdNumber: father.idNumber,
      motherName: mother.name,
      motherIdNumber: mother.idNumber,
      applicationDate,
    },
    files,
    tolerated: [],
    notes,
  };
}
