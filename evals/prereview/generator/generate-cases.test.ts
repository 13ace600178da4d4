import { describe, expect, it } from "vitest";
import { buildChecklist, loadCatalog } from "../../../src/catalog/index.js";
import { documentFields, validateCreditCode, validateIdNumber } from "../../../src/prereview/index.js";
import { DEFECT_KINDS, DEFECT_RULE_IDS } from "./defects.js";
import { planPrereviewCases, specifyPrereviewCases } from "./generate-cases.js";
import { hasGlyph } from "./pdf-type3-font.js";

const specs = specifyPrereviewCases({ seed: 11, count: 150 });
const catalog = await loadCatalog({ directory: "knowledge" });

/** Materials only needed when someone else files for the company. */
const DELEGATION_ONLY = new Set(["agent-id-card", "power-of-attorney"]);

function catalogMaterials(item: (typeof specs)[number]) {
  if (item.bundleId) {
    const checklist = buildChecklist({ catalog, bundleId: item.bundleId, answers: item.scenario });
    expect(checklist.complete).toBe(true);
    return checklist.materials.map((material) => ({
      id: material.id,
      required: !material.exempt && !material.conditional,
    }));
  }
  const matter = catalog.matters.get(item.matterId as string);
  expect(matter, item.matterId).toBeDefined();
  return (matter?.materials ?? []).map((material) => ({
    id: material.id,
    required: !material.exempt && !DELEGATION_ONLY.has(material.id),
  }));
}

describe("planPrereviewCases", () => {
  it("covers every defect kind within 150 cases and keeps 25–30% of cases clean", () => {
    const plans = planPrereviewCases({ seed: 11, count: 150 });
    const kinds = new Set(plans.flatMap((plan) => plan.defects.map((defect) => defect.kind)));
    expect([...kinds].sort()).toEqual([...DEFECT_KINDS].sort());
    const clean = plans.filter((plan) => plan.defects.length === 0).length;
    expect(clean / plans.length).toBeGreaterThanOrEqual(0.25);
    expect(clean / plans.length).toBeLessThanOrEqual(0.3);
    expect(plans.some((plan) => plan.defects.length === 2)).toBe(true);
  });

  it("plans the first cases the same whatever the count", () => {
    expect(planPrereviewCases({ seed: 5, count: 40 }).slice(0, 10)).toEqual(planPrereviewCases({ seed: 5, count: 10 }));
  });

  it("leaves out unreadable files when only text PDFs are allowed", () => {
    const plans = planPrereviewCases({ seed: 11, count: 60, formats: ["pdf_text"] });
    expect(plans.flatMap((plan) => plan.defects).some((defect) => defect.kind === "unreadable")).toBe(false);
  });
});

describe("specifyPrereviewCases", () => {
  it("uses the field names of document-type-data.ts, with normalised dates and sex", () => {
    for (const item of specs)
      for (const file of item.files)
        for (const { truth } of file.documents) {
          const sides = documentFields[truth.documentType as keyof typeof documentFields] as Record<
            string,
            readonly string[]
          >;
          expect(sides?.[truth.side], `${truth.documentType}/${truth.side}`).toBeDefined();
          for (const [name, value] of Object.entries(truth.fields)) {
            expect(sides[truth.side], `${truth.documentType}.${name}`).toContain(name);
            if (/Date$|^validFrom$/.test(name) && name !== "issueDate")
              expect(value, name).toMatch(/^\d{4}-\d{2}-\d{2}$/);
            if (name === "validUntil" || name === "businessTermUntil")
              expect(value).toMatch(/^(\d{4}-\d{2}-\d{2}|长期)$/);
            if (name === "issueDate") expect(value).toMatch(/^\d{4}-\d{2}$/);
            if (name === "sex" || name === "childSex") expect(value).toMatch(/^[男女]$/);
          }
        }
  });

  it("declares only material ids of the case's bundle or matter, and uploads every required one in clean cases", () => {
    for (const item of specs) {
      const materials = catalogMaterials(item);
      const known = new Set(materials.map((material) => material.id));
      const uploaded = new Set(item.files.map((file) => file.materialId));
      for (const id of uploaded) expect(known.has(id), `${item.id}: ${id}`).toBe(true);
      for (const defect of item.expected.defects)
        if (defect.materialId) expect(known.has(defect.materialId)).toBe(true);
      if (item.expected.verdict === "pass")
        for (const material of materials.filter((candidate) => candidate.required))
          expect(uploaded.has(material.id), `${item.id} misses ${material.id}`).toBe(true);
    }
  });

  it("keeps clean data valid and planted check characters invalid", () => {
    for (const item of specs) {
      const kinds = item.description;
      const idNumber = item.form.idNumber as string;
      const idCheck = validateIdNumber(idNumber, new Date("2026-12-31"));
      expect(idCheck.valid, `${item.id} ${idNumber}`).toBe(!kinds.includes("id_check_digit"));
      const cards = item.files
        .flatMap((file) => file.documents)
        .filter((document) => document.truth.documentType === "id_card");
      for (const card of cards.filter((document) => document.truth.side === "front"))
        expect(validateIdNumber(card.truth.fields.idNumber as string, new Date("2026-12-31")).valid).toBe(
          !kinds.includes("id_check_digit"),
        );
      if (item.form.creditCode)
        expect(validateCreditCode(item.form.creditCode).valid).toBe(!kinds.includes("credit_code"));
    }
  });

  it("derives the verdict from the planted defects", () => {
    for (const item of specs) {
      const rules = item.expected.defects.map((defect) => defect.ruleId);
      const expected = rules.some((rule) => rule.startsWith("eligibility."))
        ? "needs_human"
        : rules.length > 0
          ? "needs_correction"
          : "pass";
      expect(item.expected.verdict).toBe(expected);
      for (const rule of rules) expect(Object.values(DEFECT_RULE_IDS)).toContain(rule);
    }
  });

  it("plants each defect visibly: missing materials absent, expired cards expired, backs dropped, unreadable files declared", () => {
    for (const item of specs) {
      const documents = item.files.flatMap((file) =>
        file.documents.map((document) => ({ file, truth: document.truth })),
      );
      for (const defect of item.expected.defects) {
        const ofMaterial = documents.filter((entry) => entry.file.materialId === defect.materialId);
        if (defect.ruleId === "completeness.missing") expect(ofMaterial).toHaveLength(0);
        if (defect.ruleId === "document.side_missing")
          expect(ofMaterial.map((entry) => entry.truth.side)).toEqual(["front"]);
        if (defect.ruleId === "validity.expired") {
          const back = ofMaterial.find((entry) => entry.truth.side === "back");
          expect((back?.truth.fields.validUntil as string) < (item.form.applicationDate as string)).toBe(true);
        }
        if (defect.ruleId === "quality.unreadable")
          expect(ofMaterial.every((entry) => entry.file.preset === "unreadable" && entry.file.declared)).toBe(true);
        if (defect.ruleId === "document.wrong_type")
          expect(
            ofMaterial.every((entry) => entry.file.declared && entry.truth.documentType !== "application_form"),
          ).toBe(true);
      }
    }
  });

  it("leaves some files undeclared and mixes all four formats", () => {
    const files = specs.flatMap((item) => item.files);
    const undeclared = files.filter((file) => !file.declared).length / files.length;
    expect(undeclared).toBeGreaterThan(0.1);
    expect(undeclared).toBeLessThan(0.3);
    expect(new Set(files.map((file) => file.format))).toEqual(new Set(["png", "jpeg", "pdf_text", "pdf_scan"]));
  });

  it("prints only characters the embedded font has", () => {
    const characters = new Set<string>();
    for (const item of specs)
      for (const file of item.files)
        for (const { drawing } of file.documents)
          for (const drawItem of drawing.items)
            if (drawItem.kind === "text") for (const character of drawItem.text) characters.add(character);
    const missing = [...characters].filter((character) => character.trim() && !hasGlyph(character));
    expect(missing).toEqual([]);
  });
});
