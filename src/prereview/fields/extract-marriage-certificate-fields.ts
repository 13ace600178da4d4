// 结婚证: the holder, the registration date and number, and each spouse (姓名 性别 … 身份证件号).
import type { ExtractedField } from "../types.js";
import { dateField, idNumberField, nameField, present, readingQuality } from "./common-fields.js";
import { type LabelReading, type LabelSpec, type LabelValue, readLabels, type SourceLine } from "./label-finder.js";
import { type FieldContext, makeField, Quality } from "./make-field.js";
import { normalizeDigits } from "./normalize-code-characters.js";
import { normalizeName, normalizeSex } from "./normalize-values.js";

const LABELS: readonly LabelSpec[] = [
  { key: "holderName", labels: ["持证人"] },
  { key: "registrationDate", labels: ["登记日期"] },
  { key: "certificateNumber", labels: ["结婚证字号"] },
  { key: "name", labels: ["姓名"] },
  { key: "sex", labels: ["性别"] },
  { key: "idNumber", labels: ["身份证件号码", "身份证件号", "公民身份号码", "身份证号码", "身份证号"] },
  {
    key: "stop",
    labels: ["国籍", "出生日期", "备注", "婚姻登记员", "婚姻登记机关", "婚姻登记专用章", "结婚证", "中华人民共和国"],
  },
];

const before = (a: LabelValue, b: LabelValue) =>
  a.hit.line < b.hit.line || (a.hit.line === b.hit.line && a.hit.start < b.hit.start);

/**
 * A marriage registration number: J (L for divorce) + 6-digit division + year + sequence, e.g.
 * J110105-2020-000123. Dashes OCR read as 一 or — become -, letters in digit groups become digits.
 */
export function normalizeMarriageNumber(raw: string): { value: string; fits: boolean } {
  const text = raw
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/[一—_~]/g, "-")
    .replace(/^[^A-Za-z0-9]+/, "");
  const prefix = /^[A-Za-z]{1,2}/.exec(text)?.[0] ?? "";
  const rest = text
    .slice(prefix.length)
    .split("-")
    .map((group) => normalizeDigits(group).value)
    .join("-");
  const value = (prefix.toUpperCase() + rest).replace(/[^A-Z0-9-]+$/, "");
  return { value, fits: /^[A-Z]{1,2}\d{6}-\d{4}-\d{3,7}$/.test(value) };
}

interface Spouse {
  name?: ExtractedField;
  idNumber?: ExtractedField;
  /** 男 or 女 as printed, else as the ID number's sequence digit says (only to tell who is who). */
  sex?: "男" | "女";
  sexPrinted: boolean;
}

/** A spouse's name where 姓名 was lost or misread: what precedes 性别 (张云兰性别女), or a short line. */
function spouseName(
  context: FieldContext,
  reading: LabelReading,
  lines: readonly SourceLine[],
): ExtractedField | undefined {
  for (const line of lines) {
    const sexHit = reading.hitsOn(line.index).find((hit) => hit.key === "sex");
    const text = sexHit
      ? line.text.slice(0, sexHit.start)
      : (/^(.*?\p{Script=Han}{2,4})性/u.exec(line.text)?.[1] ?? "");
    const name = normalizeName(text.replace(/^[^\p{Script=Han}]*\p{Script=Han}?名/u, ""));
    if (name.length >= 2 && name.length <= 4 && !reading.hitsOn(line.index).some((hit) => hit.key === "name"))
      return makeField(context, "name", name, line.text, [line], Quality.noLabel);
  }
  return undefined;
}

/**
 * The spouses: each block of lines ends with a 身份证件号 row (OCR keeps the ID numbers best),
 * and holds that spouse's 姓名 and 性别; without ID numbers, each 姓名 starts a spouse.
 */
function readSpouses(context: FieldContext, reading: LabelReading): Spouse[] {
  const ids = reading.values("idNumber");
  if (ids.length === 0)
    return reading.values("name").map((name, index, names) => {
      const next = names[index + 1];
      const sex = reading.values("sex").find((value) => !before(value, name) && (!next || before(value, next)));
      const printed = normalizeSex(sex?.value ?? "");
      return { name: nameField(context, "name", name), sex: printed, sexPrinted: printed !== undefined };
    });
  let start = Math.max(-1, ...reading.values("certificateNumber").map((value) => value.hit.line)) + 1;
  return ids.map((id) => {
    const block = context.lines.slice(start, id.hit.line + 1);
    start = id.hit.line + 1;
    const inBlock = (value: LabelValue) => block.some((line) => line.index === value.hit.line);
    const idNumber = idNumberField(context, reading, "idNumber", id);
    const labelled = reading.values("name").find((value) => inBlock(value) && normalizeName(value.value).length >= 2);
    let name = labelled ? nameField(context, "name", labelled) : spouseName(context, reading, block);
    // 性别 misread (性列) ran on after the name: cut there.
    const runOn = name && name.value.length > 4 ? /^(\p{Script=Han}{2,4})性/u.exec(name.value)?.[1] : undefined;
    if (name && runOn)
      name = { ...name, value: runOn, confidence: Math.round(name.confidence * Quality.noLabel * 1000) / 1000 };
    const sexValue = reading.values("sex").find(inBlock);
    let sex = normalizeSex(sexValue?.value ?? "");
    const sexPrinted = sex !== undefined;
    if (!sex) {
      const loose = block.map((line) => /性.{0,2}?([男女])/.exec(line.text)?.[1]).find(Boolean);
      sex = loose as "男" | "女" | undefined;
    }
    if (!sex && idNumber && /^\d{17}[\dX]$/.test(idNumber.value))
      sex = Number(idNumber.value[16]) % 2 === 1 ? "男" : "女";
    return { name, idNumber, sex, sexPrinted };
  });
}

const rename = (field: ExtractedField | undefined, name: string, factor: number): ExtractedField | undefined =>
  field ? { ...field, name, confidence: Math.round(field.confidence * factor * 1000) / 1000 } : undefined;

export function extractMarriageCertificateFields(context: FieldContext): ExtractedField[] {
  const reading = readLabels(context.lines, LABELS);
  const fields: (ExtractedField | undefined)[] = [
    nameField(context, "holderName", reading.first("holderName")),
    dateField(context, reading, "registrationDate", reading.first("registrationDate")),
  ];
  const number = reading.first("certificateNumber");
  if (number?.value) {
    const normalized = normalizeMarriageNumber(number.value);
    fields.push(
      makeField(
        context,
        "certificateNumber",
        normalized.value,
        number.value,
        number.lines,
        readingQuality(number) * (normalized.fits ? 1 : Quality.unparsed),
      ),
    );
  }
  const spouses = readSpouses(context, reading);
  const assigned = new Set<number>();
  for (const role of ["husband", "wife"] as const) {
    const wanted = role === "husband" ? "男" : "女";
    let index = spouses.findIndex((spouse, i) => !assigned.has(i) && spouse.sex === wanted);
    // Sex unknown: the usual order, husband first.
    if (index < 0) index = spouses.findIndex((spouse, i) => !assigned.has(i) && spouse.sex === undefined);
    const spouse = spouses[index];
    if (!spouse) continue;
    assigned.add(index);
    const factor = spouse.sexPrinted ? 1 : 0.8;
    fields.push(rename(spouse.name, `${role}Name`, factor), rename(spouse.idNumber, `${role}IdNumber`, factor));
  }
  return present(fields);
}
