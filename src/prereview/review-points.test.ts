import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type Catalog, loadCatalog } from "../catalog/index.js";
import { KNOWLEDGE_DIR } from "../test-support/shared-index.js";
import { attachReviewPoints } from "./review-points.js";
import { BUILT_IN_RULES } from "./rules/rule-registry.js";
import { CaseBuilder, idNumberFor, RETIREMENT_SCENARIO } from "./rules/__fixtures__/case-builder.js";
import { reviewCase } from "./rules/review-case.js";
import type { PrereviewRequest } from "./types.js";

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog({ directory: KNOWLEDGE_DIR });
});

const person = { name: "王建国", birthDate: "1965-02-10" };
const idNumber = idNumberFor(person.birthDate, "男");

function retirementRequest(form: Record<string, string>): PrereviewRequest {
  return {
    bundleId: "retirement",
    scenario: RETIREMENT_SCENARIO,
    form: { name: person.name, idNumber, sex: "男", retirementCategory: "male", ...form },
  };
}

function retirementCase(options: { validUntil: string; socialSecurityName: string; birthDate?: string }) {
  const birthDate = options.birthDate ?? person.birthDate;
  const id = idNumberFor(birthDate, "男");
  return new CaseBuilder()
    .file(
      "applicant-id-card",
      { type: "id_card", side: "front", fields: { name: person.name, sex: "男", birthDate, idNumber: id } },
      { type: "id_card", side: "back", fields: { validFrom: "2006-03-01", validUntil: options.validUntil } },
    )
    .file("social-security-card", {
      type: "social_security_card",
      fields: { name: options.socialSecurityName, idNumber: id },
    })
    .file("retirement-joint-form", {
      type: "application_form",
      fields: { formTitle: "退休“一件事”联办申请表", name: person.name, idNumber: id },
    });
}

function reviewWithPoints(request: PrereviewRequest, builder: CaseBuilder) {
  const { intake, extracted, documents } = builder;
  const result = reviewCase({ catalog, request, intake, extracted, documents, now: new Date("2026-11-22T00:00:00Z") });
  return attachReviewPoints({ catalog, request, materials: result.materials, findings: result.findings });
}

describe("attachReviewPoints", () => {
  it("gives each material of the case its points and the rules of the case that enforce each", () => {
    const result = reviewWithPoints(
      retirementRequest({ applicationDate: "2026-06-01" }),
      retirementCase({ validUntil: "长期", socialSecurityName: person.name }),
    );
    const idCard = result.materials.find((material) => material.id === "applicant-id-card");
    const points = new Map(idCard?.reviewPoints?.map((point) => [point.id, point]));
    expect(points.get("in-validity")?.checkedBy.map((rule) => rule.ruleId)).toEqual(["validity.expired"]);
    expect(points.get("same-person")?.checkedBy.map((rule) => rule.ruleId)).toEqual([
      "consistency.name",
      "consistency.id_number",
    ]);
    expect(points.get("retirement-age")?.source).toContain("渐进式延迟法定退休年龄");
    // A point no rule checks is shown to the clerk with no rule: a human checks it.
    const card = result.materials.find((material) => material.id === "social-security-card");
    expect(card?.reviewPoints?.find((point) => point.id === "financial-function")?.checkedBy).toEqual([]);
  });

  it("references the point a built-in check enforces on the finding's material", () => {
    const result = reviewWithPoints(
      retirementRequest({ applicationDate: "2026-06-01" }),
      retirementCase({ validUntil: "2026-03-01", socialSecurityName: person.name }),
    );
    const expired = result.findings.find((finding) => finding.ruleId === "validity.expired");
    expect(expired?.reviewPoints).toEqual([{ materialId: "applicant-id-card", pointId: "in-validity" }]);
  });

  it("references a declared rule's claim on the finding's material, or all its claims when the finding names none", () => {
    // The form's ID number is the 1965 one; the documents say 1970: a mismatch, and too young to retire.
    const result = reviewWithPoints(
      retirementRequest({ applicationDate: "2026-06-01", birthDate: "1970-05-01" }),
      retirementCase({ validUntil: "长期", socialSecurityName: person.name, birthDate: "1970-05-01" }),
    );
    const mismatch = result.findings.find((finding) => finding.ruleId === "consistency.id_number");
    expect(mismatch?.materialId).toBe("applicant-id-card");
    expect(mismatch?.reviewPoints).toEqual([{ materialId: "applicant-id-card", pointId: "same-person" }]);
    const age = result.findings.find((finding) => finding.ruleId === "eligibility.retirement_age");
    expect(age?.materialId).toBeUndefined();
    expect(age?.reviewPoints).toEqual([{ materialId: "applicant-id-card", pointId: "retirement-age" }]);
  });

  it("leaves materials and findings without points as they were", () => {
    const request: PrereviewRequest = { matterId: "water-connection", scenario: {}, form: {} };
    const result = reviewWithPoints(request, new CaseBuilder());
    expect(result.findings.length).toBeGreaterThan(0);
    for (const finding of result.findings) expect(finding.reviewPoints).toBeUndefined();
    for (const material of result.materials) expect(material.reviewPoints).toBeUndefined();
  });
});

describe("BUILT_IN_RULES", () => {
  it("claims only review points that materials of the sample knowledge base carry", () => {
    const carried = new Set(
      [...catalog.matters.values(), ...catalog.bundles.values()].flatMap((entry) =>
        [...("materials" in entry ? entry.materials : (entry.extraMaterials ?? []))].flatMap(
          (material) => material.reviewPoints?.map((point) => point.id) ?? [],
        ),
      ),
    );
    const claimed = Object.values(BUILT_IN_RULES).flatMap((rule) => ("reviewPoint" in rule ? [rule.reviewPoint] : []));
    expect(claimed.length).toBeGreaterThan(0);
    for (const point of claimed) expect(carried.has(point), point).toBe(true);
  });

  it("lists every built-in rule id the rule engine emits", async () => {
    const folder = path.join(import.meta.dirname, "rules");
    const files = (await readdir(folder)).filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts"));
    const emitted = new Set<string>();
    for (const name of files)
      for (const match of (await readFile(path.join(folder, name), "utf8")).matchAll(/ruleId: "([a-z_.]+)"/g))
        emitted.add(match[1] as string);
    expect(emitted.size).toBeGreaterThan(10);
    expect([...emitted].filter((id) => !(id in BUILT_IN_RULES))).toEqual([]);
  });
});
