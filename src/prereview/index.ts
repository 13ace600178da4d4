// Pre-review (智能预审): reads uploaded materials, recognises each document, extracts its fields,
// checks them against the matter's requirements and rules (declared in knowledge/), and reports
// findings with evidence plus one correction notice. It suggests; a clerk decides.
export * from "./correction-notice.js";
export * from "./create-prereview-pipeline.js";
export * from "./document-types/document-type-data.js";
export * from "./document-types/document-type-registry.js";
export * from "./follow-catalog-versions.js";
export type * from "./pipeline.js";
export { type CaseRequirements, type RequiredMaterial, resolveCaseRequirements } from "./rules/case-requirements.js";
export {
  judgeReadability,
  READABILITY_THRESHOLDS,
  type ReadabilityJudgement,
  type RetakeFix,
} from "./rules/judge-readability.js";
export { reviewCase } from "./rules/review-case.js";
export * from "./statutory-retirement-age.js";
export * from "./types.js";
export * from "./validate-credit-code.js";
export * from "./validate-id-number.js";
export * from "./create-default-prereview-pipeline.js";
export { detectFileKind } from "./intake/index.js";
// The generator photographs documents at an angle with the same perspective maps.
export {
  applyHomography,
  type Homography,
  invertHomography,
  type PixelBuffer,
  type Point,
  solveHomography,
  warpPerspective,
} from "./extract/index.js";
export * from "./prefill/index.js";
export * from "./review-points.js";
export * from "./render-file-page.js";
