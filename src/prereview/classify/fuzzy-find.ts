import { countChineseCharacters } from "./compact-text.js";

/** Where a pattern was found in a text, and how many edits it took. */
export interface FuzzyMatch {
  start: number;
  end: number;
  /** 0 for an exact match; 1 for one character dropped, added, changed or two swapped. */
  distance: number;
}

/**
 * How many edits a label may take to still count: one for labels of three or more characters (OCR
 * drops, swaps or misreads one), none for shorter ones, where one edit leaves too little to go on.
 */
export function allowedEdits(pattern: string): number {
  return pattern.length >= 3 ? 1 : 0;
}

/** Optimal string alignment distance (Levenshtein plus swaps of neighbours). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const table: number[] = new Array(rows * columns).fill(0);
  const at = (i: number, j: number) => table[i * columns + j] as number;
  for (let i = 0; i < rows; i++) table[i * columns] = i;
  for (let j = 0; j < columns; j++) table[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, at(i - 2, j - 2) + 1);
      table[i * columns + j] = value;
    }
  }
  return at(rows - 1, columns - 1);
}

function exactMatches(text: string, pattern: string): FuzzyMatch[] {
  const matches: FuzzyMatch[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf(pattern, from);
    if (start < 0) return matches;
    matches.push({ start, end: start + pattern.length, distance: 0 });
    from = start + pattern.length;
  }
}

/**
 * Non-overlapping occurrences of `pattern` in `text` within `maxDistance` edits (at most 1), best
 * first: exact before fuzzy, then the length closest to the pattern's. A pattern of three
 * characters may not lose one (two characters left are too weak a sign), only change or swap one.
 */
export function fuzzyFindAll(text: string, pattern: string, maxDistance = allowedEdits(pattern)): FuzzyMatch[] {
  if (pattern.length === 0) return [];
  const exact = exactMatches(text, pattern);
  if (maxDistance <= 0) return exact;
  const length = pattern.length;
  const candidates: FuzzyMatch[] = [...exact];
  const first = pattern[0];
  const second = pattern[1];
  const minimumLength = length <= 3 ? length : length - 1;
  const patternChinese = countChineseCharacters(pattern);
  for (let start = 0; start < text.length; start++) {
    // A match within one edit starts with the pattern's first or second character, or has the
    // second one right after a changed first one.
    const here = text[start];
    if (here !== first && here !== second && text[start + 1] !== second) continue;
    for (let size = minimumLength; size <= length + 1; size++) {
      if (start + size > text.length) break;
      const window = text.slice(start, start + size);
      if (window === pattern) continue;
      // OCR misreads a Chinese character as another one, not as a digit or a mark.
      if (countChineseCharacters(window) < patternChinese - (length - size)) continue;
      const distance = editDistance(window, pattern);
      if (distance <= 1) candidates.push({ start, end: start + size, distance });
    }
  }
  candidates.sort(
    (a, b) =>
      a.distance - b.distance ||
      Math.abs(a.end - a.start - length) - Math.abs(b.end - b.start - length) ||
      a.start - b.start,
  );
  const chosen: FuzzyMatch[] = [];
  for (const candidate of candidates) {
    if (chosen.some((match) => candidate.start < match.end && match.start < candidate.end)) continue;
    chosen.push(candidate);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/** The best occurrence of any of `patterns`, or undefined. */
export function fuzzyFind(text: string, patterns: readonly string[]): (FuzzyMatch & { pattern: string }) | undefined {
  let best: (FuzzyMatch & { pattern: string }) | undefined;
  for (const pattern of patterns) {
    for (const match of fuzzyFindAll(text, pattern)) {
      if (
        !best ||
        match.distance < best.distance ||
        (match.distance === best.distance && pattern.length > best.pattern.length)
      )
        best = { ...match, pattern };
    }
  }
  return best;
}
