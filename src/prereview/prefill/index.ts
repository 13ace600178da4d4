// Prefill (智能预填): the application form filled from what the applicant already gave — the
// documents pre-review read, scenario answers, the portal profile, values derived from these —
// each value with its source, a confidence, conflicts shown rather than decided, and the problem of
// a value that fails its check.
export * from "./check-field-value.js";
export * from "./derivation-rules.js";
export * from "./field-sources.js";
export * from "./prefill-form.js";
export * from "./prefill-result.js";
export * from "./describe-form.js";
export * from "./prefill-from-report.js";
