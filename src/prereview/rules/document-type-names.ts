import type { DocumentSide } from "../types.js";

/** Chinese names of document types, for messages. */
export const DOCUMENT_TYPE_NAMES: Record<string, string> = {
  id_card: "居民身份证",
  household_register: "居民户口簿",
  marriage_certificate: "结婚证",
  birth_medical_certificate: "出生医学证明",
  business_licence: "营业执照",
  application_form: "申请表",
  social_security_card: "社会保障卡",
  bank_card: "银行卡",
  disability_certificate: "残疾人证",
  death_certificate: "死亡医学证明",
  cremation_certificate: "火化证明",
  residence_permit: "居住证",
  property_certificate: "不动产权证书",
  lease_contract: "租赁合同",
  commitment_letter: "承诺书",
  health_certificate: "健康证明",
  photo: "照片",
  vaccination_certificate: "预防接种证",
  medical_invoice: "医疗费用票据",
  driving_licence: "驾驶证",
  only_child_certificate: "独生子女父母光荣证",
  other: "无法识别的材料",
};

export const SIDE_NAMES: Record<DocumentSide, string> = {
  front: "人像面",
  back: "国徽面",
  home_page: "首页",
  member_page: "本人页",
  single: "",
};

/** Sides a complete copy of the document shows; types not listed are one page. */
export const REQUIRED_SIDES: Record<string, readonly DocumentSide[]> = {
  id_card: ["front", "back"],
  household_register: ["home_page", "member_page"],
};

export function documentTypeName(type: string | undefined): string {
  return DOCUMENT_TYPE_NAMES[type ?? "other"] ?? "材料";
}
