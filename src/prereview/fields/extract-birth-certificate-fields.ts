// 出生医学证明: the child, the birth, the parents (each parent's ID number follows their name) and
// the certificate number. The certificate prints its labels in colour on a patterned background,
// and OCR often loses a label but keeps its value: the fields then come from where they stand
// (the child's name after the number, the birth time as the first date with 时, each parent's
// name before their 年龄/国籍 on the line above their ID number).
import type { ExtractedField } from "../types.js";
import {
  dateField,
  idNumberField,
  leadingValue,
  nameField,
  present,
  readingQuality,
  sexField,
  textField,
} from "./common-fields.js";
import { type LabelReading, type LabelSpec, type LabelValue, readLabels, type SourceLine } from "./label-finder.js";
import { type FieldContext, makeField, Quality } from "./make-field.js";
import { normalizeDigits } from "./normalize-code-characters.js";
import { normalizeName, normalizeText } from "./normalize-values.js";
import { findChineseDates } from "./parse-chinese-date.js";

const LABELS: readonly LabelSpec[] = [
  { key: "childName", labels: ["新生儿姓名"] },
  { key: "childSex", labels: ["性别"] },
  { key: "birthDate", labels: ["出生时间", "出生日期"] },
  { key: "birthPlace", labels: ["出生地点"] },
  { key: "motherName", labels: ["母亲姓名"] },
  { key: "fatherName", labels: ["父亲姓名"] },
  { key: "motherIdNumber", labels: ["母亲身份证件号码", "母亲有效身份证件号码", "母亲身份证号码"] },
  { key: "fatherIdNumber", labels: ["父亲身份证件号码", "父亲有效身份证件号码", "父亲身份证号码"] },
  {
    key: "parentIdNumber",
    labels: ["有效身份证件号码", "身份证件号码", "有效身份证件类别及号码", "公民身份号码", "身份证号码"],
  },
  { key: "certificateNumber", labels: ["出生证编号", "出生医学证明编号", "编号"] },
  { key: "institution", labels: ["接生机构名称", "接生机构", "医疗机构名称"] },
  {
    key: "stop",
    labels: [
      "出生医学证明",
      "出生孕周",
      "出生体重",
      "出生身长",
      "健康状况",
      "年龄",
      "国籍",
      "民族",
      "签证机构",
      "签发日期",
    ],
  },
];

const before = (a: LabelValue, b: LabelValue) =>
  a.hit.line < b.hit.line || (a.hit.line === b.hit.line && a.hit.start < b.hit.start);

/** Which parent a value belongs to: the nearest parent's name label before it. */
function parentOf(value: LabelValue, parents: readonly LabelValue[]): string | undefined {
  let owner: LabelValue | undefined;
  for (const parent of parents) if (before(parent, value) && (!owner || before(owner, parent))) owner = parent;
  return owner?.key;
}

/** A certificate number: one letter then 9 digits (Q110123456); digits repaired, the letter kept. */
export function certificateNumberField(
  context: FieldContext,
  name: string,
  value: LabelValue | undefined,
): ExtractedField | undefined {
  if (!value) return undefined;
  const match = /[A-Za-z]?[0-9A-Za-z|]{8,12}/.exec(value.value);
  if (!match) return undefined;
  const raw = match[0];
  const letter = /^[A-Za-z]/.test(raw) && raw.length === 10 ? (raw[0] as string).toUpperCase() : "";
  const digits = normalizeDigits(letter ? raw.slice(1) : raw).value;
  const normalized = letter + digits;
  const fits = /^[A-Z]?\d{9,10}$/.test(normalized);
  return makeField(
    context,
    name,
    normalized,
    value.value,
    value.lines,
    readingQuality(value) * (fits ? 1 : Quality.unparsed),
  );
}

/** The parents' ID numbers: by their own labels, else by the parent's name label before them. */
function parentIdNumbers(context: FieldContext, reading: LabelReading): Record<string, ExtractedField | undefined> {
  const result: Record<string, ExtractedField | undefined> = {
    motherIdNumber: idNumberField(context, reading, "motherIdNumber", reading.first("motherIdNumber")),
    fatherIdNumber: idNumberField(context, reading, "fatherIdNumber", reading.first("fatherIdNumber")),
  };
  const parents = [...reading.values("motherName"), ...reading.values("fatherName")];
  reading.values("parentIdNumber").forEach((value, index) => {
    const owner = parentOf(value, parents) ?? (index === 0 ? "motherName" : "fatherName");
    const name = owner === "motherName" ? "motherIdNumber" : "fatherIdNumber";
    result[name] ??= idNumberField(context, reading, name, value);
  });
  return result;
}

/** A name OCR left without its label: the Chinese characters a line starts with, 2 to 4 of them. */
function unlabelledName(
  context: FieldContext,
  reading: LabelReading,
  name: string,
  line: SourceLine | undefined,
): ExtractedField | undefined {
  if (!line) return undefined;
  const text = leadingValue(reading, line);
  const leading = /^[^\p{Script=Han}]{0,2}(\p{Script=Han}{2,4})(?!\p{Script=Han})/u.exec(text)?.[1];
  if (!leading) return undefined;
  return makeField(context, name, normalizeName(leading), text, [line], Quality.noLabel);
}

/** Lines holding 年龄 or 国籍 (a parent's row), in order. */
function parentRows(reading: LabelReading): SourceLine[] {
  return reading.lines.filter((line) =>
    reading.hitsOn(line.index).some((hit) => hit.key === "stop" && (hit.label === "年龄" || hit.label === "国籍")),
  );
}

export function extractBirthCertificateFields(context: FieldContext): ExtractedField[] {
  const reading = readLabels(context.lines, LABELS);
  const ids = parentIdNumbers(context, reading);
  const numberValue = reading.first("certificateNumber");
  const dated = reading.lines.filter((line) => findChineseDates(line.text).length > 0 && !/签发/.test(line.text));
  const birthLine = dated.find((line) => /时/.test(line.text)) ?? dated[0];

  let childName = nameField(context, "childName", reading.first("childName"));
  if (!childName && birthLine) {
    // Between the certificate number and the birth time: the child's name line.
    const start = numberValue ? numberValue.hit.line + 1 : 0;
    const candidates = reading.lines.slice(start, birthLine.index);
    childName = candidates.map((line) => unlabelledName(context, reading, "childName", line)).find(Boolean);
  }

  let birthDate = dateField(context, reading, "birthDate", reading.first("birthDate"));
  if (!birthDate && birthLine) {
    const date = findChineseDates(birthLine.text)[0];
    if (date) birthDate = makeField(context, "birthDate", date.value, birthLine.text, [birthLine], Quality.noLabel);
  }

  let birthPlace = textField(context, "birthPlace", reading.first("birthPlace"));
  if (!birthPlace && birthLine) {
    // A place on its own line after the birth time and before the parents.
    const firstParentLine = Math.min(
      ...[...parentRows(reading), ...reading.values("motherName").flatMap((value) => value.lines)].map(
        (line) => line.index,
      ),
    );
    const place = reading.lines
      .slice(birthLine.index + 1, Number.isFinite(firstParentLine) ? firstParentLine : undefined)
      .find(
        (line) =>
          reading.hitsOn(line.index).length === 0 &&
          /^\p{Script=Han}{2,}(省|自治区|市).*(区|县|市|旗)$/u.test(normalizeText(line.text)),
      );
    if (place)
      birthPlace = makeField(context, "birthPlace", normalizeText(place.text), place.text, [place], Quality.noLabel);
  }

  // A parent's name without its label: the start of their 年龄/国籍 row.
  const rows = parentRows(reading);
  const motherName =
    nameField(context, "motherName", reading.first("motherName")) ??
    unlabelledName(
      context,
      reading,
      "motherName",
      rows.find((row) => !reading.values("fatherName").some((value) => value.hit.line === row.index)),
    );
  const fatherName =
    nameField(context, "fatherName", reading.first("fatherName")) ??
    unlabelledName(
      context,
      reading,
      "fatherName",
      rows.filter((row) => !reading.values("motherName").some((value) => value.hit.line === row.index))[
        rows.length > 1 ? 1 : 0
      ],
    );

  return present([
    childName,
    sexField(context, "childSex", reading.first("childSex")),
    birthDate,
    birthPlace,
    motherName,
    ids.motherIdNumber,
    fatherName,
    ids.fatherIdNumber,
    certificateNumberField(context, "certificateNumber", numberValue),
    textField(context, "institution", reading.first("institution")),
  ]);
}
