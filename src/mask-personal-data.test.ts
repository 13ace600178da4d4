import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.js";
import { MASKED, maskIdNumbers, maskPersonalData, maskPersonalText, maskPhoneNumbers } from "./mask-personal-data.js";

describe("maskIdNumbers", () => {
  it("keeps the region and the last four characters of an 18-character ID number", () => {
    expect(maskIdNumbers("身份证号 11010519491231002X 已核对")).toBe("身份证号 110105********002X 已核对");
    expect(maskIdNumbers("a:110105194912310021,b:11010519491231002x")).toBe(
      "a:110105********0021,b:110105********002x",
    );
  });

  it("masks the old 15-digit numbers and leaves shorter numbers and dates alone", () => {
    expect(maskIdNumbers("110105491231002")).toBe("110105******002");
    expect(maskIdNumbers("2025-06-30 共 12 页 编号 123456")).toBe("2025-06-30 共 12 页 编号 123456");
  });
});

describe("maskPhoneNumbers", () => {
  it("masks mobiles with or without +86 and separators, and hyphenated landlines", () => {
    expect(maskPhoneNumbers("电话13812345678")).toBe("电话138****5678");
    expect(maskPhoneNumbers("+86 138-1234-5678")).toBe("+86 138****5678");
    expect(maskPhoneNumbers("0931-8123456")).toBe("0931-****3456");
  });
});

describe("maskPersonalText", () => {
  it("masks ID, phone and bank card numbers in one pass", () => {
    const text = "张三 11010519491231002X 13812345678 卡号 6222020200112233445";
    const masked = maskPersonalText(text);
    expect(masked).not.toMatch(/19491231|12345678|020200112233/);
    expect(masked).toContain("110105********002X");
    expect(masked).toContain("6222********3445");
  });
});

describe("maskPersonalData", () => {
  it("drops values under personal keys and masks numbers in every other string", () => {
    const masked = maskPersonalData({
      caseId: "c-1",
      form: { name: "张三", idNumber: "11010519491231002X", retirementCategory: "flexible" },
      files: [{ originalName: "张三身份证.jpg", kind: "jpeg" }],
      note: "联系 13812345678",
      nested: { motherIdNumber: "x", fieldName: "motherIdNumber" },
      error: Object.assign(new Error("bad 11010519491231002X"), { code: "E1" }),
    });
    expect(masked).toEqual({
      caseId: "c-1",
      form: { name: MASKED, idNumber: MASKED, retirementCategory: "flexible" },
      files: [{ originalName: MASKED, kind: "jpeg" }],
      note: "联系 138****5678",
      nested: { motherIdNumber: MASKED, fieldName: "motherIdNumber" },
      error: {
        name: "Error",
        message: "bad 110105********002X",
        code: "E1",
        stack: expect.stringMatching(/^Error: bad 110105\*{8}002X\n/),
      },
    });
  });

  it("survives cycles and byte arrays", () => {
    const cyclic: Record<string, unknown> = { bytes: new Uint8Array(3) };
    cyclic.self = cyclic;
    expect(maskPersonalData(cyclic)).toEqual({ bytes: "[3 bytes]", self: "[…]" });
  });
});

describe("the application logger", () => {
  it("redacts credentials, case secrets, request bodies and personal fields", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger("info", sink);
    logger.info(
      {
        req: {
          headers: { authorization: "Bearer clerk-token-0123456789", "x-case-secret": "s3cret-value" },
          body: { form: '{"idNumber":"11010519491231002X"}' },
        },
        case: { secret: "s3cret-value", phone: "13812345678", idNumber: "11010519491231002X", form: { a: "b" } },
      },
      "request",
    );
    const output = lines.join("");
    expect(output).toContain("[redacted]");
    for (const leaked of ["clerk-token-0123456789", "s3cret-value", "13812345678", "11010519491231002X"])
      expect(output).not.toContain(leaked);
  });
});
