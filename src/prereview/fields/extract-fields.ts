import { documentPages } from "../classify/index.js";
import type { ExtractedField, PageText, RecognisedDocument } from "../types.js";
import { extractApplicationFormFields } from "./extract-application-form-fields.js";
import { extractBankCardFields } from "./extract-bank-card-fields.js";
import { extractBirthCertificateFields } from "./extract-birth-certificate-fields.js";
import { extractBusinessLicenceFields } from "./extract-business-licence-fields.js";
import { extractDeathCertificateFields } from "./extract-death-certificate-fields.js";
import { extractDisabilityCertificateFields } from "./extract-disability-certificate-fields.js";
import {
  extractHouseholdHomePageFields,
  extractHouseholdMemberPageFields,
} from "./extract-household-register-fields.js";
import { extractIdCardBackFields, extractIdCardFrontFields } from "./extract-id-card-fields.js";
import { extractMarriageCertificateFields } from "./extract-marriage-certificate-fields.js";
import { extractSocialSecurityCardFields } from "./extract-social-security-card-fields.js";
import { toSourceLines } from "./label-finder.js";
import type { FieldExtractor } from "./make-field.js";

/** Extractors by `documentType/side`; types without one (photos, contracts, …) yield no fields. */
export const fieldExtractors: Readonly<Record<string, FieldExtractor>> = {
  "id_card/front": extractIdCardFrontFields,
  "id_card/back": extractIdCardBackFields,
  "household_register/home_page": extractHouseholdHomePageFields,
  "household_register/member_page": extractHouseholdMemberPageFields,
  "birth_medical_certificate/single": extractBirthCertificateFields,
  "marriage_certificate/single": extractMarriageCertificateFields,
  "business_licence/single": extractBusinessLicenceFields,
  "application_form/single": extractApplicationFormFields,
  "social_security_card/single": extractSocialSecurityCardFields,
  "bank_card/single": extractBankCardFields,
  "disability_certificate/single": extractDisabilityCertificateFields,
  "death_certificate/single": extractDeathCertificateFields,
};

/**
 * The fields printed on a recognised document, read from its pages' lines (`pages` may be all of
 * the file's pages: only the document's own are used). Field names follow document-fields.ts.
 */
export function extractFields(document: RecognisedDocument, pages: readonly PageText[]): ExtractedField[] {
  const extractor = fieldExtractors[`${document.documentType}/${document.side}`];
  if (!extractor) return [];
  return extractor({ fileId: document.fileId, lines: toSourceLines(documentPages(document, pages)) });
}
