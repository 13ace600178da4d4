import { describe, expect, it } from "vitest";
import { extractApplicationFormFields } from "./extract-application-form-fields.js";
import { toSourceLines } from "./label-finder.js";

const read = (...texts: string[]) =>
  extractApplicationFormFields({
    fileId: "f1",
    lines: toSourceLines([
      {
        page: 1,
        source: "ocr",
        lines: texts.map((text) => ({ text, confidence: 0.9 })),
        confidence: 0.9,
        quality: [],
        milliseconds: 0,
      },
    ]),
  });
const value = (fields: ReturnType<typeof read>, name: string) => fields.find((field) => field.name === name)?.value;

describe("extractApplicationFormFields: the applicant's name", () => {
  it("does not take a section heading after 申请人 for the name, with or without a stray mark after it", () => {
    // Real tesseract output of a generated 退休 form (prefill eval, seed 7).
    expect(value(read("申请人基本信息站", "|姓名曾建明性别男"), "name")).toBe("曾建明");
    expect(value(read("申请人基本信息", "|姓名曾建明性别男"), "name")).toBe("曾建明");
  });

  it("reads a name after 申请人 at a line start", () => {
    expect(value(read("申请人张建国", "性别男"), "name")).toBe("张建国");
  });
});
