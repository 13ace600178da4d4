/**
 * The form of a line that matching works on: NFKC (full-width letters, digits, colons and brackets
 * become ASCII) with every whitespace removed. OCR puts spaces between Chinese characters, inside
 * labels ("姓 名") and between digit groups, and none of them carries meaning on these documents.
 */
export function compactText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\s\u3000]+/g, "")
    .replace(/[‐‑‒–—―−﹣]/g, "-")
    .replace(/[“”„‟"]/g, '"')
    .replace(/[‘’‚‛]/g, "'");
}

/** True for a CJK unified ideograph (the basic block and extension A) or 〇. */
export function isChineseCharacter(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x20000 && code <= 0x2ebef) ||
    code === 0x3007
  );
}

/** Counts the Chinese characters of a text. */
export function countChineseCharacters(text: string): number {
  let count = 0;
  for (const character of text) if (isChineseCharacter(character)) count++;
  return count;
}
