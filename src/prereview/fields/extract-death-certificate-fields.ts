// 居民死亡医学证明(推断)书: the deceased, the date of death (time dropped) and the institution.
import type { ExtractedField } from "../types.js";
import { dateField, idNumberField, nameField, present, sexField, textField } from "./common-fields.js";
import { type LabelSpec, readLabels } from "./label-finder.js";
import type { FieldContext } from "./make-field.js";

const LABELS: readonly LabelSpec[] = [
  { key: "name", labels: ["死者姓名", "姓名"] },
  { key: "sex", labels: ["性别"] },
  { key: "idNumber", labels: ["有效身份证件号码", "身份证件号码", "公民身份号码", "身份证号码", "证件号码"] },
  { key: "deathDate", labels: ["死亡日期", "死亡时间"] },
  { key: "institution", labels: ["医疗卫生机构名称", "医疗卫生机构", "医疗机构名称", "填报单位", "签发单位"] },
  {
    key: "stop",
    labels: [
      "居民死亡医学证明",
      "民族",
      "国家或地区",
      "年龄",
      "婚姻状况",
      "出生日期",
      "文化程度",
      "个人身份",
      "生前工作单位",
      "户籍地址",
      "常住地址",
      "死亡地点",
      "死亡原因",
      "可联系的家属姓名",
      "家属姓名",
      "联系电话",
      "家属住址或工作单位",
      "医师签名",
      "填表日期",
      "证件类型",
    ],
  },
];

export function extractDeathCertificateFields(context: FieldContext): ExtractedField[] {
  const reading = readLabels(context.lines, LABELS);
  return present([
    nameField(context, "name", reading.first("name")),
    sexField(context, "sex", reading.first("sex")),
    idNumberField(context, reading, "idNumber", reading.first("idNumber")),
    dateField(context, reading, "deathDate", reading.first("deathDate")),
    textField(context, "institution", reading.first("institution")),
  ]);
}
