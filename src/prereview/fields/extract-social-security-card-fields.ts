// 社会保障卡: 姓名, 社会保障号码 (the ID number), 卡号 and 发卡日期 (a month: YYYY-MM when no day is printed).
import type { ExtractedField } from "../types.js";
import { idNumberField, nameField, present, readingQuality } from "./common-fields.js";
import { type LabelReading, type LabelSpec, readLabels } from "./label-finder.js";
import { type FieldContext, makeField, Quality } from "./make-field.js";
import { normalizeDigits } from "./normalize-code-characters.js";
import { parseChineseDate, parseChineseYearMonth } from "./parse-chinese-date.js";

const LABELS: readonly LabelSpec[] = [
  { key: "name", labels: ["姓名"] },
  { key: "idNumber", labels: ["社会保障号码", "公民身份号码"] },
  { key: "cardNumber", labels: ["社会保障卡号", "卡号"] },
  { key: "issueDate", labels: ["发卡日期", "签发日期"] },
  { key: "stop", labels: ["中华人民共和国", "社会保障卡", "人力资源和社会保障部", "性别", "有效期限"] },
];

function cardNumberField(context: FieldContext, reading: LabelReading): ExtractedField | undefined {
  const value = reading.first("cardNumber");
  const match = value ? /(?<![0-9A-Za-z])[0-9A-Za-z|]{6,12}(?![0-9A-Za-z])/.exec(value.value) : undefined;
  if (!value || !match) {
    // 卡号 lost: a letter and eight digits standing apart (the card number's usual shape).
    for (const line of reading.lines) {
      const found = /(?<![0-9A-Za-z])[A-Z]\d{8}(?![0-9A-Za-z])/.exec(line.text);
      if (found) return makeField(context, "cardNumber", found[0], line.text, [line], Quality.noLabel);
    }
    return undefined;
  }
  const raw = match[0];
  // A letter may lead (A12345678); the rest are digits.
  // Nine characters: a letter and eight digits (keep the letter even if it looks like a digit).
  const prefix =
    /^[A-Za-z]/.test(raw) && (raw.length === 9 || !/^[OolIZSB]/.test(raw)) ? (raw[0] as string).toUpperCase() : "";
  const digits = normalizeDigits(raw.slice(prefix.length));
  const fits = digits.fits && raw.length >= 8;
  return makeField(
    context,
    "cardNumber",
    prefix + digits.value,
    value.value,
    value.lines,
    readingQuality(value) * (fits ? 1 : Quality.unparsed),
  );
}

function issueDateField(context: FieldContext, reading: LabelReading): ExtractedField | undefined {
  const value = reading.first("issueDate");
  if (!value) return undefined;
  const date = parseChineseDate(value.value) ?? parseChineseYearMonth(value.value);
  if (!date) return undefined;
  return makeField(context, "issueDate", date, value.value, value.lines, readingQuality(value));
}

export function extractSocialSecurityCardFields(context: FieldContext): ExtractedField[] {
  const reading = readLabels(context.lines, LABELS);
  return present([
    nameField(context, "name", reading.first("name")),
    idNumberField(context, reading, "idNumber", reading.first("idNumber")),
    cardNumberField(context, reading),
    issueDateField(context, reading),
  ]);
}
