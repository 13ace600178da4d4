// 申请表 / 申请书: the title says which; the applicant's fields as filled in; whether the applicant's
// signature line holds anything, and its date.
import { looksLikeFormTitle } from "../classify/index.js";
import type { ExtractedField } from "../types.js";
import {
  addressField,
  dateField,
  idNumberField,
  nameField,
  present,
  readingQuality,
  sexField,
} from "./common-fields.js";
import { type LabelReading, type LabelSpec, readLabels } from "./label-finder.js";
import { type FieldContext, makeField, Quality } from "./make-field.js";
import { normalizeDigits } from "./normalize-code-characters.js";
import { normalizeName, toChinesePunctuation } from "./normalize-values.js";
import { findChineseDates } from "./parse-chinese-date.js";

const SIGNATURE_LABELS = [
  "申请人签字",
  "申请人(签字)",
  "申请人签名",
  "申请人(签名)",
  "申请人签章",
  "申请人(签章)",
  "签字",
  "签名",
];

const LABELS: readonly LabelSpec[] = [
  { key: "name", labels: ["申请人姓名", "申领人姓名"] },
  // At a line start only: 新生儿姓名, 监护人姓名 hold 姓名 too.
  { key: "name", labels: ["姓名", "申请人"], where: "start" },
  { key: "sex", labels: ["性别"] },
  { key: "idNumber", labels: ["公民身份号码", "身份证号码", "身份证件号码", "身份证号", "证件号码"] },
  { key: "birthDate", labels: ["出生日期"] },
  { key: "phone", labels: ["联系电话", "手机号码", "联系方式", "电话", "手机"] },
  { key: "address", labels: ["住址", "家庭住址", "通讯地址", "联系地址", "现住址", "居住地址", "地址"] },
  { key: "signature", labels: SIGNATURE_LABELS },
  { key: "signDate", labels: ["申请日期", "签字日期", "填表日期", "日期"] },
  {
    key: "stop",
    labels: [
      "申请事项",
      "申办事项",
      "民族",
      "工作单位",
      "邮政编码",
      "邮编",
      "备注",
      "本人承诺",
      "经办人",
      "受理人",
      "审核意见",
      "受理意见",
      "代理人姓名",
      "代理人",
      "与申请人关系",
      "与申领人关系",
      // Other people's fields on joint forms: longer labels holding 姓名, 性别, 身份证号, 地址.
      "新生儿姓名",
      "新生儿性别",
      "父亲姓名",
      "母亲姓名",
      "监护人姓名",
      "经办人姓名",
      "父亲身份证号",
      "母亲身份证号",
      "监护人身份证号",
      "经办人身份证号",
      "落户地址",
      "企业名称",
      "法定代表人",
      "出生证编号",
      "注销原因",
      "参加工作时间",
      "退休类别",
      "开户银行",
    ],
  },
];

/** What a signature line holds once its printed parts (签字, 年 月 日, blanks, dates) are removed. */
function signatureContent(text: string): string {
  let rest = text;
  for (const date of findChineseDates(rest).reverse()) rest = rest.slice(0, date.start) + rest.slice(date.end);
  return rest
    .replace(/\((签字|签名|签章|盖章)\)/g, "")
    .replace(/年|月|日|签字|签名|盖章|[\s_\-—.:()|]/g, "")
    .replace(/\d/g, "");
}

function signedField(context: FieldContext, reading: LabelReading): ExtractedField | undefined {
  const value = reading.first("signature");
  if (!value) return undefined;
  let content = signatureContent(value.value);
  // A signature on its own line below the label: short, like a name.
  if (value.fromNextLine && (content.length > 6 || !/\p{Script=Han}/u.test(content))) content = "";
  const signed = /\p{Script=Han}|[A-Za-z]{2}/u.test(content);
  return makeField(
    context,
    "signed",
    signed ? "true" : "false",
    value.value,
    value.lines,
    readingQuality(value) * (signed ? 0.8 : 0.9),
  );
}

function signDateField(context: FieldContext, reading: LabelReading): ExtractedField | undefined {
  for (const value of reading.values("signDate")) {
    const field = dateField(context, reading, "signDate", value);
    if (field) return field;
  }
  // No dated label: a date on the signature line or the line after it.
  const signature = reading.first("signature");
  if (!signature) return undefined;
  const line = reading.lines[signature.hit.line];
  const candidates = [line, reading.lines[signature.hit.line + 1]].filter((entry) => entry !== undefined);
  for (const candidate of candidates) {
    const text = candidate === line ? candidate.text.slice(signature.hit.end) : candidate.text;
    const date = findChineseDates(text)[0];
    if (date) return makeField(context, "signDate", date.value, text, [candidate], Quality.noLabel);
  }
  return undefined;
}

function phoneField(context: FieldContext, reading: LabelReading): ExtractedField | undefined {
  const value = reading.first("phone");
  const match = value ? /[0-9OolIZSB][0-9OolIZSB\-()]{6,}/.exec(value.value) : undefined;
  if (!value || !match) {
    // 联系电话 lost: a mobile number standing on its own.
    for (const line of reading.lines) {
      const mobile = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/.exec(line.text);
      if (mobile && reading.hitsOn(line.index).every((hit) => hit.key === "phone"))
        return makeField(context, "phone", mobile[0], line.text, [line], Quality.noLabel);
    }
    return undefined;
  }
  const digits = normalizeDigits(match[0].replace(/[()]/g, "-")).value.replace(/^-+|-+$/g, "");
  const fits = /^1\d{10}$/.test(digits) || /^0\d{2,3}-?\d{7,8}$/.test(digits) || /^\d{7,8}$/.test(digits);
  return makeField(
    context,
    "phone",
    digits,
    value.value,
    value.lines,
    readingQuality(value) * (fits ? 1 : Quality.unparsed),
  );
}

/** The title as printed: no spaces or edge marks, Chinese quotes and brackets kept (退休“一件事”联办申请表). */
function formTitle(text: string): string {
  let quotes = 0;
  const title = text
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/"/g, () => (quotes++ % 2 === 0 ? "“" : "”"))
    .replace(/^[^\p{Script=Han}A-Za-z0-9“(]+|[^\p{Script=Han}A-Za-z0-9”)]+$/gu, "");
  return toChinesePunctuation(title);
}

/**
 * A section heading (申请人(监护人)信息) where OCR lost the name row: not a name, also with a stray
 * mark read after it (申请人基本信息站).
 */
function isHeading(value: string): boolean {
  return /(?:信息|基本情况)\p{Script=Han}?$/u.test(normalizeName(value));
}

/**
 * The applicant's name and sex. When OCR lost 性别 the sex runs on after the name (姓名汪明杰男);
 * when it lost the whole name row, the signature line names the applicant (申请人签字:汪明杰).
 */
function nameAndSex(context: FieldContext, reading: LabelReading): (ExtractedField | undefined)[] {
  const value = reading.values("name").find((candidate) => candidate.value && !isHeading(candidate.value));
  let sex = sexField(context, "sex", reading.first("sex"));
  if (value) {
    const runOn = /^(.*?\p{Script=Han}{2,})([男女])$/u.exec(normalizeName(value.value));
    const sexOnLine = reading.hitsOn(value.hit.line).some((hit) => hit.key === "sex");
    if (runOn && !sexOnLine) {
      const quality = readingQuality(value) * Quality.noLabel;
      sex ??= makeField(context, "sex", runOn[2] as string, value.value, value.lines, quality);
      return [makeField(context, "name", runOn[1] as string, value.value, value.lines, readingQuality(value)), sex];
    }
    return [nameField(context, "name", value), sex];
  }
  const signature = reading.first("signature");
  const signer = signature ? /^\p{Script=Han}{2,4}/u.exec(signatureContent(signature.value))?.[0] : undefined;
  if (!signature || !signer) return [undefined, sex];
  return [makeField(context, "name", signer, signature.value, signature.lines, Quality.noLabel), sex];
}

export function extractApplicationFormFields(context: FieldContext): ExtractedField[] {
  const reading = readLabels(context.lines, LABELS);
  const titleLine = context.lines.find((line) => looksLikeFormTitle(line.text));
  const [name, sex] = nameAndSex(context, reading);
  return present([
    titleLine
      ? makeField(context, "formTitle", formTitle(titleLine.line.text), titleLine.line.text, [titleLine])
      : undefined,
    name,
    sex,
    idNumberField(context, reading, "idNumber", reading.first("idNumber")),
    dateField(context, reading, "birthDate", reading.first("birthDate")),
    phoneField(context, reading),
    addressField(context, reading, "address", reading.first("address"), 0),
    signedField(context, reading),
    signDateField(context, reading),
  ]);
}
