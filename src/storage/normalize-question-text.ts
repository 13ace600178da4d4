/**
 * Folds a question so that trivial variants group together in the unanswered list: Unicode NFKC
 * (full-width letters, digits and punctuation become their ASCII forms), lower case, and no
 * whitespace, punctuation or symbols ("退休 要带什么？" and "退休要带什么" are one question).
 * Deliberately shallow: no 繁→简 or synonyms here; pass `normalizeQuestion` to `createStorage` for that.
 */
export function normalizeQuestionText(text: string): string {
  const folded = text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\p{P}\p{S}\p{Z}\s]+/gu, "");
  return folded === "" ? text.trim() : folded;
}
