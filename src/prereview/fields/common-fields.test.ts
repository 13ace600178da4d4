import { describe, expect, it } from "vitest";
import type { PageText } from "../types.js";
import { addressField, breaksANumber, namesRegionOnly, sexField } from "./common-fields.js";
import { type LabelSpec, readLabels, toSourceLines } from "./label-finder.js";
import { WHOLE_CHOICE_CONFIDENCE } from "./make-field.js";

const context = (confidence: number, ...texts: string[]) => ({
  fileId: "f1",
  lines: toSourceLines([
    {
      page: 1,
      source: "ocr",
      confidence,
      quality: [],
      milliseconds: 0,
      lines: texts.map((text) => ({ text, confidence })),
    } satisfies PageText,
  ]),
});

const SPECS: LabelSpec[] = [
  { key: "childName", labels: ["新生儿姓名"] },
  { key: "sex", labels: ["性别"] },
  { key: "ethnicity", labels: ["民族"] },
  { key: "address", labels: ["住址"] },
  { key: "stop", labels: ["退休信息"] },
];

const sexOf = (confidence: number, text: string) => {
  const read = context(confidence, text);
  return sexField(read, "sex", readLabels(read.lines, SPECS).first("sex"));
};

const addressOf = (confidence: number, ...texts: string[]) => {
  const read = context(confidence, ...texts);
  const reading = readLabels(read.lines, SPECS);
  return addressField(read, reading, "address", reading.first("address"), 0);
};

describe("sexField", () => {
  it("trusts 男 or 女 read whole after its exact label, however doubtful the rest of the line", () => {
    expect(sexOf(0.59, "新生儿姓名吴伟林，性别男")).toMatchObject({ value: "男", confidence: WHOLE_CHOICE_CONFIDENCE });
    expect(sexOf(0.48, "性别“女民族”汉")).toMatchObject({ value: "女", confidence: WHOLE_CHOICE_CONFIDENCE });
  });

  it("keeps the line's confidence when the value holds more than the choice", () => {
    expect(sexOf(0.6, "性别男女")?.confidence).toBe(0.6);
    expect(sexOf(0.6, "性别女士")?.confidence).toBe(0.6);
  });

  it("keeps a confident line's own confidence", () => {
    expect(sexOf(0.97, "性别女")?.confidence).toBe(0.97);
  });
});

describe("addressField", () => {
  it("doubts an address that names only a province or city: its rest is on another line", () => {
    expect(addressOf(0.96, "住址广东省", "退休信息")).toMatchObject({ value: "广东省" });
    expect(addressOf(0.96, "住址广东省", "退休信息")?.confidence).toBeLessThan(0.5);
    expect(addressOf(0.96, "住址广东省广州市天河区林和西路312号")?.confidence).toBe(0.96);
  });

  it("doubts an address whose house number has characters inside it", () => {
    expect(addressOf(0.96, "住址甘肃省兰州市七里河区敦煌路3八国54号4单元1901室")?.confidence).toBeLessThan(0.5);
  });
});

describe("breaksANumber", () => {
  it("is true for characters OCR put inside a house number (seen on ID cards' addresses)", () => {
    expect(
      [
        "敦煌路3八国54号4单元",
        "乌山路237二和号19号楼",
        "东岗西路1全妥64号",
        "五四路13人全号1单元",
        "银安路388国号",
      ].map(breaksANumber),
    ).toEqual([true, true, true, true, true]);
  });

  it("is false for the unit words addresses put after a number", () => {
    expect(
      [
        "银安路388号24号楼4单元601室",
        "幸福村12组34号",
        "建国路3号院2号楼",
        "西路12之3号",
        "花园小区5期12栋3层",
        "林和西路312号",
        "12B号",
      ].map(breaksANumber),
    ).toEqual([false, false, false, false, false, false, false]);
  });
});

describe("namesRegionOnly", () => {
  it("is true for a province, a city or both, and false once a district or street is named", () => {
    expect(["广东省", "广东省广州市", "北京市", "新疆维吾尔自治区"].map(namesRegionOnly)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(["广东省广州市天河区", "北京市朝阳区建国路1号", "林和西路312号", ""].map(namesRegionOnly)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
