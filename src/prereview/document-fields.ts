// The fields read from each document type and side. One vocabulary for the generator (evals),
// the extractors, the rules in knowledge/ and the form: form fields use the same names where they
// mean the same thing (`name`, `idNumber`, `sex`, `birthDate`, `companyName`, `creditCode`, …).

/** Field names per document type and side. `side` keys are DocumentSide values. */
export const documentFields = {
  id_card: {
    // 居民身份证 front: 姓名 性别 民族 出生 住址 公民身份号码
    front: ["name", "sex", "ethnicity", "birthDate", "address", "idNumber"],
    // back: 签发机关 有效期限 YYYY.MM.DD-YYYY.MM.DD | …-长期
    back: ["issuingAuthority", "validFrom", "validUntil"],
  },
  household_register: {
    // 户口簿 首页 (户别 户主姓名 住址) and 常住人口登记卡 (a member's page)
    home_page: ["householderName", "householdType", "address"],
    member_page: ["name", "relation", "sex", "ethnicity", "birthDate", "birthplace", "idNumber"],
  },
  birth_medical_certificate: {
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
  marriage_certificate: {
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
  business_licence: {
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
  application_form: {
    // 申请表: the title says which; fields as filled in
    single: ["formTitle", "name", "sex", "idNumber", "birthDate", "phone", "address", "signed", "signDate"],
  },
  social_security_card: {
    single: ["name", "idNumber", "cardNumber", "issueDate"],
  },
  bank_card: {
    single: ["bankName", "cardNumber"],
  },
  disability_certificate: {
    single: ["name", "sex", "idNumber", "disabilityCategory", "disabilityLevel", "certificateNumber", "validUntil"],
  },
  death_certificate: {
    single: ["name", "sex", "idNumber", "deathDate", "institution"],
  },
} as const;

export type DocumentFieldName = {
  [T in keyof typeof documentFields]: {
    [S in keyof (typeof documentFields)[T]]: (typeof documentFields)[T][S] extends readonly (infer F)[] ? F : never;
  }[keyof (typeof documentFields)[T]];
}[keyof typeof documentFields];
