import { describe, expect, it } from "vitest";
import type { PageText } from "../types.js";
import { type LabelSpec, readLabels, toSourceLines } from "./label-finder.js";

const lines = (...texts: string[]) =>
  toSourceLines([
    {
      page: 1,
      source: "ocr",
      confidence: 0.9,
      quality: [],
      milliseconds: 0,
      lines: texts.map((text) => ({ text, confidence: 0.9 })),
    } satisfies PageText,
  ]);

const SPECS: LabelSpec[] = [
  { key: "name", labels: ["姓名"] },
  { key: "householder", labels: ["户主姓名"] },
  { key: "sex", labels: ["性别"] },
  { key: "ethnicity", labels: ["民族"] },
  { key: "birthplace", labels: ["出生地"] },
  { key: "birthDate", labels: ["出生日期"] },
  { key: "idNumber", labels: ["公民身份号码"] },
];

const value = (texts: string[], key: string) => readLabels(lines(...texts), SPECS).first(key)?.value;

describe("readLabels", () => {
  it("reads a value merged with its label, with spaces, or after a colon", () => {
    expect(value(["姓名张三"], "name")).toBe("张三");
    expect(value(["姓 名 张 三"], "name")).toBe("张三");
    expect(value(["姓名：张三"], "name")).toBe("张三");
    expect(value(["姓名::张三|"], "name")).toBe("张三");
  });

  it("ends a value where the next label starts", () => {
    expect(value(["性别男民族汉"], "sex")).toBe("男");
    expect(value(["性别 男 民族 汉"], "ethnicity")).toBe("汉");
  });

  it("reads the value on the next line when the label ends its line", () => {
    const reading = readLabels(lines("公民身份号码", "110108199003071238"), SPECS);
    expect(reading.first("idNumber")).toMatchObject({ value: "110108199003071238", fromNextLine: true });
  });

  it("does not take the next line's label for a value", () => {
    expect(value(["姓名", "性别男"], "name")).toBe("");
  });

  it("prefers the longer label: 户主姓名 is not 姓名", () => {
    const reading = readLabels(lines("户主姓名王建国"), SPECS);
    expect(reading.first("householder")?.value).toBe("王建国");
    expect(reading.first("name")).toBeUndefined();
  });

  it("finds a label with one character misread, the more similar label winning", () => {
    const reading = readLabels(lines("出生日明1965年8月20日", "公民身份号玛110"), SPECS);
    expect(reading.first("birthDate")).toMatchObject({ value: "1965年8月20日", hit: { distance: 1 } });
    expect(reading.first("birthplace")).toBeUndefined();
    expect(reading.first("idNumber")?.value).toBe("110");
  });

  it("gives a label one edit from two keys' labels to neither, leaving a shared shorter label to read it", () => {
    const specs: LabelSpec[] = [
      { key: "motherIdNumber", labels: ["母亲身份证件号码"] },
      { key: "fatherIdNumber", labels: ["父亲身份证件号码"] },
      { key: "parentIdNumber", labels: ["身份证件号码"] },
    ];
    const reading = readLabels(lines("允亲身份证件号码620103198810147431"), specs);
    expect(reading.first("motherIdNumber")).toBeUndefined();
    expect(reading.first("fatherIdNumber")).toBeUndefined();
    expect(reading.first("parentIdNumber")?.value).toBe("620103198810147431");
    expect(readLabels(lines("毋亲身份证件号码620103199704137007"), specs).first("motherIdNumber")).toBeUndefined();
    // One edit from one key's label only is still that key's.
    expect(readLabels(lines("母亲身份证件号玛620103199704137007"), specs).first("motherIdNumber")?.value).toBe(
      "620103199704137007",
    );
  });

  it("matches two-character labels exactly only: 住房 is not 住址", () => {
    expect(value(["娃名张三"], "name")).toBeUndefined();
    expect(
      readLabels(lines("住房公积金退休提取"), [{ key: "address", labels: ["住址"] }]).first("address"),
    ).toBeUndefined();
  });

  it("keeps labels marked `start` out of the middle of values", () => {
    const specs: LabelSpec[] = [
      { key: "type", labels: ["类型"], where: "start" },
      { key: "scope", labels: ["经营范围"] },
    ];
    const reading = readLabels(lines("经营范围销售各类型设备", "类型有限责任公司"), specs);
    expect(reading.first("scope")?.value).toBe("销售各类型设备");
    expect(reading.first("type")?.value).toBe("有限责任公司");
  });
});
