import * as OpenCC from "opencc-js";

// Traditional (Taiwan, Hong Kong and generic variants) → mainland simplified. Built once: the
// converter compiles its dictionaries into a trie, which takes tens of milliseconds.
const toSimplified = OpenCC.Converter({ from: "t", to: "cn" });
const toSimplifiedTaiwan = OpenCC.Converter({ from: "tw", to: "cn" });
const toSimplifiedHongKong = OpenCC.Converter({ from: "hk", to: "cn" });

const FULL_WIDTH_START = 0xff01;
const FULL_WIDTH_END = 0xff5e;
const FULL_WIDTH_OFFSET = 0xfee0;

/**
 * Folds full-width ASCII to half-width and the ideographic space to a space. Chinese punctuation
 * such as 。，、 is left alone; only the compatibility forms of ASCII characters are folded.
 */
export function foldWidth(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= FULL_WIDTH_START && code <= FULL_WIDTH_END) out += String.fromCodePoint(code - FULL_WIDTH_OFFSET);
    else if (code === 0x3000) out += " ";
    else out += char;
  }
  return out;
}

/** Converts traditional characters to simplified; text already simplified passes unchanged. */
export function toSimplifiedChinese(text: string): string {
  return toSimplifiedHongKong(toSimplifiedTaiwan(toSimplified(text)));
}

/**
 * The one normalisation applied to documents and queries alike: NFKC-safe width folding,
 * traditional → simplified, lower case, collapsed white space.
 */
export function normalizeText(text: string): string {
  // Texts come back again and again: short ones (questions, keywords, names) and, every chat turn,
  // the knowledge base's passages and sentences (routing's coverage check, the grounding check). The
  // conversion (three dictionary passes) is remembered, in a smaller table for the longer texts.
  const cache = text.length <= SHORT_TEXT ? shortCache : text.length <= LONG_TEXT ? longCache : undefined;
  const cached = cache?.map.get(text);
  if (cached !== undefined) return cached;
  const normalized = toSimplifiedChinese(foldWidth(text)).toLowerCase().replace(/\s+/g, " ").trim();
  if (cache) {
    cache.map.set(text, normalized);
    if (cache.map.size > cache.size) cache.map.delete(cache.map.keys().next().value as string);
  }
  return normalized;
}

const SHORT_TEXT = 64;
const LONG_TEXT = 2000;
const shortCache = { map: new Map<string, string>(), size: 20_000 };
const longCache = { map: new Map<string, string>(), size: 5_000 };

let forReading: ((text: string) => string) | undefined;

/**
 * Traditional → simplified with Taiwan's phrases (顯著 → 显著, 著力 → 着力, 存在著 → 存在着), to show a source
 * written in traditional script to a simplified reader. Apply it to traditional text only: over text already
 * simplified it would read the 著 of 显著 as the particle. (`toSimplifiedChinese` chains three passes for
 * matching, not for reading.)
 */
export function toSimplifiedForReading(text: string): string {
  const convert = (forReading ??= OpenCC.Converter({ from: "tw", to: "cn" }));
  return convert(text);
}

let toTraditional: ((text: string) => string) | undefined;

/** Simplified → traditional (opencc cn → tw) for replies to people who write traditional. */
export function toTraditionalChinese(text: string): string {
  const convert = (toTraditional ??= OpenCC.Converter({ from: "cn", to: "tw" }));
  return convert(text);
}

/**
 * The script a person writes in: traditional when more of its characters are traditional-only
 * (寶, 辦) than simplified-only (宝, 办); simplified otherwise, and for text with neither.
 */
export function detectScript(text: string): "simplified" | "traditional" {
  // Both conversions once for the whole text, compared character by character.
  const characters = [...text];
  const simplified = [...toSimplifiedChinese(text)];
  const traditional = [...toTraditionalChinese(text)];
  const aligned = simplified.length === characters.length && traditional.length === characters.length;
  let traditionalCount = 0;
  let simplifiedCount = 0;
  characters.forEach((character, index) => {
    if (!/\p{Script=Han}/u.test(character)) return;
    const toSimple = aligned ? simplified[index] : toSimplifiedChinese(character);
    const toTraditional = aligned ? traditional[index] : toTraditionalChinese(character);
    if (toSimple !== character) traditionalCount += 1;
    else if (toTraditional !== character) simplifiedCount += 1;
  });
  return traditionalCount > simplifiedCount ? "traditional" : "simplified";
}
