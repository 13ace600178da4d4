import { describe, expect, it } from "vitest";
import { closestStretch, confirmDisputedReadings } from "./confirm-disputed-readings.js";
import type { Evidence, ExtractedFile, Finding, IntakeFile, RecognisedDocument } from "./types.js";
import { idNumberFor } from "./rules/__fixtures__/case-builder.js";

const box = { x0: 10, y0: 20, x1: 300, y1: 50 };
const nameEvidence: Evidence = { fileId: "f1", page: 1, text: "姓名能敏", box };
const idEvidence: Evidence = {
  fileId: "f1",
  page: 1,
  text: "公民身份号码",
  box: { x0: 10, y0: 200, x1: 400, y1: 230 },
};
const validId = idNumberFor("1985-01-15", "女");

const files: IntakeFile[] = [{ fileId: "f1", originalName: "card.jpg", kind: "jpeg", bytes: new Uint8Array([1]) }];
const extracted: ExtractedFile[] = [
  {
    fileId: "f1",
    kind: "jpeg",
    pageCount: 1,
    pages: [
      { page: 1, source: "ocr", lines: [], confidence: 0.8, width: 1000, height: 600, quality: [], milliseconds: 0 },
    ],
  },
];

function idCard(name: string, idNumber: string, confidence = 0.6): RecognisedDocument {
  return {
    id: "f1",
    fileId: "f1",
    pages: [1],
    documentType: "id_card",
    side: "front",
    confidence: 0.9,
    fields: [
      { name: "name", value: name, raw: name, confidence, evidence: nameEvidence },
      { name: "idNumber", value: idNumber, raw: idNumber, confidence, evidence: idEvidence },
    ],
  };
}

function finding(ruleId: Finding["ruleId"], evidence: Evidence[]): Finding {
  return { id: "x", ruleId, severity: "error", message: "", detail: "", evidence };
}

async function confirm(
  document: RecognisedDocument,
  findings: Finding[],
  texts: Record<number, string>,
  form: Record<string, string> = { name: "熊敏", idNumber: validId },
) {
  const asked: { page: number; y0: number; pageWidth: number }[] = [];
  const calls: number[] = [];
  const result = await confirmDisputedReadings({
    findings,
    documents: [document],
    extracted,
    files,
    form,
    reread: async (_file, request) => {
      calls.push(request.regions.length);
      return request.regions.map(({ box }) => {
        asked.push({ page: request.page, y0: box.y0, pageWidth: request.pageWidth });
        const text = texts[box.y0];
        return text === undefined ? undefined : { text, confidence: 0.8 };
      });
    },
  });
  return { ...result, asked, calls, fields: result.documents[0]?.fields ?? [] };
}

describe("confirmDisputedReadings", () => {
  it("corrects an OCR slip when the second reading matches another source", async () => {
    const result = await confirm(idCard("能敏", validId), [finding("consistency.name", [nameEvidence])], {
      20: "姓名熊敏",
    });
    expect(result.asked).toEqual([{ page: 1, y0: 20, pageWidth: 1000 }]);
    expect(result.fields[0]).toMatchObject({ value: "熊敏", confidence: 0.9 });
    expect(result.fields[0]?.evidence.text).toContain("复读：姓名熊敏");
    expect(result.corrected).toBe(1);
  });

  it("keeps a value both readings agree on as read, and marks one they disagree on as doubtful", async () => {
    const agreed = await confirm(idCard("熊民", validId), [finding("consistency.name", [nameEvidence])], {
      20: "姓名熊民",
    });
    expect(agreed.fields[0]).toMatchObject({ value: "熊民", confidence: 0.6 });
    expect(agreed.confirmed).toBe(1);
    const disagreed = await confirm(idCard("熊民", validId, 0.85), [finding("consistency.name", [nameEvidence])], {
      20: "姓名能氏",
    });
    expect(disagreed.fields[0]).toMatchObject({ value: "熊民", confidence: 0.5 });
    expect(disagreed.disputed).toBe(1);
  });

  it("takes a second reading of an ID number that passes the check the first failed", async () => {
    const partial = validId.slice(0, 16);
    const result = await confirm(idCard("熊敏", partial), [finding("quality.field_unread", [idEvidence])], {
      200: `公民身份号码${validId}`,
    });
    expect(result.fields[1]).toMatchObject({ value: validId, confidence: 0.9 });
    expect(result.fields[0]).toMatchObject({ value: "熊敏", confidence: 0.6 });
  });

  it("takes an ID number read with one slip as the valid number typed on the form, even without a second reading", async () => {
    const slipped = `${validId.slice(0, 2)}2${validId.slice(2)}`; // 19 characters: a 0 read as 20
    const withoutSecond = await confirm(idCard("熊敏", slipped), [finding("quality.field_unread", [idEvidence])], {});
    expect(withoutSecond.fields[1]).toMatchObject({ value: validId, confidence: 0.9 });
    const unrelated = await confirm(
      idCard("熊敏", `99${validId.slice(2)}`),
      [finding("quality.field_unread", [idEvidence])],
      {},
    );
    expect(unrelated.fields[1]?.value).toBe(`99${validId.slice(2)}`);
  });

  it("takes a reading one character too long as the typed code even when that code fails its own check", async () => {
    const wrongCheck = `${validId.slice(0, 17)}${validId.endsWith("1") ? "2" : "1"}`;
    const tooLong = `${wrongCheck.slice(0, 10)}7${wrongCheck.slice(10)}`;
    const result = await confirm(
      idCard("熊敏", tooLong),
      [finding("quality.field_unread", [idEvidence])],
      { 200: `公民身份号码${tooLong}` },
      { idNumber: wrongCheck },
    );
    expect(result.fields[1]?.value).toBe(wrongCheck);
    // Same length, one character off, and the typed code fails its check too: nothing to go on.
    const sameLength = `${wrongCheck.slice(0, 10)}${wrongCheck[10] === "9" ? "8" : "9"}${wrongCheck.slice(11)}`;
    const unchanged = await confirm(
      idCard("熊敏", sameLength),
      [finding("validity.id_check_digit", [idEvidence])],
      { 200: sameLength },
      { idNumber: wrongCheck },
    );
    expect(unchanged.fields[1]?.value).toBe(sameLength);
  });

  it("renders a page once for all its disputed values", async () => {
    const result = await confirm(
      idCard("能敏", validId.slice(0, 16)),
      [finding("consistency.name", [nameEvidence]), finding("quality.field_unread", [idEvidence])],
      { 20: "姓名熊敏", 200: `公民身份号码${validId}` },
    );
    expect(result.calls).toEqual([2]);
    expect(result.rereads).toBe(2);
    expect(result.fields.map((field) => field.value)).toEqual(["熊敏", validId]);
  });

  it("leaves the form's evidence, text layers and other rules alone", async () => {
    const formOnly = await confirm(
      idCard("熊敏", validId),
      [
        finding("consistency.name", [{ fileId: "form", text: "姓名：熊敏" }]),
        finding("validity.expired", [nameEvidence]),
      ],
      { 20: "姓名熊敏" },
    );
    expect(formOnly.asked).toEqual([]);
    expect(formOnly.rereads).toBe(0);
  });
});

describe("closestStretch", () => {
  it("finds the stretch of a line most like the first reading", () => {
    expect(closestStretch("姓名熊敏性别女", "能敏")).toBe("熊敏");
    expect(closestStretch("姓名|黄鹏浩性别|男", "黄鹏洗")).toBe("黄鹏浩");
    expect(closestStretch("as|", "魏娜凤")).toBeUndefined();
  });
});
