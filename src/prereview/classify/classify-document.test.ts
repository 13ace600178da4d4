import { describe, expect, it } from "vitest";
import type { ExtractedFile, PageText } from "../types.js";
import { fixtureNames, loadFixture, parseFixture } from "./__fixtures__/load-fixture.js";
import { classifyFile, recogniseDocuments } from "./classify-document.js";
import { classifyPage } from "./classify-page.js";

const page = (number: number, lines: string[]): PageText => ({
  page: number,
  source: "ocr",
  lines: lines.map((text) => ({ text, confidence: 0.9 })),
  confidence: 0.9,
  quality: [],
  milliseconds: 0,
});
const file = (...pages: PageText[]): ExtractedFile => ({ fileId: "f7", pages, pageCount: pages.length });

describe("recogniseDocuments on the document fixtures", () => {
  for (const name of fixtureNames()) {
    it(`recognises ${name}`, () => {
      const fixture = loadFixture(name);
      const documents = recogniseDocuments(fixture.file);
      expect(documents.map((document) => `${document.documentType}/${document.side}`)).toEqual(
        fixture.expected.map((expected) => `${expected.documentType}/${expected.side}`),
      );
      const floor = name.includes("noisy") || name.startsWith("ocr-") ? 0.6 : 0.8;
      for (const document of documents) expect(document.confidence).toBeGreaterThan(floor);
    });
  }
});

describe("pages with no document on them", () => {
  it("reads a newspaper paragraph as other, with low confidence", () => {
    const [document] = recogniseDocuments(loadFixture("newspaper", "negatives").file);
    expect(document).toMatchObject({ documentType: "other", side: "single" });
    expect(document?.confidence).toBeLessThan(0.3);
  });

  it("reads a blank page as other with confidence below 0.3", () => {
    const [document] = recogniseDocuments(loadFixture("blank", "negatives").file);
    expect(document?.documentType).toBe("other");
    expect(document?.confidence).toBeLessThan(0.3);
  });

  it("reads border marks only as other", () => {
    expect(recogniseDocuments(loadFixture("noise", "negatives").file)[0]?.documentType).toBe("other");
  });

  it("returns nothing for a file without pages", () => {
    expect(recogniseDocuments({ fileId: "f1", pages: [], pageCount: 0, problem: "corrupt" })).toEqual([]);
  });
});

describe("bank card and social security card", () => {
  it("does not take a social security card for a bank card, though it carries a bank and a card number", () => {
    const [document] = recogniseDocuments(loadFixture("social-security-card-noisy").file);
    expect(document?.documentType).toBe("social_security_card");
  });

  it("recognises a bank card whose grouped number lost its first digits to OCR", () => {
    const classification = classifyPage(page(1, ["招商银行", "5 8886 7393 8613", "有效期12/29", "借记卡"]));
    expect(classification.documentType).toBe("bank_card");
    expect(classifyPage(page(1, ["招商银行", "电话 138 0013 8000", "借记卡"])).documentType).toBe("other");
  });

  it("recognises a bank card whose number OCR lost entirely by its MM/YY expiry", () => {
    const lines = ["甘肃银行借记卡", "6 ES5双89六60十芭本", "有效期03/32"];
    const classification = classifyPage(page(1, lines));
    expect(classification.documentType).toBe("bank_card");
    expect(classification.confidence).toBeGreaterThanOrEqual(0.5);
    // A certificate's full validity date is not a card's expiry.
    expect(classifyPage(page(1, ["甘肃银行借记卡", "有效期2036/03/01"])).documentType).toBe("other");
  });

  it("needs a card number for a bank card: a bank's name alone is not one", () => {
    const classification = classifyPage(page(1, ["中国工商银行", "借记卡"]));
    expect(classification.documentType).toBe("other");
  });
});

describe("grouping pages into documents", () => {
  it("gives an ID front and back in one PDF two documents with page ids", () => {
    const documents = recogniseDocuments(loadFixture("id-card-pdf-front-back").file);
    expect(documents.map((document) => [document.id, document.side, document.pages])).toEqual([
      ["f1#p1", "front", [1]],
      ["f1#p2", "back", [2]],
    ]);
    expect(documents.every((document) => document.fileId === "f1" && document.materialId === undefined)).toBe(true);
  });

  it("names a single-document file by its file id", () => {
    expect(recogniseDocuments(loadFixture("bank-card").file)[0]?.id).toBe("f1");
  });

  it("merges consecutive pages of a form, and an untitled continuation page", () => {
    const form = parseFixture(
      "form",
      "退休申请表\n姓名 王建国\n#page\n退休申请表(续)\n工作经历\n#page\n一九八零年参加工作\n申请人签字 王建国",
    );
    const documents = recogniseDocuments(form.file);
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({ id: "f1", documentType: "application_form", pages: [1, 2, 3] });
  });

  it("keeps two ID fronts in a row apart: they are two people's cards", () => {
    const front = ["姓名 张伟", "性别 男 民族 汉", "住址 北京市", "公民身份号码 110108199003071238"];
    const documents = recogniseDocuments(file(page(1, front), page(2, front)));
    expect(documents.map((document) => document.id)).toEqual(["f7#p1", "f7#p2"]);
  });

  it("reports the signals that decided each page", () => {
    const result = classifyFile(loadFixture("id-card-front-noisy").file);
    const names = result.pages[0]?.signals.map((signal) => signal.name);
    expect(names).toEqual(expect.arrayContaining(["公民身份号码", "民族", "idNumber"]));
    expect(result.pages[0]?.signals.find((signal) => signal.name === "公民身份号码")?.distance).toBe(1);
  });
});

describe("confidence", () => {
  it("is above 0.8 for a clean page and lower when signals are missing", () => {
    const clean = classifyPage(loadFixture("id-card-back-clean").file.pages[0] as PageText);
    const partial = classifyPage(page(1, ["有效期限 2016.05.12-2036.05.12"]));
    expect(clean.confidence).toBeGreaterThan(0.8);
    expect(partial.documentType).toBe("id_card");
    expect(partial.confidence).toBeLessThan(clean.confidence);
  });

  it("drops an ID front's score when the page is titled as another document", () => {
    const classification = classifyPage(
      page(1, [
        "居住证",
        "姓名 张伟",
        "性别 男 民族 汉",
        "住址 北京市",
        "公民身份号码 110108199003071238",
        "居住地址 北京市",
      ]),
    );
    expect(classification.documentType).toBe("residence_permit");
  });

  it("does not read a divorce certificate as a marriage certificate", () => {
    const classification = classifyPage(
      page(1, ["离婚证", "持证人 张伟", "登记日期 2020年1月1日", "离婚证字号 L110108-2020-000001"]),
    );
    expect(classification.documentType).not.toBe("marriage_certificate");
  });
});
