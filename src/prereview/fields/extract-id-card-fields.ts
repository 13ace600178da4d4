// 居民身份证: front (姓名 性别 民族 出生 住址 公民身份号码) and back (签发机关 有效期限).
import type { ExtractedField } from "../types.js";
import {
  addressField,
  dateField,
  ethnicityField,
  idNumberAnywhere,
  idNumberField,
  looksLikeAddress,
  nameField,
  present,
  readingQuality,
  sexField,
  textField,
} from "./common-fields.js";
import { isChineseCharacter } from "../classify/index.js";
import { type LabelReading, type LabelSpec, readLabels } from "./label-finder.js";
import { type FieldContext, makeField, Quality } from "./make-field.js";
import { ETHNIC_GROUPS, normalizeName, normalizeSex, normalizeText } from "./normalize-values.js";
import { parseChineseDate } from "./parse-chinese-date.js";
import { parseValidityRange } from "./parse-validity-range.js";

const FRONT_LABELS: readonly LabelSpec[] = [
  { key: "name", labels: ["姓名"] },
  { key: "sex", labels: ["性别"] },
  { key: "ethnicity", labels: ["民族"] },
  { key: "birthDate", labels: ["出生", "出生日期"] },
  { key: "address", labels: ["住址"] },
  { key: "idNumber", labels: ["公民身份号码", "公民身份证号码"] },
];

/**
 * The front prints its rows in a fixed order: name, sex and ethnicity, birth, address (wrapping),
 * ID number. Where OCR lost a label, the row's position says what its value is.
 */
export function extractIdCardFrontFields(context: FieldContext): ExtractedField[] {
  const reading = readLabels(context.lines, FRONT_LABELS);
  const birthDate = dateField(context, reading, "birthDate", reading.first("birthDate")) ?? birthDateByPattern(context);
  const birthLine = birthDate ? lineOf(context, birthDate) : undefined;
  const idNumber =
    idNumberField(context, reading, "idNumber", reading.first("idNumber")) ?? idNumberAnywhere(context, "idNumber");
  const idLine = idNumber ? lineOf(context, idNumber) : undefined;
  // The sex/ethnicity row: where 性别 or 民族 is, else the row before the birth date.
  const sexRow =
    reading.first("sex")?.hit.line ??
    reading.first("ethnicity")?.hit.line ??
    (birthLine !== undefined && birthLine >= 2 ? birthLine - 1 : undefined);
  const name = nameField(context, "name", reading.first("name")) ?? nameByPosition(context, reading, sexRow);
  return present([
    name,
    sexField(context, "sex", reading.first("sex")) ?? sexByPosition(context, reading, sexRow),
    ethnicityField(context, "ethnicity", reading.first("ethnicity")) ?? ethnicityByPosition(context, sexRow),
    birthDate,
    addressField(context, reading, "address", reading.first("address")) ??
      addressByPosition(context, reading, birthLine, idLine),
    idNumber,
  ]);
}

/** The index of the (first) line a field was read from. */
function lineOf(context: FieldContext, field: ExtractedField): number | undefined {
  const text = field.evidence.text.split("\n").at(-1);
  return context.lines.find((line) => line.line.text === text && line.page === field.evidence.page)?.index;
}

/** 出生 lost: the line with a date written 年 月 日 (the ID number holds the same date, undelimited). */
function birthDateByPattern(context: FieldContext): ExtractedField | undefined {
  for (const line of context.lines) {
    if (!/年.*月/.test(line.text)) continue;
    const date = parseChineseDate(line.text);
    if (date) return makeField(context, "birthDate", date, line.text, [line], Quality.noLabel);
  }
  return undefined;
}

/** 姓名 lost or misread (从名孙浩伟): the row before the sex row, a misread label dropped. */
function nameByPosition(
  context: FieldContext,
  reading: LabelReading,
  sexRow: number | undefined,
): ExtractedField | undefined {
  if (sexRow === undefined || sexRow === 0) return undefined;
  const line = context.lines[sexRow - 1];
  if (!line || reading.hitsOn(line.index).length > 0) return undefined;
  const name = normalizeName(line.text.replace(/^[^\p{Script=Han}]*\p{Script=Han}?名/u, ""));
  if (name.length < 2 || name.length > 5) return undefined;
  return makeField(context, "name", name, line.text, [line], Quality.noLabel);
}

/** 性别 lost: 男 or 女 on the sex row (before 民族 when that was read). */
function sexByPosition(
  context: FieldContext,
  reading: LabelReading,
  sexRow: number | undefined,
): ExtractedField | undefined {
  const line = sexRow === undefined ? undefined : context.lines[sexRow];
  if (!line) return undefined;
  const ethnicity = reading.hitsOn(line.index).find((hit) => hit.key === "ethnicity");
  const sex = normalizeSex(line.text.slice(0, ethnicity ? ethnicity.start : undefined));
  return sex ? makeField(context, "sex", sex, line.text, [line], Quality.noLabel) : undefined;
}

/** 民族 lost: the last ethnic group named on the sex row after its first characters (慎女民旗汉 → 汉). */
function ethnicityByPosition(context: FieldContext, sexRow: number | undefined): ExtractedField | undefined {
  const line = sexRow === undefined ? undefined : context.lines[sexRow];
  if (!line) return undefined;
  const sexAt = line.text.search(/[男女]/);
  const rest = [...line.text.slice(sexAt >= 0 ? sexAt + 1 : 2)].filter(isChineseCharacter).join("");
  for (let end = rest.length; end > 0; end--)
    for (let start = Math.max(0, end - 4); start < end; start++) {
      const candidate = rest.slice(start, end);
      if (ETHNIC_GROUPS.includes(candidate) && (start > 0 || sexAt >= 0))
        return makeField(context, "ethnicity", candidate, line.text, [line], Quality.noLabel * 0.8);
    }
  return undefined;
}

/** 住址 lost or misread: the rows between the birth date and the ID number. */
function addressByPosition(
  context: FieldContext,
  reading: LabelReading,
  birthLine: number | undefined,
  idLine: number | undefined,
): ExtractedField | undefined {
  if (birthLine === undefined || idLine === undefined || idLine - birthLine < 2) return undefined;
  const lines = context.lines.slice(birthLine + 1, Math.min(idLine, birthLine + 4));
  if (lines.some((line) => reading.hitsOn(line.index).length > 0)) return undefined;
  const text = normalizeText(
    lines
      .map((line) => line.text)
      .join("")
      .replace(/^\p{Script=Han}{2}(?=\p{Script=Han}{2,}(省|自治区|市))/u, ""),
  );
  if (!looksLikeAddress(text)) return undefined;
  return makeField(context, "address", text, lines.map((line) => line.text).join(""), lines, Quality.noLabel);
}

/** 签发机关 lost: a line naming a public security bureau (…公安局…分局). */
function authorityByPattern(context: FieldContext): ExtractedField | undefined {
  for (const line of context.lines) {
    const text = normalizeText(line.text);
    if (/公安(局|厅)|分局$/.test(text) && /^\p{Script=Han}+$/u.test(text))
      return makeField(context, "issuingAuthority", text, line.line.text, [line], Quality.noLabel);
  }
  return undefined;
}

const BACK_LABELS: readonly LabelSpec[] = [
  { key: "issuingAuthority", labels: ["签发机关"] },
  { key: "validity", labels: ["有效期限", "有效期"] },
  { key: "title", labels: ["中华人民共和国", "居民身份证"] },
];

export function extractIdCardBackFields(context: FieldContext): ExtractedField[] {
  const reading = readLabels(context.lines, BACK_LABELS);
  const fields = present([
    textField(context, "issuingAuthority", reading.first("issuingAuthority")) ?? authorityByPattern(context),
  ]);
  let validity = reading.first("validity");
  let range = validity ? parseValidityRange(validity.value) : {};
  let lines = validity?.lines ?? [];
  let quality = validity ? readingQuality(validity) : Quality.noLabel;
  if (!range.validFrom && !range.validUntil) {
    // 有效期限 lost or its value on another line: any line holding a range.
    validity = undefined;
    for (const line of context.lines) {
      const found = parseValidityRange(line.text);
      if (found.validFrom && found.validUntil) {
        range = found;
        lines = [line];
        quality = Quality.noLabel;
        break;
      }
    }
  }
  const raw = lines.map((line) => line.text).join("");
  if (range.validFrom) fields.push(makeField(context, "validFrom", range.validFrom, raw, lines, quality));
  if (range.validUntil) fields.push(makeField(context, "validUntil", range.validUntil, raw, lines, quality));
  return fields;
}
