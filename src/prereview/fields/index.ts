// Field extraction: reads the fields document-type-data.ts names from a recognised document's noisy
// OCR or text-layer lines (labels found fuzzily, values normalised: dates YYYY-MM-DD, sex 男|女,
// codes upper-case with OCR confusions repaired by position), each with confidence and evidence.
// `readDocuments` runs classification and extraction for one file.
export * from "./common-fields.js";
export * from "./extract-application-form-fields.js";
export * from "./extract-bank-card-fields.js";
export * from "./extract-birth-certificate-fields.js";
export * from "./extract-business-licence-fields.js";
export * from "./extract-death-certificate-fields.js";
export * from "./extract-disability-certificate-fields.js";
export * from "./extract-fields.js";
export * from "./extract-household-register-fields.js";
export * from "./extract-id-card-fields.js";
export * from "./extract-marriage-certificate-fields.js";
export * from "./extract-social-security-card-fields.js";
export * from "./find-codes.js";
export * from "./label-finder.js";
export * from "./make-field.js";
export * from "./normalize-code-characters.js";
export * from "./normalize-values.js";
export * from "./parse-chinese-date.js";
export * from "./parse-validity-range.js";
export * from "./read-documents.js";
