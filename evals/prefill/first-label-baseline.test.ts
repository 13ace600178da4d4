import { describe, expect, it } from "vitest";
import type { ExtractedFile } from "../../src/prereview/index.js";
import { firstLabelBaseline } from "./first-label-baseline.js";

const file = (fileId: string, lines: string[]): ExtractedFile => ({
  fileId,
  pageCount: 1,
  pages: [
    {
      page: 1,
      source: "ocr",
      confidence: 0.9,
      quality: [],
      milliseconds: 0,
      lines: lines.map((text) => ({ text, confidence: 0.9 })),
    },
  ],
});

describe("firstLabelBaseline", () => {
  it("copies the first value after each label, across files in order", () => {
    const values = firstLabelBaseline(
      [
        { name: "name", label: "申请人姓名", required: true, type: "text" },
        { name: "birthDate", label: "出生日期", required: false, type: "date" },
      ],
      [file("f1", ["姓名 王建国", "出生日期：1965年2月10日"]), file("f2", ["姓名 王建图"])],
    );
    expect(values.get("name")).toBe("王建国");
    expect(values.get("birthDate")).toBe("1965-02-10");
  });

  it("takes the next line when the label stands alone, and maps a choice label to its value", () => {
    const values = firstLabelBaseline(
      [
        {
          name: "retirementCategory",
          label: "退休人员类别",
          required: false,
          type: "choice",
          choices: [{ value: "female_worker", label: "女工人" }],
        },
      ],
      [file("f1", ["退休人员类别", "女工人"])],
    );
    expect(values.get("retirementCategory")).toBe("female_worker");
  });
});
