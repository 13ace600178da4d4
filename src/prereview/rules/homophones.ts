// People type names through pinyin input methods, so a typing slip in a name is a character that
// sounds the same (段方月 for 段芳月); OCR confuses characters that look alike (廖 read as 雇). A
// difference made only of homophones is therefore taken as a real difference between what was
// typed and what the document says, even when the document was read with low confidence.
import { pinyin } from "pinyin-pro";

const readingsCache = new Map<string, Set<string>>();

/** The toneless pinyin readings of one Han character (all of them, for characters with several). */
function readings(character: string): Set<string> {
  let found = readingsCache.get(character);
  if (!found) {
    const result = pinyin(character, { toneType: "none", multiple: true, type: "array" });
    found = new Set(result.filter((reading) => /^[a-zü]+$/.test(reading)));
    readingsCache.set(character, found);
  }
  return found;
}

/** True when two Han characters share a toneless reading. */
export function soundAlike(a: string, b: string): boolean {
  const left = readings(a);
  if (left.size === 0) return false;
  for (const reading of readings(b)) if (left.has(reading)) return true;
  return false;
}

/**
 * True when `a` and `b` have the same length and differ, and every differing character pair sounds
 * alike: the difference a pinyin typing slip makes, not one OCR makes.
 */
export function differOnlyByHomophones(a: string, b: string): boolean {
  const left = [...a];
  const right = [...b];
  if (left.length !== right.length || a === b) return false;
  return left.every((character, index) => {
    const other = right[index] as string;
    return character === other || (/\p{Script=Han}/u.test(character) && soundAlike(character, other));
  });
}
