// Normalisers for the plain-text fields of document-type-data.ts: names without spaces or stray
// marks, sex 男|女, ethnic groups, addresses and free text with the border noise trimmed.
import { isChineseCharacter } from "../classify/index.js";
import { trimValue } from "./label-finder.js";

/** A person's name: Chinese characters and the middle dot of transcribed names (买买提·艾力). */
export function normalizeName(value: string): string {
  const text = value.normalize("NFKC").replace(/[\s]/g, "");
  let name = "";
  for (const character of text) {
    if (isChineseCharacter(character)) name += character;
    else if (/[·•・.．‧]/.test(character) && name.length > 0) name += "·";
  }
  // tesseract reads the hook of a leading 丁 twice, as 了丁 (6 of 9 names opening with 丁 in the
  // generated cases' OCR); 了 is no surname.
  name = name.replace(/·+/g, "·").replace(/·$/, "").replace(/^了丁/, "丁");
  if (name.length > 0) return name;
  // A name in Latin letters (foreign nationals): letters only.
  return text.replace(/[^A-Za-z]/g, "").toUpperCase();
}

/** 男 or 女, from the first of them in the value, or undefined. */
export function normalizeSex(value: string): "男" | "女" | undefined {
  const match = /[男女]/.exec(value);
  return match ? (match[0] as "男" | "女") : undefined;
}

/** The 56 ethnic groups as printed on an ID card (without 族). */
export const ETHNIC_GROUPS: readonly string[] = [
  "汉",
  "蒙古",
  "回",
  "藏",
  "维吾尔",
  "苗",
  "彝",
  "壮",
  "布依",
  "朝鲜",
  "满",
  "侗",
  "瑶",
  "白",
  "土家",
  "哈尼",
  "哈萨克",
  "傣",
  "黎",
  "傈僳",
  "佤",
  "畲",
  "高山",
  "拉祜",
  "水",
  "东乡",
  "纳西",
  "景颇",
  "柯尔克孜",
  "土",
  "达斡尔",
  "仫佬",
  "羌",
  "布朗",
  "撒拉",
  "毛南",
  "仡佬",
  "锡伯",
  "阿昌",
  "普米",
  "塔吉克",
  "怒",
  "乌孜别克",
  "俄罗斯",
  "鄂温克",
  "德昂",
  "保安",
  "裕固",
  "京",
  "塔塔尔",
  "独龙",
  "鄂伦春",
  "赫哲",
  "门巴",
  "珞巴",
  "基诺",
];

/**
 * An ethnic group as the ID card prints it (汉, not 汉族), and whether it is one of the 56. The
 * longest group the value starts with wins, so stray characters after it are dropped.
 */
export function normalizeEthnicity(value: string): { value: string; known: boolean } {
  const text = [...value].filter(isChineseCharacter).join("").replace(/族$/, "");
  const known = [...ETHNIC_GROUPS]
    .sort((a, b) => b.length - a.length)
    .find((group) => text === group || text.startsWith(`${group}族`) || text.startsWith(group));
  if (known && (text === known || text.startsWith(`${known}族`) || text.length <= known.length + 1))
    return { value: known, known: true };
  return { value: text, known: false };
}

/** Free text (addresses, authorities, company names): edges trimmed, inner noise marks removed. */
export function normalizeText(value: string): string {
  const text = trimValue(
    value
      .normalize("NFKC")
      .replace(/\s+/g, "")
      .replace(/[|_~`"]/g, ""),
  );
  return toChinesePunctuation(text);
}

/**
 * Chinese text prints full-width brackets (有限责任公司（自然人独资）); NFKC and OCR give ASCII
 * ones. Text with Chinese characters gets the full-width forms back, so values compare as printed.
 */
export function toChinesePunctuation(text: string): string {
  if (!/\p{Script=Han}/u.test(text)) return text;
  return text.replace(/\(/g, "（").replace(/\)/g, "）");
}

/** Chinese-character share of a text, for judging whether a value looks like what it should. */
export function chineseShare(text: string): number {
  if (text.length === 0) return 0;
  return [...text].filter(isChineseCharacter).length / [...text].length;
}
