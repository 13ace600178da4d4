// OCR and PDF text layers put spaces between Chinese characters ("出 生 1990 年"); field readers
// want "出生1990年". Spaces stay only between two Latin/digit tokens ("No. 12", "2024 12 31").

/** Han characters, CJK punctuation, full-width forms and the quotes and marks used with them. */
const WIDE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2026\u2014\u00b7]/u;

/** Space-like characters OCR and text layers produce (tab, no-break, ideographic, zero-width). */
const SPACE_RUN = /[\s\u00a0\u3000\u200b]+/gu;

/**
 * Folds one line of OCR or text-layer text:
 * - full-width digits, letters and the colon become half-width (`１２：ＡＢ` → `12:AB`); other
 *   Chinese punctuation (，。、；（）《》) stays as it is;
 * - a run of spaces next to a Chinese character or Chinese punctuation is removed;
 * - a run of spaces between two Latin/digit tokens becomes one space;
 * - spaces after the colon of a Chinese label go (`日期: 1985` → `日期:1985`);
 * - unpaired curly double quotes go: tesseract's chi_sim puts a `”` into wide label–value gaps
 *   (`姓名 ”张三`); paired quotes (`“一件事”`) stay;
 * - the line is trimmed.
 */
export function foldOcrText(line: string): string {
  const halfWidth = toHalfWidth(dropUnpairedQuotes(line));
  return halfWidth
    .replace(SPACE_RUN, (run, offset: number) => {
      const before = halfWidth[offset - 1];
      const after = halfWidth[offset + run.length];
      if (before === undefined || after === undefined) return "";
      return isWide(before) || isWide(after) ? "" : " ";
    })
    .replace(LABEL_COLON_SPACE, "$1:")
    .trim();
}

/** A Chinese label's colon ("日期: 1985", from `：` or OCR's `:`) is followed by its value, not a space. */
const LABEL_COLON_SPACE = new RegExp(`(${WIDE.source}):[ ]+`, "gu");

function isWide(character: string): boolean {
  return WIDE.test(character);
}

/** Removes `“` without a later `”` and `”` without an earlier `“`. */
export function dropUnpairedQuotes(text: string): string {
  if (!/[\u201c\u201d]/u.test(text)) return text;
  const characters = [...text];
  const drop = new Set<number>();
  const open: number[] = [];
  characters.forEach((character, index) => {
    if (character === "\u201c") open.push(index);
    else if (character === "\u201d" && open.pop() === undefined) drop.add(index);
  });
  for (const index of open) drop.add(index);
  return characters.filter((_, index) => !drop.has(index)).join("");
}

/** Full-width digits and Latin letters (U+FF10–FF19, FF21–FF3A, FF41–FF5A) and the colon (U+FF1A) to ASCII. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uff10-\uff1a\uff21-\uff3a\uff41-\uff5a]/gu, (character) =>
    String.fromCharCode((character.codePointAt(0) as number) - 0xfee0),
  );
}
