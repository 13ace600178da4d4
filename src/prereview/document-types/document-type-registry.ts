// One entry per document type: how each of its sides is recognised in text (signature) and read
// (field reader). Its name, sides, fields with their Chinese labels and what it can prefill are pure
// data in document-type-data.ts (bundled for the browser); both tables are checked against
// `DocumentType` and its sides, so a new type or side without a signature or a reader fails the build.
import type { DocumentType } from "../../catalog/index.js";
import {
  type DocumentSignature,
  FORM_TITLES,
  label,
  NOT_ON_ID_CARDS,
  type SignatureTraits,
} from "../classify/document-signatures.js";
import {
  looksLikeCardExpiryLine,
  looksLikeCardNumberLine,
  looksLikeCommitmentTitle,
  looksLikeFormTitle,
  looksLikeIdNumberLine,
  looksLikeValidityRange,
} from "../classify/line-patterns.js";
import { extractApplicationFormFields } from "../fields/extract-application-form-fields.js";
import { extractBankCardFields } from "../fields/extract-bank-card-fields.js";
import { extractBirthCertificateFields } from "../fields/extract-birth-certificate-fields.js";
import { extractBusinessLicenceFields } from "../fields/extract-business-licence-fields.js";
import { extractDeathCertificateFields } from "../fields/extract-death-certificate-fields.js";
import { extractDisabilityCertificateFields } from "../fields/extract-disability-certificate-fields.js";
import {
  extractHouseholdHomePageFields,
  extractHouseholdMemberPageFields,
} from "../fields/extract-household-register-fields.js";
import { extractIdCardBackFields, extractIdCardFrontFields } from "../fields/extract-id-card-fields.js";
import { extractMarriageCertificateFields } from "../fields/extract-marriage-certificate-fields.js";
import { extractSocialSecurityCardFields } from "../fields/extract-social-security-card-fields.js";
import type { FieldExtractor } from "../fields/make-field.js";
import type { DocumentSide } from "../types.js";
import type { ReadSideOf, SideOf } from "./document-type-data.js";

export interface DocumentTypeEntry<T extends DocumentType> {
  /** Each side's signature; `null` for a side that is not recognised from text. */
  signatures: { [S in SideOf<T>]: SignatureTraits | null };
  /** The reader of each side that has fields (document-type-data.ts). */
  readers: { [S in ReadSideOf<T>]: FieldExtractor };
}

export const DOCUMENT_TYPE_REGISTRY = {
  id_card: {
    signatures: {
      front: {
        signals: [
          label("姓名", 1),
          label("性别", 1),
          label("民族", 1.5),
          label("出生", 1),
          label("住址", 1.5),
          label("公民身份号码", 3),
          { name: "idNumber", test: looksLikeIdNumberLine, weight: 1.5 },
        ],
        requires: [
          ["公民身份号码", "idNumber"],
          ["民族", "住址", "出生", "性别"],
        ],
        excludes: [
          "常住人口登记卡",
          "出生医学证明",
          "结婚证",
          "社会保障卡",
          "残疾人证",
          "死亡医学证明",
          "居住证",
          "驾驶证",
          "户主或与户主关系",
          ...NOT_ON_ID_CARDS,
        ],
        enough: 6,
      },
      back: {
        signals: [
          label("中华人民共和国", 1.5),
          label("居民身份证", 2.5),
          label("签发机关", 3),
          label("有效期限", 3),
          { name: "validityRange", test: looksLikeValidityRange, weight: 2 },
          {
            name: "authority",
            test: (line) => /公安(局|厅|分局)$|分局$/.test(line.replace(/[^\p{Script=Han}]+$/u, "")),
            weight: 1.5,
          },
        ],
        // The labels print small and faint: OCR may keep only the values.
        requires: [["签发机关", "有效期限", "validityRange"]],
        excludes: ["居住证", "残疾人证", "社会保障卡", "驾驶证", ...NOT_ON_ID_CARDS],
        enough: 7,
      },
    },
    readers: { front: extractIdCardFrontFields, back: extractIdCardBackFields },
  },
  household_register: {
    signatures: {
      home_page: {
        signals: [
          label("居民户口簿", 2, "户口簿"),
          label("户别", 3),
          label("户主姓名", 3),
          label("户号", 2),
          label("住址", 0.5),
          label("户口专用章", 2),
          label("承办人签章", 1.5),
          { name: "householdType", test: (line) => /^(家庭户|集体户)$/.test(line.replace(/^户别/, "")), weight: 2.5 },
        ],
        requires: [["户别", "户主姓名", "户号", "householdType"]],
        excludes: ["常住人口登记卡", "户主或与户主关系", ...FORM_TITLES],
        enough: 6,
      },
      member_page: {
        signals: [
          label("常住人口登记卡", 4),
          label("户主或与户主关系", 3),
          label("曾用名", 1.5),
          label("出生地", 1),
          label("籍贯", 1.5),
          label("宗教信仰", 1),
          label("公民身份证件编号", 2),
          label("文化程度", 1),
          label("婚姻状况", 1),
          label("兵役状况", 1.5),
          label("服务处所", 1.5),
          label("何时由何地迁来本市", 1, "何时由何地迁来本址"),
        ],
        requires: [["常住人口登记卡", "户主或与户主关系"]],
        excludes: FORM_TITLES,
        enough: 7,
      },
    },
    readers: { home_page: extractHouseholdHomePageFields, member_page: extractHouseholdMemberPageFields },
  },
  birth_medical_certificate: {
    signatures: {
      single: {
        signals: [
          label("出生医学证明", 5),
          label("新生儿姓名", 2.5),
          label("出生时间", 1.5),
          label("接生机构", 2.5),
          label("出生孕周", 2),
          label("出生体重", 1.5),
          label("母亲姓名", 1.5),
          label("父亲姓名", 1.5),
          label("出生证编号", 2),
          label("健康状况", 1),
        ],
        requires: [["出生医学证明", "新生儿姓名", "接生机构", "出生孕周"]],
        excludes: FORM_TITLES,
        enough: 7,
      },
    },
    readers: { single: extractBirthCertificateFields },
  },
  marriage_certificate: {
    signatures: {
      single: {
        signals: [
          label("结婚证", 4),
          label("持证人", 2.5),
          label("登记日期", 1.5),
          label("结婚证字号", 3.5),
          label("婚姻登记专用章", 2),
          label("婚姻登记员", 1.5),
          label("申请结婚", 1),
        ],
        requires: [["结婚证", "结婚证字号", "持证人"]],
        excludes: ["离婚证", "离婚证字号", ...FORM_TITLES],
        enough: 6,
      },
    },
    readers: { single: extractMarriageCertificateFields },
  },
  business_licence: {
    signatures: {
      single: {
        signals: [
          label("营业执照", 4),
          label("统一社会信用代码", 3),
          label("法定代表人", 2, "经营者", "负责人", "执行事务合伙人"),
          label("注册资本", 2, "出资额"),
          label("成立日期", 2, "注册日期"),
          label("营业期限", 2, "经营期限", "合伙期限"),
          label("经营范围", 2),
          label("登记机关", 1),
          label("住所", 0.5, "经营场所", "主要经营场所"),
          label("国家企业信用信息公示系统", 1.5),
        ],
        requires: [["营业执照", "统一社会信用代码"]],
        excludes: FORM_TITLES,
        enough: 7,
      },
    },
    readers: { single: extractBusinessLicenceFields },
  },
  application_form: {
    signatures: {
      single: {
        signals: [
          { name: "formTitle", test: looksLikeFormTitle, weight: 4 },
          label("申请人签字", 3, "申请人(签字)", "申请人签名", "申请人(签名)", "申请人签章", "申请人(签章)"),
          label("申请日期", 1.5),
          label("申请事项", 1.5),
          label("联系电话", 1),
          label("申请人", 1),
        ],
        requires: [["formTitle", "申请人签字"]],
        enough: 6,
      },
    },
    readers: { single: extractApplicationFormFields },
  },
  social_security_card: {
    signatures: {
      single: {
        signals: [
          label("社会保障卡", 5),
          label("中华人民共和国", 1),
          label("社会保障号码", 4),
          label("卡号", 1),
          label("发卡日期", 2),
          label("人力资源和社会保障部", 1.5),
          label("姓名", 0.5),
        ],
        requires: [["社会保障卡", "社会保障号码"]],
        excludes: FORM_TITLES,
        enough: 6,
      },
    },
    readers: { single: extractSocialSecurityCardFields },
  },
  bank_card: {
    signatures: {
      single: {
        signals: [
          label("银行", 2),
          label("银联", 3, "UnionPay", "UNIONPAY"),
          { name: "cardNumber", test: looksLikeCardNumberLine, weight: 3 },
          label("借记卡", 1.5, "储蓄卡", "信用卡", "DEBIT", "CREDIT"),
          label("VALIDTHRU", 0.5, "有效期"),
          // The number is printed large over a patterned ground, where OCR can lose all of it on a
          // sharp photo (seed 3 of the README walk-through); the MM/YY expiry beside it is read.
          { name: "cardExpiry", test: looksLikeCardExpiryLine, weight: 1.5 },
        ],
        requires: [
          ["cardNumber", "cardExpiry"],
          ["银行", "银联"],
        ],
        excludes: ["社会保障卡", "社会保障号码", ...FORM_TITLES],
        enough: 6,
      },
    },
    readers: { single: extractBankCardFields },
  },
  disability_certificate: {
    signatures: {
      single: {
        signals: [
          label("残疾人证", 5),
          label("中国残疾人联合会", 2),
          label("残疾类别", 3),
          label("残疾等级", 3),
          label("残疾人证号", 2),
          label("监护人", 1),
        ],
        requires: [["残疾人证", "残疾类别", "残疾等级"]],
        excludes: FORM_TITLES,
        enough: 6,
      },
    },
    readers: { single: extractDisabilityCertificateFields },
  },
  death_certificate: {
    signatures: {
      single: {
        signals: [
          label("死亡医学证明", 5, "居民死亡医学证明"),
          label("死亡日期", 3),
          label("死亡原因", 2),
          label("死亡地点", 1.5),
          label("根本死亡原因", 1.5),
          label("推断", 1),
          label("医师签名", 1),
        ],
        requires: [["死亡医学证明", "死亡日期", "死亡原因"]],
        excludes: [...FORM_TITLES, "火化证明"],
        enough: 6,
      },
    },
    readers: { single: extractDeathCertificateFields },
  },
  // Types whose fields are not read yet: recognised by title and labels.
  cremation_certificate: {
    signatures: {
      single: {
        signals: [label("火化证明", 5), label("火化日期", 3), label("殡仪馆", 2)],
        requires: [["火化证明", "火化日期"]],
        enough: 5,
      },
    },
    readers: {},
  },
  residence_permit: {
    signatures: {
      single: {
        signals: [label("居住证", 5), label("居住地址", 2), label("签发日期", 1), label("公民身份号码", 1)],
        requires: [["居住证"]],
        excludes: FORM_TITLES,
        enough: 5,
      },
    },
    readers: {},
  },
  property_certificate: {
    signatures: {
      single: {
        signals: [
          label("不动产权证书", 5, "房屋所有权证"),
          label("不动产单元号", 3),
          label("权利人", 2),
          label("共有情况", 2),
          label("坐落", 1.5),
          label("权利性质", 1.5),
        ],
        requires: [["不动产权证书", "不动产单元号"]],
        excludes: FORM_TITLES,
        enough: 6,
      },
    },
    readers: {},
  },
  lease_contract: {
    signatures: {
      single: {
        signals: [
          label("租赁合同", 5),
          label("出租方", 2, "出租人"),
          label("承租方", 2, "承租人"),
          label("租金", 2),
          label("租赁期限", 2),
        ],
        requires: [["租赁合同", "出租方", "承租方"]],
        enough: 6,
      },
    },
    readers: {},
  },
  commitment_letter: {
    signatures: {
      single: {
        signals: [
          { name: "commitmentTitle", test: looksLikeCommitmentTitle, weight: 5 },
          label("本人承诺", 2, "郑重承诺"),
          label("承诺人", 2),
        ],
        requires: [["commitmentTitle"]],
        enough: 5,
      },
    },
    readers: {},
  },
  health_certificate: {
    signatures: {
      single: {
        signals: [label("健康证明", 4, "健康合格证"), label("体检日期", 2), label("从业人员", 2)],
        requires: [["健康证明"]],
        enough: 5,
      },
    },
    readers: {},
  },
  vaccination_certificate: {
    signatures: {
      single: {
        signals: [label("预防接种证", 5), label("疫苗", 2), label("接种日期", 2), label("接种单位", 2)],
        requires: [["预防接种证", "接种日期"]],
        enough: 5,
      },
    },
    readers: {},
  },
  medical_invoice: {
    signatures: {
      single: {
        signals: [
          label("收费票据", 4),
          label("医疗", 2),
          label("门诊", 1.5, "住院"),
          label("票据代码", 2),
          label("医保统筹", 2),
          label("个人自付", 2),
        ],
        requires: [["收费票据", "票据代码"]],
        enough: 6,
      },
    },
    readers: {},
  },
  driving_licence: {
    signatures: {
      single: {
        signals: [label("机动车驾驶证", 5), label("准驾车型", 3), label("初次领证日期", 2), label("档案编号", 1)],
        requires: [["机动车驾驶证", "准驾车型"]],
        enough: 5,
      },
    },
    readers: {},
  },
  only_child_certificate: {
    signatures: {
      single: {
        signals: [label("独生子女父母光荣证", 5), label("独生子女", 3), label("光荣证", 2)],
        requires: [["独生子女父母光荣证", "光荣证"]],
        enough: 5,
      },
    },
    readers: {},
  },
  // A photo is told by its file (no text to recognise); `other` is what no signature matched.
  photo: { signatures: { single: null }, readers: {} },
  other: { signatures: { single: null }, readers: {} },
} satisfies { [T in DocumentType]: DocumentTypeEntry<T> };

type Registry = { [T in DocumentType]: DocumentTypeEntry<T> };

/** Every signature, in the registry's order (ties in score keep it). */
export const documentSignatures: readonly DocumentSignature[] = Object.entries(
  DOCUMENT_TYPE_REGISTRY as Registry,
).flatMap(([documentType, entry]) =>
  Object.entries(entry.signatures as Partial<Record<DocumentSide, SignatureTraits | null>>).flatMap(
    ([side, signature]) =>
      signature ? [{ documentType: documentType as DocumentType, side: side as DocumentSide, ...signature }] : [],
  ),
);

/** The field reader of a document type's side, if its fields are read. */
export function fieldReader(documentType: string, side: DocumentSide): FieldExtractor | undefined {
  if (!Object.hasOwn(DOCUMENT_TYPE_REGISTRY, documentType)) return undefined;
  const readers: Partial<Record<DocumentSide, FieldExtractor>> = (DOCUMENT_TYPE_REGISTRY as Registry)[
    documentType as DocumentType
  ].readers;
  return readers[side];
}
