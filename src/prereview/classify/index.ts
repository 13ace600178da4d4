// Document classification: which catalog document type and side each page of a file is, from
// titles, labels and patterns in its (noisy) text, with a calibrated confidence and the signals
// that decided it. Fields are read afterwards by ../fields.
export * from "./classify-document.js";
export * from "./classify-page.js";
export * from "./compact-text.js";
export * from "./document-signatures.js";
export * from "./fuzzy-find.js";
export * from "./line-patterns.js";
export * from "./split-page.js";
