/** What ends a sentence: 。, question and exclamation marks and semicolons (full-width or not), a line break. */
const SENTENCE_END_CHARACTERS = "。！？；!?;\n";
const SENTENCE_ENDS = new Set(SENTENCE_END_CHARACTERS);

/** Splits after every sentence end, each end staying with its sentence (`text.split(SENTENCE_END)`). */
export const SENTENCE_END = new RegExp(`(?<=[${SENTENCE_END_CHARACTERS}])`, "u");

export function isSentenceEnd(character: string): boolean {
  return SENTENCE_ENDS.has(character);
}

/**
 * Splits text longer than `maxChars` at sentence ends, packing sentences greedily so each piece
 * stays within the bound (a single longer sentence is cut hard). Short text comes back whole.
 */
export function splitText(text: string, maxChars: number): string[] {
  if (text.length <= maxChars) return [text];
  const pieces: string[] = [];
  let current = "";
  for (const sentence of text.split(SENTENCE_END)) {
    if (current.length + sentence.length <= maxChars) {
      current += sentence;
      continue;
    }
    if (current) pieces.push(current);
    current = sentence;
    while (current.length > maxChars) {
      pieces.push(current.slice(0, maxChars));
      current = current.slice(maxChars);
    }
  }
  if (current) pieces.push(current);
  return pieces;
}
