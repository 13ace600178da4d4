import { beforeAll, describe, expect, it } from "vitest";
import { type Catalog, loadCatalog } from "../../catalog/index.js";
import { KNOWLEDGE_DIR } from "../../test-support/shared-index.js";
import { renderCorrectionNotice } from "../correction-notice.js";
import type { Finding, PrereviewReport, PrereviewRequest } from "../types.js";
import { CaseBuilder, idNumberFor, RETIREMENT_SCENARIO } from "./__fixtures__/case-builder.js";
import { decideVerdict } from "./findings.js";
import { reviewCase } from "./review-case.js";

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog({ directory: KNOWLEDGE_DIR });
});

const retirementScenario = RETIREMENT_SCENARIO;
// Born 1965-02: male statutory age 60 years 1 month, reached 2025-03.
const retiree = { name: "王建国", sex: "男" as const, birthDate: "1965-02-10" };
const retireeId = idNumberFor(retiree.birthDate, retiree.sex);

function retirementRequest(form: Record<string, string> = {}): PrereviewRequest {
  return {
    bundleId: "retirement",
    scenario: retirementScenario,
    form: {
      name: retiree.name,
      idNumber: retireeId,
      sex: "男",
      birthDate: retiree.birthDate,
      retirementCategory: "male",
      applicationDate: "2026-06-01",
      ...form,
    },
  };
}

/** The retiree's ID card, both sides, its name read as `name` with OCR confidence `fieldConfidence`. */
function retireeIdCard(name: string, fieldConfidence: number): Parameters<CaseBuilder["file"]>[1][] {
  return [
    { type: "id_card", side: "front" as const, fields: { name, idNumber: retireeId }, fieldConfidence },
    { type: "id_card", side: "back" as const, fields: { validUntil: "长期" } },
  ];
}

function retirementFiles(
  options: { idFront?: Record<string, string>; idBack?: Record<string, string>; skip?: string[] } = {},
) {
  const builder = new CaseBuilder();
  const skip = new Set(options.skip ?? []);
  if (!skip.has("applicant-id-card"))
    builder.file(
      "applicant-id-card",
      {
        type: "id_card",
        side: "front",
        fields: {
          name: retiree.name,
          sex: "男",
          birthDate: retiree.birthDate,
          idNumber: retireeId,
          ...options.idFront,
        },
      },
      ...(skip.has("id-back")
        ? []
        : [
            {
              type: "id_card",
              side: "back" as const,
              fields: {
                issuingAuthority: "兰州市公安局城关分局",
                validFrom: "2015-03-01",
                validUntil: "长期",
                ...options.idBack,
              },
            },
          ]),
    );
  if (!skip.has("social-security-card"))
    builder.file("social-security-card", {
      type: "social_security_card",
      fields: { name: retiree.name, idNumber: retireeId },
    });
  if (!skip.has("retirement-joint-form"))
    builder.file("retirement-joint-form", {
      type: "application_form",
      fields: { formTitle: "退休“一件事”联办申请表", name: retiree.name, idNumber: retireeId },
    });
  return builder;
}

function review(request: PrereviewRequest, builder: CaseBuilder) {
  return reviewCase({
    catalog,
    request,
    intake: builder.intake,
    extracted: builder.extracted,
    documents: builder.documents,
    now: new Date("2026-11-22T00:00:00Z"),
  });
}

const ruleIds = (result: { findings: { ruleId: string; materialId?: string }[] }) =>
  result.findings.map((finding) => `${finding.ruleId}${finding.materialId ? `@${finding.materialId}` : ""}`);

describe("reviewCase for 退休", () => {
  it("passes a complete, consistent case of a man past his statutory age", () => {
    const result = review(retirementRequest(), retirementFiles());
    expect(ruleIds(result)).toEqual([]);
    expect(result.verdict).toBe("pass");
    expect(result.materials.find((material) => material.id === "applicant-id-card")?.documentIds).toEqual([
      "f1#p1",
      "f1#p2",
    ]);
  });

  it("names each missing material and only those the scenario asks for", () => {
    const result = review(retirementRequest(), retirementFiles({ skip: ["social-security-card"] }));
    expect(ruleIds(result)).toEqual(["completeness.missing@social-security-card"]);
    expect(result.verdict).toBe("needs_correction");
    expect(result.findings[0]?.message).toContain("社会保障卡");
  });

  it("asks for the household register only when the hukou is out of province", () => {
    const inProvince = review(retirementRequest(), retirementFiles());
    expect(inProvince.materials.find((material) => material.id === "household-register")).toBeUndefined();
    const outOfProvince = review(
      { ...retirementRequest(), scenario: { ...retirementScenario, "hukou-out-of-province": "out-of-province" } },
      retirementFiles(),
    );
    expect(ruleIds(outOfProvince)).toContain("completeness.missing@household-register");
  });

  it("reports an ID card without its back side", () => {
    const result = review(retirementRequest(), retirementFiles({ skip: ["id-back"] }));
    expect(ruleIds(result)).toEqual(["document.side_missing@applicant-id-card"]);
    expect(result.findings[0]?.message).toContain("国徽面");
  });

  it("reports an expired ID card against the application date", () => {
    const result = review(
      retirementRequest(),
      retirementFiles({ idBack: { validFrom: "2006-03-01", validUntil: "2026-03-01" } }),
    );
    expect(ruleIds(result)).toEqual(["validity.expired@applicant-id-card"]);
    expect(result.findings[0]?.message).toContain("2026年3月1日");
  });

  it("reports a wrong check digit once, with the form as further evidence, and does not call it a mismatch", () => {
    const wrong = `${retireeId.slice(0, 17)}${retireeId[17] === "1" ? "2" : "1"}`;
    const builder = retirementFiles({ idFront: { idNumber: wrong } });
    const result = review(retirementRequest({ idNumber: wrong }), builder);
    expect(ruleIds(result)).toEqual(["validity.id_check_digit@applicant-id-card"]);
    expect(result.findings[0]?.evidence.map((evidence) => evidence.fileId)).toEqual(["f1", "form"]);
  });

  it("reports a name on the form that differs from the ID card, naming both", () => {
    const result = review(retirementRequest({ name: "王建军" }), retirementFiles());
    expect(ruleIds(result)).toEqual(["consistency.name@applicant-id-card"]);
    expect(result.findings[0]?.message).toMatch(/王建国.*王建军/);
    // The notice files it under the ID card: the message itself says which side must change.
    expect(result.findings[0]?.message).toContain("请更正申请表上的姓名，与申请人居民身份证一致");
  });

  it("does not let one unsure OCR reading contradict the form, but notes it for the clerk", () => {
    const builder = new CaseBuilder()
      .file("applicant-id-card", ...retireeIdCard("能建国", 0.5))
      .file("social-security-card", {
        type: "social_security_card",
        fields: { name: retiree.name, idNumber: retireeId },
      })
      .file("retirement-joint-form", { type: "application_form", fields: { name: retiree.name } });
    const result = review(retirementRequest(), builder);
    expect(ruleIds(result)).toEqual(["consistency.unverified@applicant-id-card"]);
    expect(result.findings[0]?.severity).toBe("info");
    expect(result.verdict).toBe("pass");
  });

  it("takes an unsure reading that differs from the form only by a homophone as a typing slip on the form", () => {
    // 王建军 typed for 王建均 (both jun): OCR confuses shapes, not sounds.
    const builder = new CaseBuilder()
      .file("applicant-id-card", ...retireeIdCard("王建均", 0.5))
      .file("social-security-card", { type: "social_security_card", fields: { idNumber: retireeId } })
      .file("retirement-joint-form", { type: "application_form", fields: { name: "王建军" } });
    const result = review(retirementRequest({ name: "王建军" }), builder);
    expect(ruleIds(result)).toEqual(["consistency.name@applicant-id-card"]);
    expect(result.findings[0]?.message).toMatch(/王建均.*王建军/);
  });

  it("takes a confident reading with one stray character at an edge as an OCR artefact, not another name", () => {
    for (const read of ["了王建国", "王建"]) {
      const builder = new CaseBuilder()
        .file("applicant-id-card", ...retireeIdCard(read, 0.95))
        .file("social-security-card", { type: "social_security_card", fields: { idNumber: retireeId } })
        .file("retirement-joint-form", { type: "application_form", fields: { name: retiree.name } });
      const result = review(retirementRequest(), builder);
      expect(ruleIds(result)).toEqual(["consistency.unverified@applicant-id-card"]);
    }
  });

  it("lets the ID card read as the typed name outweigh two other documents misread alike", () => {
    const builder = new CaseBuilder()
      .file("applicant-id-card", ...retireeIdCard(retiree.name, 0.95))
      .file("social-security-card", {
        type: "social_security_card",
        fields: { name: "王建图", idNumber: retireeId },
        fieldConfidence: 0.95,
      })
      .file("retirement-joint-form", { type: "application_form", fields: { name: "王建图" }, fieldConfidence: 0.95 });
    const result = review(retirementRequest(), builder);
    expect(ruleIds(result)).toEqual(["consistency.unverified@social-security-card"]);
  });

  it("does not let a secondary document's lone reading outvote the ID card and the form", () => {
    const builder = retirementFiles({ skip: ["retirement-joint-form"] });
    builder.file("retirement-joint-form", {
      type: "application_form",
      fields: { name: "王建困" },
      fieldConfidence: 0.95,
    });
    const result = review(retirementRequest(), builder);
    expect(ruleIds(result)).toEqual(["consistency.unverified@retirement-joint-form"]);
  });

  it("trusts an unsure reading once a second document repeats it", () => {
    const builder = new CaseBuilder()
      .file("applicant-id-card", ...retireeIdCard("王建军", 0.5))
      .file("social-security-card", { type: "social_security_card", fields: { name: "王建军" }, fieldConfidence: 0.6 })
      .file("retirement-joint-form", { type: "application_form", fields: { name: retiree.name } });
    const result = review(retirementRequest(), builder);
    expect(ruleIds(result)).toEqual(["consistency.name@applicant-id-card"]);
  });

  it("sends a man below his statutory age to a clerk with the age and month he reaches it", () => {
    const birthDate = "1966-09-10";
    const idNumber = idNumberFor(birthDate, "男");
    const builder = retirementFiles({ idFront: { birthDate, idNumber } });
    const result = review(retirementRequest({ birthDate, idNumber }), builder);
    // The SSC and form still carry the older number: consistency reports that too.
    expect(ruleIds(result)).toContain("eligibility.retirement_age");
    expect(result.verdict).toBe("needs_human");
    const finding = result.findings.find((item) => item.ruleId === "eligibility.retirement_age");
    expect(finding?.message).toContain("60周岁");
    expect(finding?.message).toContain("2027年");
  });

  it("skips the age check when the scenario is early retirement", () => {
    const birthDate = "1970-01-10";
    const idNumber = idNumberFor(birthDate, "男");
    const builder = new CaseBuilder().file(
      "applicant-id-card",
      { type: "id_card", side: "front", fields: { name: retiree.name, birthDate, idNumber, sex: "男" } },
      { type: "id_card", side: "back", fields: { validUntil: "长期" } },
    );
    const request = retirementRequest({ birthDate, idNumber });
    const normal = review(request, builder);
    expect(ruleIds(normal)).toContain("eligibility.retirement_age");
    const early = review(
      { ...request, scenario: { ...retirementScenario, "early-retirement": "special-job" } },
      builder,
    );
    expect(ruleIds(early)).not.toContain("eligibility.retirement_age");
  });

  it("leaves a woman whose category decides eligibility to a clerk", () => {
    // Born 1972-01: a worker (50) has reached her age by 2026-06, a cadre (55 + 9 months) has not.
    const birthDate = "1972-01-15";
    const idNumber = idNumberFor(birthDate, "女");
    const builder = new CaseBuilder().file(
      "applicant-id-card",
      { type: "id_card", side: "front", fields: { name: retiree.name, birthDate, idNumber, sex: "女" } },
      { type: "id_card", side: "back", fields: { validUntil: "长期" } },
    );
    const result = review(retirementRequest({ birthDate, idNumber, sex: "女", retirementCategory: "" }), builder);
    expect(ruleIds(result)).toContain("eligibility.undetermined");
    expect(ruleIds(result)).not.toContain("eligibility.retirement_age");
    const cadre = review(
      retirementRequest({ birthDate, idNumber, sex: "女", retirementCategory: "female_cadre" }),
      builder,
    );
    expect(ruleIds(cadre)).toContain("eligibility.retirement_age");
  });

  it("reports a bank card uploaded as the social security card as the wrong document", () => {
    const builder = retirementFiles({ skip: ["social-security-card"] });
    builder.file("social-security-card", {
      type: "bank_card",
      fields: { bankName: "中国工商银行", cardNumber: "6222020200112233445" },
    });
    const result = review(retirementRequest(), builder);
    expect(ruleIds(result)).toEqual(["document.wrong_type@social-security-card"]);
    expect(result.findings[0]?.message).toContain("银行卡");
  });

  it("files an undeclared document under the material of its type", () => {
    const builder = retirementFiles({ skip: ["social-security-card"] });
    builder.file(undefined, { type: "social_security_card", fields: { name: retiree.name, idNumber: retireeId } });
    const result = review(retirementRequest(), builder);
    expect(ruleIds(result)).toEqual([]);
  });

  it("asks for a clearer copy of an unreadable file instead of calling it missing", () => {
    const builder = retirementFiles({ skip: ["social-security-card"] }).unreadable("social-security-card");
    const result = review(retirementRequest(), builder);
    expect(ruleIds(result)).toEqual(["quality.unreadable@social-security-card"]);
    expect(result.verdict).toBe("needs_correction");
  });

  it("tells the applicant what to change when a blurred photo with glare must be taken again", () => {
    const blurred = { sharpness: 0.07, contrast: 0.3, resolution: 400, glare: 0.05, tilt: 0, cutOff: false };
    const builder = retirementFiles({ skip: ["social-security-card"] }).unreadable("social-security-card", blurred);
    const result = review(retirementRequest(), builder);
    expect(ruleIds(result)).toEqual(["quality.unreadable@social-security-card"]);
    expect(result.findings[0]?.message).toContain("请重新拍摄：避免反光；对焦清楚、手持稳定。");
    expect(result.verdict).toBe("needs_correction");
  });

  it("sends a sharp photo OCR could not read to the clerk instead of asking for a new one", () => {
    const sharp = { sharpness: 0.3, contrast: 0.55, resolution: 600, glare: 0, tilt: 0.25, cutOff: false };
    const builder = retirementFiles({ skip: ["social-security-card"] }).unreadable("social-security-card", sharp);
    const result = review(retirementRequest(), builder);
    expect(ruleIds(result)).toEqual(["quality.unread_legible@social-security-card"]);
    expect(result.findings[0]?.message).toContain("暂不需要重新拍摄");
    expect(result.findings[0]?.message).not.toContain("请重新拍摄");
    expect(result.verdict).toBe("needs_human");
  });

  it("asks again for an ID card whose fields glare hid, saying to avoid it", () => {
    const builder = retirementFiles({ skip: ["applicant-id-card"] });
    builder
      .file(
        "applicant-id-card",
        { type: "id_card", side: "front", fields: { sex: retiree.sex } },
        { type: "id_card", side: "back", fields: { validUntil: "长期" } },
      )
      .photo({ sharpness: 0.3, contrast: 0.55, resolution: 600, glare: 0.06, tilt: 0, cutOff: false });
    const result = review(retirementRequest(), builder);
    const finding = result.findings.find((item) => item.ruleId === "quality.unreadable");
    expect(finding?.message).toContain("部分内容无法辨认。请重新拍摄：避免反光。");
    expect(result.verdict).toBe("needs_correction");
  });

  it("turns a corrupt file into a finding with the extractor's message", () => {
    const builder = retirementFiles({ skip: ["social-security-card"] }).broken(
      "social-security-card",
      "corrupt",
      "文件已损坏。",
    );
    const result = review(retirementRequest(), builder);
    expect(ruleIds(result)).toEqual(["file.invalid@social-security-card"]);
    expect(result.findings[0]?.message).toContain("文件已损坏");
  });

  it("hands an unrecognised declared document to a clerk rather than rejecting it", () => {
    const builder = retirementFiles({ skip: ["social-security-card"] });
    builder.file("social-security-card", { type: "other", fields: {}, confidence: 0.1 });
    const result = review(retirementRequest(), builder);
    expect(ruleIds(result)).toEqual(["document.unrecognised@social-security-card"]);
    expect(result.verdict).toBe("needs_human");
  });
});

describe("the clerk's detail", () => {
  /** Lower-case Latin words are codes (bank_card, validUntil, not extracted): a clerk cannot use them. */
  const CODE_WORD = /[a-z]{3,}/;
  /** The detail without the quoted names and values it cites (file names are the applicant's). */
  const ownWords = (detail: string | undefined) => (detail ?? "").replace(/“[^”]*”/g, "");

  it("names what a wrong document was recognised as and what the material expects, in Chinese", () => {
    const builder = retirementFiles({ skip: ["social-security-card"] });
    builder.file("social-security-card", {
      type: "bank_card",
      fields: { bankName: "中国工商银行", cardNumber: "6222020200112233445" },
    });
    const [finding] = review(retirementRequest(), builder).findings;
    expect(finding?.detail).toMatch(/识别为银行卡（置信度 \d\.\d\d）.*应为社会保障卡/);
    expect(ownWords(finding?.detail)).not.toMatch(CODE_WORD);
    // The codes stay in the JSON for programs.
    expect(finding?.codes).toMatchObject({
      documentType: "bank_card",
      expected: "social_security_card",
      materialId: "social-security-card",
    });
  });

  it("is Chinese for every kind of finding a retirement case can raise", () => {
    const wrong = `${retireeId.slice(0, 17)}${retireeId[17] === "1" ? "2" : "1"}`;
    const blurred = { sharpness: 0.07, contrast: 0.3, resolution: 400, glare: 0.05, tilt: 0, cutOff: false };
    const cases = [
      review(retirementRequest(), retirementFiles({ skip: ["id-back"] })),
      review(retirementRequest(), retirementFiles({ idBack: { validFrom: "2006-03-01", validUntil: "2026-03-01" } })),
      review(retirementRequest({ idNumber: wrong }), retirementFiles({ idFront: { idNumber: wrong } })),
      review(retirementRequest({ name: "王建军" }), retirementFiles()),
      review(retirementRequest(), retirementFiles({ idFront: { birthDate: "1965-03-10", sex: "女" } })),
      review(
        retirementRequest(),
        retirementFiles({ skip: ["social-security-card"] }).unreadable("social-security-card", blurred),
      ),
      review(
        retirementRequest(),
        retirementFiles({ skip: ["social-security-card"] }).broken("social-security-card", "corrupt", "文件已损坏。"),
      ),
      review(retirementRequest({ applicationDate: "2024-06-01" }), retirementFiles()),
      review(retirementRequest(), retirementFiles({ skip: ["social-security-card", "applicant-id-card"] })),
    ];
    const findings = cases.flatMap((result) => result.findings);
    expect(new Set(findings.map((finding) => finding.ruleId)).size).toBeGreaterThanOrEqual(8);
    for (const finding of findings) {
      expect(finding.detail, finding.ruleId).toMatch(/[\u4e00-\u9fff]/);
      expect(ownWords(finding.detail), finding.ruleId).not.toMatch(CODE_WORD);
    }
  });

  it("says which side of a disagreement is taken as right and which must change", () => {
    const [finding] = review(retirementRequest({ name: "王建军" }), retirementFiles()).findings;
    expect(finding?.detail).toContain("以申请人居民身份证为准");
    expect(finding?.detail).toContain("需更正申请表");
    expect(finding?.codes).toMatchObject({ authority: "applicant-id-card", correct: "form" });
  });
});

describe("reviewCase for 新生儿出生", () => {
  const father = { name: "李强", birthDate: "1990-04-02" };
  const mother = { name: "陈静", birthDate: "1992-08-19" };
  const fatherId = idNumberFor(father.birthDate, "男");
  const motherId = idNumberFor(mother.birthDate, "女");
  const request = (form: Record<string, string> = {}): PrereviewRequest => ({
    bundleId: "newborn",
    scenario: {
      "parents-married": "married",
      "born-in-province": "in-province",
      "household-side": "father",
      reimbursement: "no-need",
    },
    form: {
      name: father.name,
      idNumber: fatherId,
      childName: "李小米",
      childBirthDate: "2026-03-05",
      fatherName: father.name,
      fatherIdNumber: fatherId,
      motherName: mother.name,
      motherIdNumber: motherId,
      applicationDate: "2026-04-01",
      ...form,
    },
  });
  const files = (birthDate = "2026-03-05") =>
    new CaseBuilder()
      .file(
        "applicant-id-card",
        {
          type: "id_card",
          side: "front",
          fields: { name: father.name, sex: "男", birthDate: father.birthDate, idNumber: fatherId },
        },
        { type: "id_card", side: "back", fields: { validUntil: "2035-01-01" } },
      )
      .file("birth-medical-certificate", {
        type: "birth_medical_certificate",
        fields: {
          childName: "李小米",
          birthDate,
          motherName: mother.name,
          motherIdNumber: motherId,
          fatherName: father.name,
          fatherIdNumber: fatherId,
        },
      })
      .file("newborn-joint-form", { type: "application_form", fields: { name: father.name, idNumber: fatherId } })
      .file("social-security-card-application-form", { type: "application_form", fields: { name: father.name } })
      .file(undefined, { type: "marriage_certificate", fields: { husbandName: father.name, wifeName: mother.name } });

  it("passes a complete case and does not ask for materials the office fetches itself", () => {
    const result = review(request(), files());
    expect(ruleIds(result)).toEqual([]);
    expect(result.materials.find((material) => material.id === "household-register")).toMatchObject({
      exempt: true,
      required: false,
    });
    expect(result.materials.find((material) => material.id === "marriage-certificate")?.documentIds).toEqual(["f5"]);
  });

  it("sends a child a year old or more to a clerk", () => {
    const result = review(
      request({ childBirthDate: "2025-03-05", applicationDate: "2026-04-01" }),
      files("2025-03-05"),
    );
    expect(ruleIds(result)).toEqual(["eligibility.child_age"]);
    expect(result.verdict).toBe("needs_human");
    expect(result.findings[0]?.message).toContain("1周岁");
  });

  it("trusts an unsure ID card reading that a value typed elsewhere on the form repeats (the father's name)", () => {
    const builder = new CaseBuilder()
      .file(
        "applicant-id-card",
        {
          type: "id_card",
          side: "front",
          fields: { name: father.name, sex: "男", birthDate: father.birthDate, idNumber: fatherId },
          fieldConfidence: 0.5,
        },
        { type: "id_card", side: "back", fields: { validUntil: "2035-01-01" } },
      )
      .file("newborn-joint-form", { type: "application_form", fields: { name: "李明", idNumber: fatherId } });
    const result = review(request({ name: "李明" }), builder);
    expect(ruleIds(result)).toContain("consistency.name@applicant-id-card");
    expect(result.findings.find((finding) => finding.ruleId === "consistency.name")?.message).toMatch(/李强.*李明/);
  });

  it("compares the mother's name across the certificate, the form and the marriage certificate", () => {
    const result = review(request({ motherName: "陈晶" }), files());
    expect(ruleIds(result)).toEqual(["consistency.mother_name@birth-medical-certificate"]);
  });
});

describe("decideVerdict", () => {
  const finding = (ruleId: Finding["ruleId"], severity: "error" | "warning" | "info") => ({
    id: "F",
    ruleId,
    severity,
    message: "",
    detail: "",
    evidence: [],
  });
  it("asks a clerk when only undecided warnings remain, and lets plain notes pass", () => {
    expect(decideVerdict([finding("eligibility.undetermined", "warning")])).toBe("needs_human");
    expect(
      decideVerdict([finding("completeness.deferrable_missing", "warning"), finding("document.not_needed", "info")]),
    ).toBe("pass");
  });
  it("puts eligibility before corrections, since resubmitting cannot fix it", () => {
    expect(decideVerdict([finding("completeness.missing", "error"), finding("eligibility.child_age", "error")])).toBe(
      "needs_human",
    );
    expect(
      decideVerdict([finding("completeness.missing", "error"), finding("eligibility.undetermined", "warning")]),
    ).toBe("needs_correction");
  });
});

describe("renderCorrectionNotice", () => {
  function report(builder: CaseBuilder, form: Record<string, string> = {}): PrereviewReport {
    const result = review(retirementRequest(form), builder);
    return {
      ...result,
      bundleId: "retirement",
      files: [],
      timings: { totalMilliseconds: 0, extractMilliseconds: 0, pages: 0 },
      disclaimer: "",
    };
  }

  it("lists every fix at once, each with its material", () => {
    const notice = renderCorrectionNotice(
      report(retirementFiles({ skip: ["social-security-card", "id-back"] }), { name: "王建军" }),
      {
        caseId: "c-1",
      },
    );
    expect(notice.text).toContain("一次性告知单");
    expect(notice.text).toContain("需要补正的材料");
    expect(notice.text).toMatch(/1\. 【申请人居民身份证】.*国徽面/);
    expect(notice.text).toContain("【社会保障卡】缺少");
    expect(notice.text).toContain("姓名不一致");
    expect(notice.text).toContain("12345");
    expect(notice.html).toContain('<html lang="zh-CN">');
    expect(notice.html).toContain("<ol><li>");
  });

  it("says the materials can be submitted when nothing needs fixing", () => {
    const notice = renderCorrectionNotice(report(retirementFiles()));
    expect(notice.text).toContain("未发现需要补正的问题");
    expect(notice.text).not.toContain("需要补正的材料：");
  });

  it("escapes applicant-controlled text in the HTML", () => {
    const notice = renderCorrectionNotice(report(retirementFiles(), { name: "<script>alert(1)</script>" }));
    expect(notice.html).not.toContain("<script>alert");
    expect(notice.html).toContain("&#60;script&#62;");
  });
});
