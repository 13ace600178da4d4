// The only retrieval file that imports pinyin-pro (pre-review has its own, rules/homophones.ts).
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

/**
 * Particles that ask or end a sentence: typed at its end, they are meant ("上户口不？" asks whether,
 * it is no typo of 户口簿).
 */
const PARTICLE = /[不吗呢吧啊么呀嘛]/u;

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
  // Phrases grouped by length. A window is compared only with phrases that share enough exact
  // characters with it, found through `byCharacter`: for a character, per group and position, the
  // phrases that have it there. A query looks each of its characters up once.
  const groups: { length: number; phrases: string[][]; same: Uint8Array }[] = [];
  const groupOfLength = new Map<number, number>();
  const byCharacter = new Map<string, (number[] | undefined)[][]>();
  for (const phrase of new Set(phrases)) {
    const characters = Array.from(phrase);
    if (characters.length < 2 || !characters.every((character) => HAN.test(character))) continue;
    let groupIndex = groupOfLength.get(characters.length);
    if (groupIndex === undefined) {
      groupIndex = groups.push({ length: characters.length, phrases: [], same: new Uint8Array(0) }) - 1;
      groupOfLength.set(characters.length, groupIndex);
    }
    const group = groups[groupIndex] as (typeof groups)[number];
    const id = group.phrases.push(characters) - 1;
    characters.forEach((character, position) => {
      let perGroup = byCharacter.get(character);
      if (!perGroup) byCharacter.set(character, (perGroup = []));
      const perPosition = (perGroup[groupIndex] ??= []);
      (perPosition[position] ??= []).push(id);
    });
  }
  // Exact characters shared with the window, per phrase id; reset after each window.
  for (const group of groups) group.same = new Uint8Array(group.phrases.length);
  return {
    findHomophoneTypos(normalizedQuery) {
      const characters = Array.from(normalizedQuery);
      const found: PinyinMatch[] = [];
      // hanRun[i]: how many Han characters follow from i on (i included), so a window that is not all
      // Han is skipped without testing its characters again for each phrase length.
      const hanRun = new Uint16Array(characters.length + 1);
      const indexed: ((number[] | undefined)[][] | undefined)[] = [];
      for (let i = characters.length - 1; i >= 0; i--) {
        const character = characters[i] as string;
        hanRun[i] = HAN.test(character) ? Math.min(65535, (hanRun[i + 1] as number) + 1) : 0;
        indexed[i] = byCharacter.get(character);
      }
      // A two-character window, one character of it exact, whose first character ends the word before it or whose
      // last begins the word after it, cuts through words ("以后是不是" holds 后是, no typo of 后事: 以后 is a word).
      const insideWords = (start: number, length: number) => {
        const before = characters[start - 1];
        const after = characters[start + length];
        return (
          (before !== undefined && HAN.test(before) && isWord(`${before}${characters[start]}`)) ||
          (after !== undefined && HAN.test(after) && isWord(`${characters[start + length - 1]}${after}`))
        );
      };
      const touched: number[] = [];
      groups.forEach(({ length, phrases: groupPhrases, same }, groupIndex) => {
        const allowed = Math.min(2, Math.floor(length / 2));
        for (let start = 0; start + length <= characters.length; start++) {
          if ((hanRun[start] as number) < length) continue;
          // Phrase ids in the order their first exact character is met, as they are compared.
          for (let position = 0; position < length; position++)
            for (const id of indexed[start + position]?.[groupIndex]?.[position] ?? []) {
              if (same[id] === 0) touched.push(id);
              same[id] = (same[id] as number) + 1;
            }
          let written: string | undefined;
          for (const id of touched) {
            const count = same[id] as number;
            if (count === length || count < length - allowed) continue;
            const phrase = groupPhrases[id] as string[];
            // A particle that ends the sentence ("上户口不？") is meant; elsewhere it may be a typo.
            const endsSentence = !HAN.test(characters[start + length] ?? "");
            if (
              !phrase.every((character, position) => {
                const typed = characters[start + position] as string;
                if (typed === character) return true;
                const closing = position === length - 1 && endsSentence && PARTICLE.test(typed);
                return !closing && soundsAlike(typed, character);
              })
            )
              continue;
            written ??= characters.slice(start, start + length).join("");
            if (isWord(written) || (length === 2 && insideWords(start, length))) break;
            found.push({ phrase: phrase.join(""), written });
          }
          for (const id of touched) same[id] = 0;
          touched.length = 0;
        }
      });
      return found;
    },
  };
}
