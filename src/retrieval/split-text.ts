const SENTENCE_END = /(?<=[。！？；!?;\n])/u;

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
