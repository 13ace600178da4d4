import { beforeAll, describe, expect, it } from "vitest";
import { type Catalog, loadCatalog } from "../../catalog/index.js";
import { KNOWLEDGE_DIR } from "../../test-support/shared-index.js";
import { idNumberFor, RETIREMENT_SCENARIO } from "../rules/__fixtures__/case-builder.js";
import { RETIREE_ID, recognisedDocument, retireeIdCardFront } from "./__fixtures__/recognised-document.js";
import { prefillForm } from "./prefill-form.js";
import { PREFILL_THRESHOLDS } from "./prefill-confidence.js";
import type { PrefillResult } from "./prefill-result.js";

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog({ directory: KNOWLEDGE_DIR });
});

const retirementScenario = RETIREMENT_SCENARIO;
const retireeId = RETIREE_ID;
const wrongCheck = (id: string) => id.slice(0, 17) + (id[17] === "1" ? "2" : "1");
const field = (result: PrefillResult, name: string) => {
  const found = result.fields.find((item) => item.name === name);
  if (!found) throw new Error(`no field ${name}`);
  return found;
};

const retirement = (options: Partial<Parameters<typeof prefillForm>[0]> = {}) =>
  prefillForm({
    catalog,
    bundleId: "retirement",
    scenario: retirementScenario,
    referenceDate: "2026-06-01",
    ...options,
  });

describe("prefillForm from documents", () => {
  it("fills the form from the ID card with the document and evidence box as the source", () => {
    const result = retirement({ documents: [retireeIdCardFront()] });
    const name = field(result, "name");
    expect(name).toMatchObject({ status: "filled", value: "王建国", label: "姓名" });
    expect(name.source).toMatchObject({
      kind: "document",
      documentId: "f1",
      documentName: "居民身份证",
      field: "name",
      evidence: { box: { x0: 10 } },
    });
    expect(field(result, "address")).toMatchObject({ status: "filled", value: "甘肃省兰州市城关区张掖路1号" });
    expect(field(result, "idNumber").value).toBe(retireeId);
  });

  it("adds a derived source that agrees with the card and raises the confidence", () => {
    const result = retirement({ documents: [retireeIdCardFront()] });
    const sex = field(result, "sex");
    expect(sex.status).toBe("filled");
    expect(sex.candidates.map((candidate) => candidate.source.kind)).toEqual(["document", "derived"]);
    expect(sex.confidence).toBeGreaterThan(0.9);
  });

  it("derives the retirement category of a man from his sex", () => {
    const category = field(retirement({ documents: [retireeIdCardFront()] }), "retirementCategory");
    expect(category).toMatchObject({ status: "filled", value: "male", valueLabel: "男职工" });
    expect(category.source).toMatchObject({ kind: "derived", rule: "retirement_category_from_sex_and_job" });
  });

  it("carries each field's type and choices, which a clerk's edit is checked against", () => {
    const result = retirement({ documents: [retireeIdCardFront()] });
    expect(field(result, "retirementCategory")).toMatchObject({ type: "choice" });
    expect(field(result, "retirementCategory").choices).toContainEqual({ value: "female_worker", label: "女工人" });
    expect(field(result, "idNumber")).toMatchObject({ type: "id_number" });
    expect(field(result, "phone")).toMatchObject({ type: "phone", status: "unfilled" });
    expect(field(result, "idNumber").choices).toBeUndefined();
  });

  it("leaves a woman's retirement category unfilled and asks for her post", () => {
    const womanId = idNumberFor("1972-11-03", "女");
    const result = retirement({
      documents: [retireeIdCardFront({ name: "李秀英", sex: "女", birthDate: "1972-11-03", idNumber: womanId })],
    });
    expect(field(result, "retirementCategory")).toMatchObject({ status: "unfilled" });
    expect(field(result, "retirementCategory").note).toContain("岗位");
    expect(result.unfilled).toContain("retirementCategory");
  });

  it("fills sex and birth date from the ID number alone when the card's lines were not read", () => {
    const result = retirement({ documents: [retireeIdCardFront({ sex: "", birthDate: "" })] });
    expect(field(result, "sex")).toMatchObject({ status: "filled", value: "男", source: { kind: "derived" } });
    expect(field(result, "birthDate")).toMatchObject({ status: "filled", value: "1965-02-10" });
  });

  it("lists the fields no source can fill", () => {
    const result = retirement({ documents: [retireeIdCardFront()] });
    expect(result.unfilled).toEqual(["phone", "applicationDate"]);
    expect(result.counts).toMatchObject({ fields: 8, unfilled: 2, conflict: 0 });
  });

  it("ignores a document of another type assigned to the material", () => {
    const bankCard = recognisedDocument({
      id: "f3",
      materialId: "social-security-card",
      documentType: "bank_card",
      fields: { name: "别人" },
    });
    expect(field(retirement({ documents: [retireeIdCardFront(), bankCard] }), "name").status).toBe("filled");
  });
});

describe("prefillForm conflicts", () => {
  it("shows both values when the application form and the ID card disagree, and picks neither", () => {
    const form = recognisedDocument({
      id: "f2",
      materialId: "retirement-joint-form",
      documentType: "application_form",
      fields: { name: "王建图", phone: "13812345678" },
    });
    const result = retirement({ documents: [retireeIdCardFront(), form] });
    const name = field(result, "name");
    expect(name.status).toBe("conflict");
    expect(name.value).toBeUndefined();
    expect(name.candidates.map((candidate) => candidate.value)).toEqual(["王建国", "王建图"]);
    expect(name.note).toContain("居民身份证为“王建国”");
    expect(name.note).toContain("申请表为“王建图”");
    expect(result.conflicts).toEqual(["name"]);
    expect(field(result, "phone")).toMatchObject({ status: "filled", value: "13812345678" });
  });

  it("shows a conflict between the portal profile and the ID card", () => {
    const result = retirement({ documents: [retireeIdCardFront()], portalProfile: { name: "王建军" } });
    expect(field(result, "name").status).toBe("conflict");
  });

  it("shows a conflict when the card's sex disagrees with its ID number", () => {
    const result = retirement({ documents: [retireeIdCardFront({ sex: "女" })] });
    expect(field(result, "sex").status).toBe("conflict");
    expect(field(result, "retirementCategory").status).toBe("unfilled");
  });

  it("shows a conflict between what the applicant typed and the card", () => {
    const result = retirement({ documents: [retireeIdCardFront()], typed: { birthDate: "1965-03-10" } });
    expect(field(result, "birthDate").status).toBe("conflict");
  });
});

describe("prefillForm values failing their check", () => {
  it("offers an ID number with a wrong check character with the problem named, never as filled", () => {
    const wrong = wrongCheck(retireeId);
    const result = retirement({ documents: [retireeIdCardFront({ idNumber: wrong })] });
    const idNumber = field(result, "idNumber");
    expect(idNumber).toMatchObject({ status: "needs_check", value: wrong, problem: { code: "id_check_digit" } });
    expect(result.fields.filter((item) => item.status === "filled").map((item) => item.name)).not.toContain("idNumber");
    // Nothing is derived from a number that fails its check: the card's own values stand alone.
    expect(field(result, "sex").candidates.map((candidate) => candidate.source.kind)).toEqual(["document"]);
  });

  it("offers an impossible date with the problem named", () => {
    const result = retirement({ documents: [retireeIdCardFront({ birthDate: "1965-02-30" })] });
    const birthDate = field(result, "birthDate");
    // The ID number's date passes and the card's fails: the passing value is used and the failing one named.
    expect(birthDate).toMatchObject({ status: "filled", value: "1965-02-10" });
    expect(birthDate.note).toContain("1965-02-30");
  });

  it("offers a typed impossible date with its problem when nothing else says the date", () => {
    const result = retirement({ typed: { applicationDate: "2026-02-30" } });
    expect(field(result, "applicationDate")).toMatchObject({
      status: "needs_check",
      value: "2026-02-30",
      problem: { code: "date_impossible" },
    });
  });
});

describe("prefillForm other sources", () => {
  it("fills the applicant's name and ID number from the signed portal profile", () => {
    const result = retirement({ portalProfile: { name: "王建国", idNumber: retireeId } });
    expect(field(result, "name")).toMatchObject({
      status: "filled",
      source: { kind: "portal_profile", claim: "name" },
    });
    expect(field(result, "birthDate")).toMatchObject({ status: "filled", value: "1965-02-10" });
  });

  it("fills the newborn's fields from the birth certificate and reports the child's age", () => {
    const certificate = recognisedDocument({
      id: "f5",
      materialId: "birth-medical-certificate",
      documentType: "birth_medical_certificate",
      fields: { childName: "张小雨", childSex: "女", birthDate: "2026-01-20", motherName: "李梅", fatherName: "张强" },
    });
    const result = prefillForm({
      catalog,
      bundleId: "newborn",
      scenario: {},
      documents: [certificate],
      referenceDate: "2026-06-01",
    });
    expect(field(result, "childName")).toMatchObject({ status: "filled", value: "张小雨" });
    expect(field(result, "childBirthDate")).toMatchObject({ status: "filled", value: "2026-01-20" });
    expect(field(result, "motherName")).toMatchObject({ status: "filled", value: "李梅" });
    expect(result.facts).toEqual([
      expect.objectContaining({
        name: "childAgeMonths",
        value: "4",
        source: expect.objectContaining({ rule: "child_age_from_birth_date" }),
      }),
    ]);
  });

  it("fills a matter's form from the business licence", () => {
    const licence = recognisedDocument({
      id: "f6",
      materialId: "business-licence",
      documentType: "business_licence",
      fields: { companyName: "兰州示例商贸有限公司", legalRepresentative: "赵刚" },
    });
    const result = prefillForm({
      catalog,
      matterId: "enterprise-deregistration",
      documents: [licence],
      referenceDate: "2026-06-01",
    });
    expect(field(result, "companyName")).toMatchObject({ status: "filled", value: "兰州示例商贸有限公司" });
    expect(field(result, "legalRepresentative")).toMatchObject({ status: "filled", value: "赵刚" });
  });
});

describe("resolveFieldSources fallback", () => {
  it("fills a field no rule names from a same-named field of a material the rules read", async () => {
    const certificate = recognisedDocument({
      id: "f5",
      materialId: "birth-medical-certificate",
      documentType: "birth_medical_certificate",
      fields: { childSex: "男" },
    });
    const result = prefillForm({ catalog, bundleId: "newborn", documents: [certificate], referenceDate: "2026-06-01" });
    expect(result.fields.find((item) => item.name === "childSex")).toMatchObject({ status: "filled", value: "男" });
  });
});

/** The retiree's ID card front and joint application form, each read with one confidence. */
const idCardRead = (fields: Record<string, string>, confidence: number) =>
  recognisedDocument({
    id: "f1",
    materialId: "applicant-id-card",
    documentType: "id_card",
    side: "front",
    fields,
    confidence,
  });
const jointFormRead = (fields: Record<string, string>, confidence: number) =>
  recognisedDocument({
    id: "f2",
    materialId: "retirement-joint-form",
    documentType: "application_form",
    fields,
    confidence,
  });

describe("PREFILL_THRESHOLDS.lowConfidence", () => {
  it("offers a doubtful single reading for checking instead of filling it", () => {
    const doubtful = recognisedDocument({
      id: "f1",
      materialId: "applicant-id-card",
      documentType: "id_card",
      side: "front",
      fields: { address: "兰州市城关区张掖路1号" },
      confidence: 0.2,
    });
    const address = field(retirement({ documents: [doubtful] }), "address");
    expect(address).toMatchObject({
      status: "needs_check",
      value: "兰州市城关区张掖路1号",
      problem: { code: "low_confidence" },
    });
    expect(address.problem?.message).toContain("请对照原件核对");
  });

  it("fills a value two doubtful readings agree on", () => {
    const reading = (id: string, materialId: string, documentType: string) =>
      recognisedDocument({ id, materialId, documentType, fields: { name: "王建国" }, confidence: 0.5 });
    const name = field(
      retirement({
        documents: [
          reading("f1", "applicant-id-card", "id_card"),
          reading("f2", "retirement-joint-form", "application_form"),
        ],
      }),
      "name",
    );
    expect(name.status).toBe("filled");
    expect(name.confidence).toBeCloseTo(0.75, 2);
  });
});

describe("PREFILL_THRESHOLDS.slipOverlap", () => {
  const names = (card: { name: string; confidence: number }, form: { name: string; confidence: number }) =>
    field(
      retirement({
        documents: [
          idCardRead({ name: card.name }, card.confidence),
          jointFormRead({ name: form.name }, form.confidence),
        ],
      }),
      "name",
    );

  it("sets aside a doubtful reading one character off the confident value, naming it", () => {
    const name = names({ name: "熊艳和", confidence: 0.5 }, { name: "熊艳雯", confidence: 0.95 });
    expect(name).toMatchObject({ status: "filled", value: "熊艳雯" });
    expect(name.candidates.map((candidate) => candidate.value)).toEqual(["熊艳和", "熊艳雯"]);
    expect(name.note).toContain("熊艳和");
  });

  it("sets aside a doubtful reading with stray characters after the name", () => {
    expect(names({ name: "谭欣遇轴", confidence: 0 }, { name: "谭欣", confidence: 0.92 })).toMatchObject({
      status: "filled",
      value: "谭欣",
    });
  });

  it("sets aside a doubtful reading the confident value starts with: the rest was on another line", () => {
    const address = (card: string, form: string) =>
      field(
        retirement({ documents: [idCardRead({ address: card }, 0.86), jointFormRead({ address: form }, 0.38)] }),
        "address",
      );
    expect(address("广东省广州市天河区林和西路312号", "广东省")).toMatchObject({
      status: "filled",
      value: "广东省广州市天河区林和西路312号",
    });
    // Not the start of it: a real disagreement.
    expect(address("广东省广州市天河区林和西路312号", "北京市").status).toBe("conflict");
  });

  it("keeps a conflict when the doubtful reading differs only by a character that sounds the same", () => {
    // 段方月 typed for 段芳月: a typing slip on one side, a real difference to surface.
    expect(names({ name: "段芳月", confidence: 0.6 }, { name: "段方月", confidence: 1 }).status).toBe("conflict");
    // Also with a mark beside the name read as a character.
    expect(names({ name: "和白秀", confidence: 0.5 }, { name: "白绣", confidence: 1 }).status).toBe("conflict");
  });

  it("keeps a conflict when both are read confidently, or when the readings share too little", () => {
    expect(names({ name: "肖云霞", confidence: 0.72 }, { name: "肖云侠", confidence: 0.72 }).status).toBe("conflict");
    expect(names({ name: "唐洗", confidence: 0.5 }, { name: "韦浩", confidence: 0.85 }).status).toBe("conflict");
  });
});

describe("confirmByOtherReadings", () => {
  const newborn = (documents: Parameters<typeof recognisedDocument>[0][]) =>
    prefillForm({
      catalog,
      bundleId: "newborn",
      scenario: {},
      referenceDate: "2026-06-01",
      documents: documents.map((document) => recognisedDocument(document)),
    });
  // Read just below the threshold: offered for checking unless another reading confirms it.
  const doubtful = PREFILL_THRESHOLDS.lowConfidence - 0.05;
  const certificate = (fields: Record<string, string>) => ({
    id: "f2",
    materialId: "birth-medical-certificate",
    documentType: "birth_medical_certificate",
    fields,
    confidence: doubtful,
  });

  it("fills a doubtful name another file read confidently with exactly the same value", () => {
    const result = newborn([
      certificate({ childName: "李凯亮", fatherName: "李海涛" }),
      {
        id: "f4",
        materialId: "social-security-card-form",
        documentType: "application_form",
        fields: { formTitle: "社会保障卡申领表", name: "李凯亮" },
      },
    ]);
    expect(field(result, "childName")).toMatchObject({ status: "filled", value: "李凯亮" });
    expect(field(result, "childName").confidence).toBeCloseTo(1 - (1 - doubtful) * 0.1, 3);
    expect(field(result, "childName").note).toContain("完全一致");
    expect(field(result, "fatherName")).toMatchObject({ status: "needs_check", problem: { code: "low_confidence" } });
  });

  it("does not count a reading of the same file, a doubtful one or a one-character value", () => {
    const sameFile = newborn([certificate({ childName: "李凯亮", fatherName: "李凯亮" })]);
    expect(field(sameFile, "childName").status).toBe("needs_check");
    // The same image uploaded twice: the same line read alike in the same place is no second opinion.
    const twice = newborn([
      certificate({ childName: "李凯亮" }),
      { ...certificate({ childName: "李凯亮" }), id: "f5", materialId: "social-security-card-form", confidence: 0.9 },
    ]);
    expect(field(twice, "childName").status).toBe("needs_check");
    const doubtful = newborn([
      certificate({ childName: "李凯亮" }),
      {
        id: "f4",
        materialId: "social-security-card-form",
        documentType: "application_form",
        fields: { name: "李凯亮" },
        confidence: 0.5,
      },
    ]);
    expect(field(doubtful, "childName").status).toBe("needs_check");
    const sex = newborn([
      certificate({ childSex: "男" }),
      { id: "f4", materialId: "social-security-card-form", documentType: "application_form", fields: { sex: "男" } },
    ]);
    expect(field(sex, "childSex").status).toBe("needs_check");
  });
});

describe("PREFILL_THRESHOLDS.checkedCode", () => {
  const idNumberRead = (value: string, confidence: number) =>
    field(retirement({ documents: [idCardRead({ idNumber: value }, confidence)] }), "idNumber");

  it("fills a doubtfully read ID number that passes its check character", () => {
    expect(idNumberRead(retireeId, 0.5)).toMatchObject({ status: "filled", value: retireeId });
  });

  it("still offers a code read very doubtfully, or one failing its check, for checking", () => {
    expect(idNumberRead(retireeId, 0.2)).toMatchObject({ status: "needs_check", problem: { code: "low_confidence" } });
    expect(idNumberRead(wrongCheck(retireeId), 0.5)).toMatchObject({
      status: "needs_check",
      problem: { code: "id_check_digit" },
    });
  });
});
