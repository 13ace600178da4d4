// Building blocks the per-document extractors share: read one labelled value, normalise it the
// document-type-data.ts way and give it a confidence and evidence.
import type { ExtractedField } from "../types.js";
import { validateIdNumber } from "../validate-id-number.js";
import { findCreditCodeSpan, findIdNumberSpan } from "./find-codes.js";
import type { LabelReading, LabelValue, SourceLine } from "./label-finder.js";
import { type FieldContext, makeField, Quality, WHOLE_CHOICE_CONFIDENCE } from "./make-field.js";
import {
  creditCodeQuality,
  idNumberQuality,
  normalizeCreditCode,
  normalizeIdNumber,
} from "./normalize-code-characters.js";
import { chineseShare, normalizeEthnicity, normalizeName, normalizeSex, normalizeText } from "./normalize-values.js";
import { findChineseDates, parseChineseDate } from "./parse-chinese-date.js";

/** The confidence factor of how a label and its value were found. */
export function readingQuality(value: LabelValue): number {
  return (value.hit.distance > 0 ? Quality.fuzzyLabel : 1) * (value.fromNextLine ? Quality.nextLine : 1);
}

/** A name (person's): Chinese characters without spaces. */
export function nameField(
  context: FieldContext,
  name: string,
  value: LabelValue | undefined,
): ExtractedField | undefined {
  if (!value) return undefined;
  const read = normalizeName(value.value);
  if (!read) return undefined;
  const normalized = cutRunOnLabel(read);
  // Names are 2–4 characters mostly; longer ones (or transcribed ones with ·) are fine but rarer.
  const plausible = normalized.length >= 2 && (normalized.length <= 5 || normalized.includes("·"));
  return makeField(context, name, normalized, value.value, value.lines, readingQuality(value) * (plausible ? 1 : 0.7));
}

/**
 * A name with the next label's garbled text run on (吴涛龙年瞧国生: 年龄 and 国籍 misread on a
 * birth certificate's parent row; 朱婷璐年月日至长其 on a licence): a run past five characters is
 * cut before a 年 or 国 that leaves a name of two to four characters.
 */
function cutRunOnLabel(name: string): string {
  const characters = [...name];
  if (characters.length <= 5 || name.includes("·")) return name;
  const end = characters.findIndex((character, index) => index >= 2 && (character === "年" || character === "国"));
  return end >= 2 && end <= 4 ? characters.slice(0, end).join("") : name;
}

export function sexField(
  context: FieldContext,
  name: string,
  value: LabelValue | undefined,
): ExtractedField | undefined {
  if (!value) return undefined;
  const sex = normalizeSex(value.value);
  if (!sex) return undefined;
  const field = makeField(context, name, sex, value.value, value.lines, readingQuality(value));
  return readWhole(value, sex) ? { ...field, confidence: Math.max(field.confidence, WHOLE_CHOICE_CONFIDENCE) } : field;
}

/**
 * Whether a value is exactly one choice after its exact label on the same line: nothing but marks
 * around it (性别“女 → 女, not 性别女士 or 性别男女 or a label one edit off).
 */
function readWhole(value: LabelValue, choice: string): boolean {
  return value.hit.distance === 0 && !value.fromNextLine && value.value.replace(/[^\p{L}\p{N}]/gu, "") === choice;
}

export function ethnicityField(
  context: FieldContext,
  name: string,
  value: LabelValue | undefined,
): ExtractedField | undefined {
  if (!value) return undefined;
  const ethnicity = normalizeEthnicity(value.value);
  if (!ethnicity.value) return undefined;
  return makeField(
    context,
    name,
    ethnicity.value,
    value.value,
    value.lines,
    readingQuality(value) * (ethnicity.known ? 1 : 0.6),
  );
}

/** A date; when the value holds none, the label's line and the next line are searched. */
export function dateField(
  context: FieldContext,
  reading: LabelReading,
  name: string,
  value: LabelValue | undefined,
): ExtractedField | undefined {
  if (!value) return undefined;
  const date = parseChineseDate(value.value);
  if (date) return makeField(context, name, date, value.value, value.lines, readingQuality(value));
  const next = reading.lines[value.hit.line + 1];
  if (next && reading.hitsOn(next.index).length === 0) {
    const nextDate = parseChineseDate(next.text);
    if (nextDate)
      return makeField(
        context,
        name,
        nextDate,
        next.text,
        [...value.lines, next],
        readingQuality(value) * Quality.nextLine,
      );
  }
  return undefined;
}

/** Free text (authority, company, institution), trimmed. */
export function textField(
  context: FieldContext,
  name: string,
  value: LabelValue | undefined,
  minimumChinese = 0.3,
): ExtractedField | undefined {
  if (!value) return undefined;
  const text = normalizeText(value.value);
  if (!text) return undefined;
  const quality = chineseShare(text) >= minimumChinese ? 1 : 0.6;
  return makeField(context, name, text, value.value, value.lines, readingQuality(value) * quality);
}

/**
 * An address: the value plus the lines after it that carry no label and no code (an ID card's
 * address wraps over up to three lines).
 */
export function addressField(
  context: FieldContext,
  reading: LabelReading,
  name: string,
  value: LabelValue | undefined,
  maximumExtraLines = 2,
): ExtractedField | undefined {
  if (!value) return undefined;
  const lines: SourceLine[] = [...value.lines];
  let text = value.value;
  let index = (lines.at(-1) as SourceLine).index + 1;
  for (let extra = 0; extra < maximumExtraLines; extra++, index++) {
    const line = reading.lines[index];
    if (!line || reading.hitsOn(index).length > 0 || findIdNumberSpan(line.text)) break;
    if (chineseShare(line.text) < 0.3 && !/\d+号|\d+室|\d+栋/.test(line.text)) break;
    // Sentences (a business scope running on) are not addresses.
    if (/[。;，、]/.test(line.text) || line.text.length > 40) break;
    text += line.text;
    lines.push(line);
  }
  const normalized = normalizeText(text);
  if (!normalized) return undefined;
  // A value that names no place (a company, a ticked option) is a neighbouring row, not the address.
  const placeLike = looksLikeAddress(normalized);
  if (!placeLike && value.fromNextLine) return undefined;
  // A province or city alone is the start of an address whose rest OCR put on another line; a house
  // number with characters inside it holds what OCR made of the card's background.
  const doubtful = namesRegionOnly(normalized) || breaksANumber(normalized);
  return makeField(
    context,
    name,
    normalized,
    text,
    lines,
    readingQuality(value) * (placeLike ? 1 : 0.5) * (doubtful ? Quality.unparsed : 1),
  );
}

/** Characters that follow a number in an address: units, buildings, rooms, parts, directions. */
const ADDRESS_NUMBER_WORDS = new Set([..."号楼栋幢单元室层座区期组队社村街巷弄里路道门户排院之附甲乙丙丁东西南北中"]);

/**
 * Whether a house number has Chinese characters inside it that no address puts there (3八国54号,
 * 237二和号 for 354号, 237号): after a digit and before a digit or 号, only a unit word (12组34号,
 * 3号楼2单元) belongs.
 */
export function breaksANumber(text: string): boolean {
  for (const match of text.matchAll(/\d(\p{Script=Han}{1,3}?)(?=\d|号)/gu))
    if (![...(match[1] as string)].some((character) => ADDRESS_NUMBER_WORDS.has(character))) return true;
  return false;
}

/** Whether a text names no place below a city (广东省, 广东省广州市, 北京市): not a whole address. */
export function namesRegionOnly(text: string): boolean {
  return /^(\p{Script=Han}{2,7}?(省|自治区))?(\p{Script=Han}{2,7}?市)?$/u.test(text) && text.length > 0;
}

/** Whether a text names a place: a province, city, district, street, number, room… */
export function looksLikeAddress(text: string): boolean {
  return /[省市区县镇乡村路街道巷号弄室楼栋单元组]/.test(text);
}

/** An ID number from a labelled value, else from the next line. */
export function idNumberField(
  context: FieldContext,
  reading: LabelReading,
  name: string,
  value: LabelValue | undefined,
): ExtractedField | undefined {
  if (!value) return undefined;
  let span = findIdNumberSpan(value.value);
  let lines = value.lines;
  let quality = readingQuality(value);
  if (!span) {
    const next = reading.lines[(value.lines.at(-1) as SourceLine).index + 1];
    if (next) {
      span = findIdNumberSpan(next.text);
      lines = [...value.lines, next];
      quality *= Quality.nextLine;
    }
  }
  if (!span) return undefined;
  return idNumberFromSpan(context, name, span.raw, lines, quality);
}

export function idNumberFromSpan(
  context: FieldContext,
  name: string,
  raw: string,
  lines: readonly SourceLine[],
  quality: number,
): ExtractedField {
  const code = normalizeIdNumber(raw);
  if (code.value.length > 18 && code.value.length <= 20) {
    // OCR added a character or two (a label's last character read as a digit): keep the one
    // 18-character window that passes the check, if exactly one does; its confidence stays low.
    const windows = [
      ...new Set(Array.from({ length: code.value.length - 17 }, (_, at) => code.value.slice(at, at + 18))),
    ];
    const valid = windows.filter((window) => validateIdNumber(window).valid);
    if (valid.length === 1) return makeField(context, name, valid[0] as string, raw, lines, quality * 0.6);
  }
  return makeField(context, name, code.value, raw, lines, quality * idNumberQuality(code).factor);
}

/** The first ID number anywhere in the document's lines (for documents whose label was lost). */
export function idNumberAnywhere(context: FieldContext, name: string, from = 0): ExtractedField | undefined {
  for (const line of context.lines.slice(from)) {
    const span = findIdNumberSpan(line.text);
    if (span && span.raw.length === 18) return idNumberFromSpan(context, name, span.raw, [line], Quality.noLabel);
  }
  return undefined;
}

export function creditCodeField(
  context: FieldContext,
  reading: LabelReading,
  name: string,
  value: LabelValue | undefined,
): ExtractedField | undefined {
  let span = value ? findCreditCodeSpan(value.value) : undefined;
  let lines: readonly SourceLine[] = value?.lines ?? [];
  let quality = value ? readingQuality(value) : Quality.noLabel;
  if (value && !span) {
    const next = reading.lines[(value.lines.at(-1) as SourceLine).index + 1];
    if (next) {
      span = findCreditCodeSpan(next.text);
      lines = [...value.lines, next];
      quality *= Quality.nextLine;
    }
  }
  if (!span) {
    for (const line of reading.lines) {
      const found = findCreditCodeSpan(line.text);
      if (found && found.raw.length === 18) {
        span = found;
        lines = [line];
        quality = Quality.noLabel;
        break;
      }
    }
  }
  if (!span) return undefined;
  const code = normalizeCreditCode(span.raw);
  return makeField(context, name, code.value, span.raw, lines, quality * creditCodeQuality(code).factor);
}

/** The first date found in any of the given lines. */
export function firstDateIn(lines: readonly SourceLine[]): { value: string; line: SourceLine } | undefined {
  for (const line of lines) {
    const date = findChineseDates(line.text)[0];
    if (date) return { value: date.value, line };
  }
  return undefined;
}

/** Drops undefined entries. */
export function present(fields: readonly (ExtractedField | undefined)[]): ExtractedField[] {
  return fields.filter((field): field is ExtractedField => field !== undefined);
}

/**
 * The text a line starts with before its first label, when that label is not at the start: the
 * value of a label OCR lost (何琳璐年龄37国籍中国 → 何琳璐).
 */
export function leadingValue(reading: LabelReading, line: SourceLine): string {
  const first = reading.hitsOn(line.index)[0];
  return first ? line.text.slice(0, first.start) : line.text;
}
