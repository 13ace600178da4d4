// 中华人民共和国残疾人证: the holder, the category and level of disability, the certificate number
// (the ID number plus category and level digits) and its validity.
import type { ExtractedField } from "../types.js";
import { idNumberField, nameField, present, readingQuality, sexField } from "./common-fields.js";
import { type LabelReading, type LabelSpec, readLabels } from "./label-finder.js";
import { type FieldContext, makeField, Quality } from "./make-field.js";
import { normalizeDigits, normalizeIdNumber } from "./normalize-code-characters.js";
import { parseValidityRange } from "./parse-validity-range.js";

const LABELS: readonly LabelSpec[] = [
  { key: "name", labels: ["姓名"] },
  { key: "sex", labels: ["性别"] },
  { key: "idNumber", labels: ["公民身份号码", "身份证号码", "身份证号"] },
  { key: "category", labels: ["残疾类别"] },
  { key: "level", labels: ["残疾等级"] },
  { key: "certificateNumber", labels: ["残疾人证号", "证号"] },
  { key: "validity", labels: ["有效期至", "有效期限", "有效期"] },
  {
    key: "stop",
    labels: [
      "民族",
      "出生日期",
      "住址",
      "监护人",
      "联系电话",
      "发证机关",
      "签发机关",
      "发证日期",
      "残疾人证",
      "中国残疾人联合会",
    ],
  },
];

const CATEGORIES = ["视力", "听力", "言语", "肢体", "智力", "精神", "多重"];
const LEVELS = ["一级", "二级", "三级", "四级"];

function categoryField(context: FieldContext, reading: LabelReading): ExtractedField | undefined {
  const value = reading.first("category");
  if (!value) return undefined;
  const category =
    CATEGORIES.find((name) => value.value.includes(name)) ??
    CATEGORIES.find((name) => [...name].some((character) => value.value.startsWith(character)));
  if (!category) return undefined;
  return makeField(
    context,
    "disabilityCategory",
    category,
    value.value,
    value.lines,
    readingQuality(value) * (value.value.includes(category) ? 1 : 0.6),
  );
}

function levelField(context: FieldContext, reading: LabelReading): ExtractedField | undefined {
  const value = reading.first("level");
  if (!value) return undefined;
  const text = value.value.normalize("NFKC");
  const digit = /([1-4])级/.exec(text)?.[1];
  const level = LEVELS.find((name) => text.includes(name)) ?? (digit ? LEVELS[Number(digit) - 1] : undefined);
  if (!level) return undefined;
  return makeField(context, "disabilityLevel", level, value.value, value.lines, readingQuality(value));
}

function certificateNumberField(context: FieldContext, reading: LabelReading): ExtractedField | undefined {
  const value = reading.first("certificateNumber");
  const match = value ? /[0-9A-Za-z|×]{18,22}/.exec(value.value) : undefined;
  if (!value || !match) return undefined;
  const id = normalizeIdNumber(match[0].slice(0, 18));
  const rest = normalizeDigits(match[0].slice(18));
  const normalized = id.value + rest.value;
  const fits = id.fits && rest.fits && rest.value.length === 2;
  return makeField(
    context,
    "certificateNumber",
    normalized,
    value.value,
    value.lines,
    readingQuality(value) * (fits ? 1 : Quality.unparsed),
  );
}

function validUntilField(context: FieldContext, reading: LabelReading): ExtractedField | undefined {
  const value = reading.first("validity");
  if (!value) return undefined;
  const text = value.hit.label === "有效期至" ? `至${value.value}` : value.value;
  const until = parseValidityRange(text).validUntil;
  if (!until) return undefined;
  return makeField(context, "validUntil", until, value.value, value.lines, readingQuality(value));
}

export function extractDisabilityCertificateFields(context: FieldContext): ExtractedField[] {
  const reading = readLabels(context.lines, LABELS);
  return present([
    nameField(context, "name", reading.first("name")),
    sexField(context, "sex", reading.first("sex")),
    idNumberField(context, reading, "idNumber", reading.first("idNumber")),
    categoryField(context, reading),
    levelField(context, reading),
    certificateNumberField(context, reading),
    validUntilField(context, reading),
  ]);
}
