import { describe, expect, it } from "vitest";
import { fixtureNames, loadFixture } from "../classify/__fixtures__/load-fixture.js";
import { ExtractedFieldSchema } from "../types.js";
import { readDocuments } from "./read-documents.js";

describe("readDocuments on the document fixtures", () => {
  for (const name of fixtureNames()) {
    it(`reads the fields of ${name}`, () => {
      const fixture = loadFixture(name);
      const documents = readDocuments(fixture.file);
      expect(documents).toHaveLength(fixture.expected.length);
      fixture.expected.forEach((expected, index) => {
        const document = documents[index];
        const values = Object.fromEntries((document?.fields ?? []).map((field) => [field.name, field.value]));
        expect(values).toMatchObject(expected.fields);
        for (const absent of expected.absent) expect(values).not.toHaveProperty(absent);
        for (const field of document?.fields ?? []) {
          expect(ExtractedFieldSchema.parse(field)).toEqual(field);
          expect(field.confidence).toBeGreaterThanOrEqual(0);
          expect(field.confidence).toBeLessThanOrEqual(1);
          expect(field.evidence.fileId).toBe("f1");
        }
      });
    });
  }
});

describe("field confidence and evidence", () => {
  it("keeps the OCR line's confidence and box as evidence", () => {
    const [document] = readDocuments(loadFixture("id-card-front-noisy").file);
    const idNumber = document?.fields.find((field) => field.name === "idNumber");
    expect(idNumber).toMatchObject({
      raw: "44Ol0619880512OO29",
      evidence: { page: 1, text: "公民身份号玛 44Ol0619880512OO29" },
    });
    expect(idNumber?.evidence.box).toBeDefined();
    // Line confidence 0.62, a fuzzy label and repaired characters: lower than the line's own.
    expect(idNumber?.confidence).toBeLessThan(0.62);
    const clean = readDocuments(loadFixture("id-card-front-clean").file)[0]?.fields.find(
      (field) => field.name === "idNumber",
    );
    expect(clean?.confidence).toBeCloseTo(0.9);
  });

  it("gives an ID number that does not fit the pattern a low confidence, and keeps it as read", () => {
    const [document] = readDocuments({
      fileId: "f2",
      pageCount: 1,
      pages: [
        {
          page: 1,
          source: "pdf_text",
          confidence: 1,
          quality: [],
          milliseconds: 0,
          lines: ["姓名 张伟", "性别 男 民族 汉", "住址 北京市", "公民身份号码 11010819900307123"].map((text) => ({
            text,
            confidence: 1,
          })),
        },
      ],
    });
    const idNumber = document?.fields.find((field) => field.name === "idNumber");
    expect(idNumber?.value).toBe("11010819900307123");
    expect(idNumber?.confidence).toBeLessThan(0.5);
  });

  it("reads nothing from documents of types without an extractor", () => {
    const [document] = readDocuments({
      fileId: "f3",
      pageCount: 1,
      pages: [
        {
          page: 1,
          source: "pdf_text",
          confidence: 1,
          quality: [],
          milliseconds: 0,
          lines: [
            { text: "房屋租赁合同", confidence: 1 },
            { text: "出租方 张三 承租方 李四", confidence: 1 },
          ],
        },
      ],
    });
    expect(document).toMatchObject({ documentType: "lease_contract", fields: [] });
  });
});
