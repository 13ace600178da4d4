// What each document type is, as pure data: its Chinese name, its sides with the fields read from
// each, how its pages sit in a file, and which of its fields may fill an application form's field of
// the same name. One vocabulary for the generator (evals), the extractors, the rules in knowledge/,
// prefill and the clerk console: form fields use the same names where they mean the same thing
// (`name`, `idNumber`, `sex`, `birthDate`, `companyName`, `creditCode`, …).
// No imports but types: the console bundles this file for the browser. How each type is recognised
// and read (signatures, readers) is in document-type-registry.ts, keyed by the same types and sides.
import type { DocumentType } from "../../catalog/matter.js";
import type { DocumentSide } from "../types.js";

export interface DocumentTypeData {
  /** Chinese name, for messages and the console. */
  name: string;
  /** The sides (or pages) a complete copy shows, in order, each with the fields read from it; `[]`: recognised, not read. */
  sides: Partial<Record<DocumentSide, readonly string[]>>;
  /**
   * `card`: one page per document, and two may be copied on one sheet; `multi_page`: runs over pages
   * whose later pages carry none of the first page's titles; `page`: anything else.
   */
  layout: "card" | "multi_page" | "page";
  /**
   * Fields about the document itself (its number, issuer, validity, signature), never copied into a
   * form; the others describe the holder, and a form field of the same name may be prefilled from them.
   */
  ownFields: readonly string[];
  /** The field that says until when the document is valid, checked against the application date. */
  expiryField?: string;
  /**
   * Its numbers are the ones taken as right (an ID card, a business licence): checked first, so a
   * wrong number repeated elsewhere is reported on it.
   */
  authoritative?: boolean;
}

const NOT_READ = { sides: { single: [] }, ownFields: [] } as const;

export const DOCUMENT_TYPE_DATA = {
  id_card: {
    name: "居民身份证",
    sides: {
      // 居民身份证 front: 姓名 性别 民族 出生 住址 公民身份号码
      front: ["name", "sex", "ethnicity", "birthDate", "address", "idNumber"],
      // back: 签发机关 有效期限 YYYY.MM.DD-YYYY.MM.DD | …-长期
      back: ["issuingAuthority", "validFrom", "validUntil"],
    },
    layout: "card",
    ownFields: ["issuingAuthority", "validFrom", "validUntil"],
    expiryField: "validUntil",
    authoritative: true,
  },
  household_register: {
    name: "居民户口簿",
    sides: {
      // 户口簿 首页 (户别 户主姓名 住址) and 常住人口登记卡 (a member's page)
      home_page: ["householderName", "householdType", "address"],
      member_page: ["name", "relation", "sex", "ethnicity", "birthDate", "birthplace", "idNumber"],
    },
    layout: "page",
    ownFields: [],
  },
  marriage_certificate: {
    name: "结婚证",
    sides: {
      single: [
        "holderName",
        "registrationDate",
        "certificateNumber",
        "husbandName",
        "husbandIdNumber",
        "wifeName",
        "wifeIdNumber",
      ],
    },
    layout: "multi_page",
    ownFields: ["certificateNumber"],
  },
  birth_medical_certificate: {
    name: "出生医学证明",
    sides: {
      single: [
        "childName",
        "childSex",
        "birthDate",
        "birthPlace",
        "motherName",
        "motherIdNumber",
        "fatherName",
        "fatherIdNumber",
        "certificateNumber",
        "institution",
      ],
    },
    layout: "page",
    ownFields: ["certificateNumber", "institution"],
  },
  business_licence: {
    name: "营业执照",
    sides: {
      single: [
        "companyName",
        "creditCode",
        "companyType",
        "legalRepresentative",
        "registeredCapital",
        "establishedDate",
        "businessTermUntil",
        "address",
      ],
    },
    layout: "page",
    ownFields: [],
    expiryField: "businessTermUntil",
    authoritative: true,
  },
  application_form: {
    name: "申请表",
    // 申请表: the title says which; fields as filled in
    sides: { single: ["formTitle", "name", "sex", "idNumber", "birthDate", "phone", "address", "signed", "signDate"] },
    layout: "multi_page",
    ownFields: ["formTitle", "signed", "signDate"],
  },
  social_security_card: {
    name: "社会保障卡",
    sides: { single: ["name", "idNumber", "cardNumber", "issueDate"] },
    layout: "card",
    ownFields: ["cardNumber", "issueDate"],
  },
  bank_card: {
    name: "银行卡",
    sides: { single: ["bankName", "cardNumber"] },
    layout: "card",
    ownFields: [],
  },
  disability_certificate: {
    name: "残疾人证",
    sides: {
      single: ["name", "sex", "idNumber", "disabilityCategory", "disabilityLevel", "certificateNumber", "validUntil"],
    },
    layout: "page",
    ownFields: ["certificateNumber", "validUntil"],
    expiryField: "validUntil",
  },
  death_certificate: {
    name: "死亡医学证明",
    sides: { single: ["name", "sex", "idNumber", "deathDate", "institution"] },
    layout: "multi_page",
    ownFields: ["institution"],
  },
  // Types the catalog names whose fields are not read yet: recognised by title and labels.
  cremation_certificate: { name: "火化证明", layout: "page", ...NOT_READ },
  residence_permit: { name: "居住证", layout: "card", ...NOT_READ },
  property_certificate: { name: "不动产权证书", layout: "multi_page", ...NOT_READ },
  lease_contract: { name: "租赁合同", layout: "multi_page", ...NOT_READ },
  commitment_letter: { name: "承诺书", layout: "multi_page", ...NOT_READ },
  health_certificate: { name: "健康证明", layout: "page", ...NOT_READ },
  photo: { name: "照片", layout: "page", ...NOT_READ },
  vaccination_certificate: { name: "预防接种证", layout: "page", ...NOT_READ },
  medical_invoice: { name: "医疗费用票据", layout: "multi_page", ...NOT_READ },
  driving_licence: { name: "驾驶证", layout: "card", ...NOT_READ },
  only_child_certificate: { name: "独生子女父母光荣证", layout: "page", ...NOT_READ },
  other: { name: "无法识别的材料", layout: "page", ...NOT_READ },
} as const satisfies Record<DocumentType, DocumentTypeData>;

type Data = typeof DOCUMENT_TYPE_DATA;

/** The sides of a document type. */
export type SideOf<T extends DocumentType> = keyof Data[T]["sides"] & DocumentSide;

/** The sides of a document type that have fields to read. */
export type ReadSideOf<T extends DocumentType> = {
  [S in SideOf<T>]: Data[T]["sides"][S] extends readonly [] ? never : S;
}[SideOf<T>];

/** Every field name a document is read into. */
export type DocumentFieldName = {
  [T in DocumentType]: {
    [S in SideOf<T>]: Data[T]["sides"][S] extends readonly (infer F)[] ? F : never;
  }[SideOf<T>];
}[DocumentType];

/** Field names per document type and side, for the types that have fields to read. */
export const documentFields = Object.fromEntries(
  Object.entries(DOCUMENT_TYPE_DATA).flatMap(([type, data]) =>
    Object.values(data.sides).some((fields) => fields.length > 0) ? [[type, data.sides]] : [],
  ),
) as { [T in DocumentType as ReadSideOf<T> extends never ? never : T]: Data[T]["sides"] };

export const SIDE_NAMES: Record<DocumentSide, string> = {
  front: "人像面",
  back: "国徽面",
  home_page: "首页",
  member_page: "本人页",
  single: "",
};

/** Chinese labels of every field the documents are read into: a field added above without one fails the build. */
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

/** The data of a document type by its code; undefined for a code this build does not know. */
export function documentTypeData(type: string | undefined): DocumentTypeData | undefined {
  return type && Object.hasOwn(DOCUMENT_TYPE_DATA, type) ? DOCUMENT_TYPE_DATA[type as DocumentType] : undefined;
}

/** The Chinese label of a document field, or the name itself when unknown (a newer build's field). */
export function fieldLabel(name: string): string {
  return (FIELD_LABELS as Record<string, string>)[name] ?? name;
}

/** The Chinese name of a document type; 「无法识别的材料」 for none, 「材料」 for a code this build does not know. */
export function documentTypeName(type: string | undefined): string {
  return documentTypeData(type ?? "other")?.name ?? "材料";
}

/** The sides a complete copy must show, when it has more than one; none for one-page types and unknown codes. */
export function requiredSides(type: string | undefined): readonly DocumentSide[] | undefined {
  const sides = Object.keys(documentTypeData(type)?.sides ?? {}) as DocumentSide[];
  return sides.length > 1 ? sides : undefined;
}

/** Whether a form field may be prefilled from the field of the same name on a document of this type (any, for an unknown type). */
export function prefillsField(type: string | undefined, field: string): boolean {
  const data = documentTypeData(type);
  if (!data) return true;
  return Object.values(data.sides).some((fields) => fields.includes(field)) && !data.ownFields.includes(field);
}

/** Document types of a layout. */
export function documentTypesLaidOut(layout: DocumentTypeData["layout"]): ReadonlySet<string> {
  return new Set(Object.entries(DOCUMENT_TYPE_DATA).flatMap(([type, data]) => (data.layout === layout ? [type] : [])));
}
