// The service catalog: zod schemas of knowledge/ and its loader. Pure domain; reads only knowledge/.
export * from "./bundle.js";
export * from "./build-checklist.js";
export * from "./bundle-materials.js";
export * from "./common.js";
export * from "./faq.js";
export * from "./guide-sections.js";
export * from "./lexicon.js";
export * from "./load-catalog.js";
export * from "./matter.js";
export * from "./outside.js";
export * from "./policy.js";
export * from "./prereview-rules.js";
export * from "./review-point.js";
export * from "./benefit.js";
export * from "./benefit-facts.js";
export * from "./load-benefits.js";
export * from "./follow-recorded-version.js";
