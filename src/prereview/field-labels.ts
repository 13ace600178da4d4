// Chinese labels of every field the documents are read into, for the clerk console and reports.
// Checked against document-fields.ts: a field added there without a label fails the build.
import type { DocumentFieldName } from "./document-fields.js";

export const FIELD_LABELS = {
  name: "姓名",
  sex: "性别",
  ethnicity: "民族",
  birthDate: "出生日期",
  address: "住址",
  idNumber: "公民身份号码",
  issuingAuthority: "签发机关",
  validFrom: "有效期起",
  validUntil: "有效期至",
  householderName: "户主姓名",
  householdType: "户别",
  relation: "与户主关系",
  birthplace: "出生地",
  childName: "新生儿姓名",
  childSex: "新生儿性别",
  birthPlace: "出生地点",
  motherName: "母亲姓名",
  motherIdNumber: "母亲身份证件号码",
  fatherName: "父亲姓名",
  fatherIdNumber: "父亲身份证件号码",
  certificateNumber: "证书编号",
  institution: "机构名称",
  holderName: "持证人",
  registrationDate: "登记日期",
  husbandName: "男方姓名",
  husbandIdNumber: "男方身份证件号码",
  wifeName: "女方姓名",
  wifeIdNumber: "女方身份证件号码",
  companyName: "企业名称",
  creditCode: "统一社会信用代码",
  companyType: "类型",
  legalRepresentative: "法定代表人",
  registeredCapital: "注册资本",
  establishedDate: "成立日期",
  businessTermUntil: "营业期限至",
  formTitle: "表格名称",
  phone: "联系电话",
  signed: "签名",
  signDate: "签署日期",
  cardNumber: "卡号",
  issueDate: "发卡日期",
  bankName: "开户银行",
  disabilityCategory: "残疾类别",
  disabilityLevel: "残疾等级",
  deathDate: "死亡日期",
} as const satisfies Record<DocumentFieldName, string>;

/** The Chinese label of a document field, or the name itself when unknown (a newer build's field). */
export function fieldLabel(name: string): string {
  return (FIELD_LABELS as Record<string, string>)[name] ?? name;
}
