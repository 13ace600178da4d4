// Generator of Chinese government documents (ID cards, household registers, certificates, licences,
// forms, cards) as images, phone photos and PDFs with known fields, and of pre-review cases with
// planted defects and the findings they should produce. Deterministic from a seed. Used by the pre-review
// evaluation, by tests and by the README example (cli.ts writes cases with a curl.sh each).
export * from "./case-common.js";
export { buildEnterpriseCase, ENTERPRISE_MATTER_ID, enterpriseProfile } from "./case-enterprise.js";
export { buildNewbornCase, NEWBORN_SCENARIO, newbornProfile } from "./case-newborn.js";
export { buildRetirementCase, RETIREMENT_SCENARIO, retirementProfile } from "./case-retirement.js";
export * from "./dates.js";
export * from "./defects.js";
export * from "./degrade.js";
export * from "./drawing.js";
export * from "./generate-cases.js";
export * from "./generate-entity.js";
export * from "./generate-person.js";
export { hasGlyph } from "./pdf-type3-font.js";
export * from "./photograph.js";
export * from "./random.js";
export { rasterize, registerFonts } from "./rasterize.js";
export * from "./render-application-form.js";
export * from "./render-business-licence.js";
export * from "./render-cards.js";
export * from "./render-certificates.js";
export * from "./render-file.js";
export * from "./render-household-register.js";
export * from "./render-id-card.js";
export * from "./render-pdf.js";
export * from "./types.js";
export * from "./write-case.js";
