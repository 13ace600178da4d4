// Dates as printed on Chinese documents and as OCR reads them: 1990年1月1日, 1990.01.01, 1990-01-01,
// 19900101, 2026年03月05日08时20分 (the date part), 二〇二〇年五月二十日, with letters OCR reads for
// digits (l99O年…). Out: `YYYY-MM-DD`, or undefined when no real date is there.

/** Letters OCR reads for digits. Only applied inside runs that are clearly numeric. */
const DIGIT_CONFUSIONS: Readonly<Record<string, string>> = {
  O: "0",
  o: "0",
  D: "0",
  Q: "0",
  l: "1",
  I: "1",
  i: "1",
  "|": "1",
  "!": "1",
  Z: "2",
  z: "2",
  S: "5",
  s: "5",
  b: "6",
  G: "6",
  B: "8",
  g: "9",
};

const CHINESE_DIGITS: Readonly<Record<string, number>> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 二〇二〇 → 2020 (digit by digit), 二十三 → 23, 十二 → 12, 十 → 10. */
function chineseNumber(text: string, positional: boolean): string | undefined {
  if (positional) {
    let digits = "";
    for (const character of text) {
      const value = CHINESE_DIGITS[character];
      if (value === undefined) return undefined;
      digits += value;
    }
    return digits;
  }
  const match = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!match || text.length === 0) return undefined;
  const [, tens, ten, units] = match;
  if (!ten) {
    const single = tens ?? units;
    return single ? String(CHINESE_DIGITS[single]) : undefined;
  }
  return String((tens ? (CHINESE_DIGITS[tens] as number) : 1) * 10 + (units ? (CHINESE_DIGITS[units] as number) : 0));
}

function replaceChineseNumerals(text: string): string {
  return text.replace(
    /([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?/g,
    (whole, year: string, month: string, day: string | undefined) => {
      const y = chineseNumber(year, true);
      const m = chineseNumber(month, false);
      const d = day === undefined ? "" : chineseNumber(day, false);
      if (y === undefined || m === undefined || d === undefined) return whole;
      return day === undefined ? `${y}年${m}月` : `${y}年${m}月${d}日`;
    },
  );
}

const DATE_PUNCTUATION = /[年月日时分.\-/]/;

/**
 * Replaces OCR digit confusions inside numeric runs: a run of digits and confusable letters that
 * holds a digit, or touches 年 月 日 . - /. Keeps the length, so positions still match the input.
 */
export function repairDigits(text: string): string {
  const characters = [...text];
  let index = 0;
  while (index < characters.length) {
    const isPart = (character: string | undefined) =>
      character !== undefined && (/\d/.test(character) || character in DIGIT_CONFUSIONS);
    if (!isPart(characters[index])) {
      index++;
      continue;
    }
    let end = index;
    while (end < characters.length && isPart(characters[end])) end++;
    const run = characters.slice(index, end);
    const before = characters[index - 1] ?? "";
    const after = characters[end] ?? "";
    const numeric =
      run.some((character) => /\d/.test(character)) || DATE_PUNCTUATION.test(before) || DATE_PUNCTUATION.test(after);
    // A run of letters only in a word ("Sols") is not a number; a run mixing in digits is.
    if (numeric)
      for (let i = index; i < end; i++)
        characters[i] = DIGIT_CONFUSIONS[characters[i] as string] ?? (characters[i] as string);
    index = end;
  }
  return characters.join("");
}

/** True when year, month and day make a real calendar date between 1900 and 2199. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const pad = (value: number) => String(value).padStart(2, "0");

export interface FoundDate {
  /** `YYYY-MM-DD`. */
  value: string;
  /** Position in the text as given (characters). */
  start: number;
  end: number;
}

// Year, one or two separator characters (年 . - / or what OCR made of them), month, separator, day.
const SEPARATED =
  /(?<!\d)(\d{4})\s*(?:年|[.\-/,·、_:]{1,2})\s*(\d{1,2})\s*(?:月|[.\-/,·、_:]{1,2})\s*(\d{1,2})(?!\d)\s*日?/g;
const COMPACT = /(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)/g;

function prepare(text: string): string {
  return repairDigits(replaceChineseNumerals(text.normalize("NFKC").replace(/[‐‑‒–—―−﹣]/g, "-")));
}

/** Every real date in a text, in order. */
export function findChineseDates(text: string): FoundDate[] {
  const prepared = prepare(text);
  const found: FoundDate[] = [];
  for (const pattern of [SEPARATED, COMPACT]) {
    for (const match of prepared.matchAll(pattern)) {
      const year = Number(match[1]);
      const month = Number(match[2]);
      const day = Number(match[3]);
      const start = match.index ?? 0;
      const end = start + match[0].length;
      if (!isRealDate(year, month, day)) continue;
      if (found.some((date) => start < date.end && date.start < end)) continue;
      found.push({ value: `${year}-${pad(month)}-${pad(day)}`, start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * The first date in a text as `YYYY-MM-DD`, or undefined when there is none or it is not a real
 * date (2021年2月30日). Times after the date (08时20分) are ignored.
 */
export function parseChineseDate(text: string): string | undefined {
  return findChineseDates(text)[0]?.value;
}

/** A year and month without a day (发卡日期 2019年05月) as `YYYY-MM`, or undefined. */
export function parseChineseYearMonth(text: string): string | undefined {
  const prepared = prepare(text);
  const match = /(?<!\d)(\d{4})\s*(?:年|[.\-/])\s*(\d{1,2})(?!\d)/.exec(prepared);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (!isRealDate(year, month, 1)) return undefined;
  return `${year}-${pad(month)}`;
}
