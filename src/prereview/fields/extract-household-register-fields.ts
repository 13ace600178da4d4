// 居民户口簿: the home page (户别 户主姓名 户号 住址) and a member's page (常住人口登记卡).
import type { ExtractedField } from "../types.js";
import {
  addressField,
  dateField,
  ethnicityField,
  idNumberField,
  nameField,
  present,
  sexField,
  textField,
} from "./common-fields.js";
import { type LabelReading, type LabelSpec, readLabels } from "./label-finder.js";
import { type FieldContext, makeField, Quality } from "./make-field.js";
import { normalizeText } from "./normalize-values.js";

const HOME_LABELS: readonly LabelSpec[] = [
  { key: "householdType", labels: ["户别"] },
  { key: "householderName", labels: ["户主姓名"] },
  { key: "householdNumber", labels: ["户号"] },
  { key: "address", labels: ["住址"] },
  { key: "stop", labels: ["承办人签章", "户口专用章", "登记机关", "签发日期", "登记日期", "居民户口簿"] },
];

const HOUSEHOLD_TYPES = ["家庭户", "集体户"];

export function extractHouseholdHomePageFields(context: FieldContext): ExtractedField[] {
  const reading = readLabels(context.lines, HOME_LABELS);
  // 户别 lost: 家庭户 or 集体户 standing alone is the type.
  const typeValue =
    reading.first("householdType") ??
    reading.lines
      .filter((line) => /^(家庭户|集体户)$/.test(line.text))
      .map((line) => ({
        key: "householdType",
        hit: { key: "householdType", label: "", line: line.index, start: 0, end: 0, distance: 1 },
        value: line.text,
        lines: [line],
        fromNextLine: false,
      }))[0];
  let householdType: ExtractedField | undefined;
  if (typeValue) {
    const text = normalizeText(typeValue.value);
    // 家庭户 / 集体户, or one character off: read as the type it is closest to.
    const known =
      HOUSEHOLD_TYPES.find((type) => text.includes(type)) ??
      HOUSEHOLD_TYPES.find(
        (type) => text.length >= 2 && [...type].filter((character) => text.includes(character)).length >= 2,
      );
    if (known)
      householdType = makeField(
        context,
        "householdType",
        known,
        typeValue.value,
        typeValue.lines,
        text.includes(known) ? 1 : 0.7,
      );
    else householdType = textField(context, "householdType", typeValue);
  }
  return present([
    nameField(context, "householderName", reading.first("householderName")),
    householdType,
    addressField(context, reading, "address", reading.first("address"), 1) ?? addressAlone(context, reading),
  ]);
}

/** 住址 lost: a line with no label that reads as a full address (province or city first). */
function addressAlone(context: FieldContext, reading: LabelReading): ExtractedField | undefined {
  const line = reading.lines.find(
    (candidate) =>
      reading.hitsOn(candidate.index).length === 0 &&
      /^\p{Script=Han}{2,}(省|自治区|市)/u.test(candidate.text) &&
      /[号室路街村组]/.test(candidate.text),
  );
  return line ? makeField(context, "address", normalizeText(line.text), line.text, [line], Quality.noLabel) : undefined;
}

const MEMBER_LABELS: readonly LabelSpec[] = [
  { key: "name", labels: ["姓名"] },
  { key: "relation", labels: ["户主或与户主关系", "与户主关系"] },
  { key: "sex", labels: ["性别"] },
  { key: "ethnicity", labels: ["民族"] },
  { key: "birthDate", labels: ["出生日期"] },
  { key: "birthplace", labels: ["出生地"] },
  { key: "idNumber", labels: ["公民身份证件编号", "公民身份号码", "身份证件编号"] },
  {
    key: "stop",
    labels: [
      "常住人口登记卡",
      "曾用名",
      "籍贯",
      "宗教信仰",
      "身高",
      "血型",
      "文化程度",
      "婚姻状况",
      "兵役状况",
      "服务处所",
      "职业",
      "本市(县)其他住址",
      "其他住址",
      "何时由何地迁来本市(县)",
      "何时由何地迁来本址",
      "承办人签章",
      "登记日期",
    ],
  },
];

export function extractHouseholdMemberPageFields(context: FieldContext): ExtractedField[] {
  const reading = readLabels(context.lines, MEMBER_LABELS);
  const relation = reading.first("relation");
  let relationField: ExtractedField | undefined;
  if (relation) {
    const text = [...normalizeText(relation.value)].filter((character) => /\p{Script=Han}/u.test(character)).join("");
    if (text)
      relationField = makeField(context, "relation", text, relation.value, relation.lines, text.length <= 4 ? 1 : 0.7);
  }
  return present([
    nameField(context, "name", reading.first("name")),
    relationField,
    sexField(context, "sex", reading.first("sex")),
    ethnicityField(context, "ethnicity", reading.first("ethnicity")),
    dateField(context, reading, "birthDate", reading.first("birthDate")),
    textField(context, "birthplace", reading.first("birthplace")),
    idNumberField(context, reading, "idNumber", reading.first("idNumber")),
  ]);
}
