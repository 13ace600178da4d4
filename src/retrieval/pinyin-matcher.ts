// The only file that imports pinyin-pro.
import { pinyin } from "pinyin-pro";

const HAN = /^\p{Script=Han}$/u;
const readingsCache = new Map<string, Set<string>>();

/** All toneless readings of one character ("行" → xing, hang, heng); a non-Han character reads as itself. */
function readings(character: string): Set<string> {
  let cached = readingsCache.get(character);
  if (!cached) {
    cached = HAN.test(character)
      ? new Set(pinyin(character, { toneType: "none", type: "array", multiple: true }))
      : new Set([character]);
    readingsCache.set(character, cached);
  }
  return cached;
}

function soundsAlike(a: string, b: string): boolean {
  if (a === b) return true;
  const first = readings(a);
  for (const reading of readings(b)) if (first.has(reading)) return true;
  return false;
}

export interface PinyinMatch {
  phrase: string;
  /** The text in the query that sounds like the phrase. */
  written: string;
}

export interface PinyinMatcher {
  /** Phrases the query contains written with homophones, as pinyin input methods produce (社报卡 → 社保卡). */
  findHomophoneTypos(normalizedQuery: string): PinyinMatch[];
}

/**
 * Finds phrases of a dictionary written with wrong characters of the same sound. A match must
 * keep at least half of the phrase's characters exact and replace at most two, so two-character
 * phrases need one exact character ("退修" → "退休") and no phrase matches on sound alone.
 */
export interface PinyinMatcherOptions {
  /** A written window that is itself a real word is no typo (解读 is not a typo of 借读). */
  isWord?: (text: string) => boolean;
}

export function createPinyinMatcher(phrases: Iterable<string>, options: PinyinMatcherOptions = {}): PinyinMatcher {
  const isWord = options.isWord ?? (() => false);
  const byLength = new Map<number, string[]>();
  for (const phrase of new Set(phrases)) {
    const length = Array.from(phrase).length;
    if (length < 2 || !Array.from(phrase).every((character) => HAN.test(character))) continue;
    const list = byLength.get(length) ?? [];
    list.push(phrase);
    byLength.set(length, list);
  }
  return {
    findHomophoneTypos(normalizedQuery) {
      const characters = Array.from(normalizedQuery);
      const found: PinyinMatch[] = [];
      for (const [length, list] of byLength) {
        const allowed = Math.min(2, Math.floor(length / 2));
        for (let start = 0; start + length <= characters.length; start++) {
          const window = characters.slice(start, start + length);
          if (!window.every((character) => HAN.test(character))) continue;
          const written = window.join("");
          if (isWord(written)) continue;
          for (const phrase of list) {
            if (phrase === written) continue;
            let replaced = 0;
            let index = 0;
            for (const character of phrase) {
              const typed = window[index++] as string;
              if (typed === character) continue;
              if (++replaced > allowed || !soundsAlike(typed, character)) {
                replaced = Number.POSITIVE_INFINITY;
                break;
              }
            }
            if (replaced <= allowed) found.push({ phrase, written });
          }
        }
      }
      return found;
    },
  };
}
