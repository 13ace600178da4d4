// 营业执照: name, credit code, type, legal representative, capital, dates and address.
import type { ExtractedField } from "../types.js";
import {
  addressField,
  creditCodeField,
  dateField,
  nameField,
  present,
  readingQuality,
  textField,
} from "./common-fields.js";
import { type LabelSpec, type LabelValue, readLabels } from "./label-finder.js";
import { type FieldContext, makeField, Quality } from "./make-field.js";
import { parseValidityRange } from "./parse-validity-range.js";

const LABELS: readonly LabelSpec[] = [
  { key: "creditCode", labels: ["统一社会信用代码"] },
  { key: "companyName", labels: ["名称"], where: "start" },
  { key: "companyName", labels: ["企业名称"] },
  { key: "companyType", labels: ["类型"], where: "start" },
  { key: "companyType", labels: ["企业类型", "公司类型"] },
  { key: "legalRepresentative", labels: ["法定代表人", "经营者", "负责人", "执行事务合伙人", "投资人"] },
  { key: "registeredCapital", labels: ["注册资本", "出资额", "成员出资总额"] },
  { key: "establishedDate", labels: ["成立日期", "注册日期"] },
  { key: "businessTerm", labels: ["营业期限", "经营期限", "合伙期限"] },
  // Two-column licences put 住所 after the business scope on the same line.
  { key: "address", labels: ["住所", "主要经营场所", "经营场所", "营业场所"] },
  { key: "stop", labels: ["营业执照", "经营范围", "登记机关", "组成形式", "国家企业信用信息公示系统"] },
];

/**
 * A name running past its organisational form into an amount (有限公司喜件万元整): a two-column
 * licence read as one line where OCR lost the other column's 注册资本 label, so its capital
 * (壹仟万元整) follows the name.
 */
const CAPITAL_AFTER_NAME = /^(.*(?:公司|合作社|事务所|厂|店|中心)(?:\([^)]*\))?)(.{1,8}(?:万元|元整))$/u;

/** The name without another column's capital read onto its line. */
function companyNameValue(value: LabelValue | undefined): LabelValue | undefined {
  const name = value && CAPITAL_AFTER_NAME.exec(value.value)?.[1];
  return value && name ? { ...value, value: name } : value;
}

export function extractBusinessLicenceFields(context: FieldContext): ExtractedField[] {
  const reading = readLabels(context.lines, LABELS);
  const term = reading.first("businessTerm");
  let termField: ExtractedField | undefined;
  if (term) {
    const range = parseValidityRange(term.value);
    if (range.validUntil)
      termField = makeField(
        context,
        "businessTermUntil",
        range.validUntil,
        term.value,
        term.lines,
        readingQuality(term),
      );
  }
  const name = textField(context, "companyName", companyNameValue(reading.first("companyName")));
  const company =
    name && !/(公司|厂|店|中心|合作社|事务所|部|馆|行|社|院|所|场|站)(\(.*\))?$/.test(name.value)
      ? { ...name, confidence: Math.round(name.confidence * 0.8 * 1000) / 1000 }
      : name;
  const capital = textField(context, "registeredCapital", reading.first("registeredCapital"), 0);
  return present([
    company,
    creditCodeField(context, reading, "creditCode", reading.first("creditCode")),
    textField(context, "companyType", reading.first("companyType")),
    nameField(context, "legalRepresentative", reading.first("legalRepresentative")),
    capital && !/\d|[零壹贰叁肆伍陆柒捌玖拾佰仟万亿]/.test(capital.value)
      ? { ...capital, confidence: Math.round(capital.confidence * Quality.unparsed * 1000) / 1000 }
      : capital,
    dateField(context, reading, "establishedDate", reading.first("establishedDate")),
    termField,
    addressField(context, reading, "address", reading.first("address"), 1),
  ]);
}
