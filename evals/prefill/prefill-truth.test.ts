import { beforeAll, describe, expect, it } from "vitest";
import { type Catalog, loadCatalog } from "../../src/catalog/index.js";
import { resolveCaseRequirements } from "../../src/prereview/index.js";
import { idNumberFor, RETIREMENT_SCENARIO } from "../../src/prereview/rules/__fixtures__/case-builder.js";
import { KNOWLEDGE_DIR } from "../../src/test-support/shared-index.js";
import type { DocumentTruth, GeneratedFile, PrereviewCase } from "../prereview/generator/index.js";
import { prefillTruth } from "./prefill-truth.js";

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog({ directory: KNOWLEDGE_DIR });
});

const id = idNumberFor("1965-02-10", "男");
const generated = (materialId: string, truth: DocumentTruth[], unreadable = false): GeneratedFile => ({
  name: `${materialId}.png`,
  mimeType: "image/png",
  bytes: new Uint8Array(),
  actualMaterialId: materialId,
  truth,
  ...(unreadable ? { unreadable: true } : {}),
  render: { format: "png", degradation: "none" },
});

function retirementCase(formName: string, formUnreadable = false): PrereviewCase {
  return {
    id: "t1",
    bundleId: "retirement",
    scenario: RETIREMENT_SCENARIO,
    form: { name: "王建国", idNumber: id, sex: "男", birthDate: "1965-02-10", retirementCategory: "male" },
    files: [
      generated("applicant-id-card", [
        { documentType: "id_card", side: "front", fields: { name: "王建国", sex: "男", idNumber: id } },
      ]),
      generated(
        "retirement-joint-form",
        [{ documentType: "application_form", side: "single", fields: { name: formName, phone: "13812345678" } }],
        formUnreadable,
      ),
    ],
    expected: { verdict: "pass", defects: [], tolerated: [] },
    description: "",
  };
}

const truthOf = (item: PrereviewCase) =>
  prefillTruth(
    item,
    resolveCaseRequirements(catalog, { bundleId: "retirement", scenario: RETIREMENT_SCENARIO, form: {} }),
    "2026-06-01",
  );
const field = (item: PrereviewCase, name: string) => truthOf(item).find((truth) => truth.name === name);

describe("prefillTruth", () => {
  it("takes each field's value from the documents that state it", () => {
    expect(field(retirementCase("王建国"), "name")).toMatchObject({
      fillable: true,
      expected: "王建国",
      origin: "id_card",
    });
    expect(field(retirementCase("王建国"), "phone")).toMatchObject({
      expected: "13812345678",
      origin: "application_form",
    });
  });

  it("marks a field two documents disagree on as a planted conflict", () => {
    expect(field(retirementCase("王建图"), "name")).toMatchObject({ plantedConflict: true });
  });

  it("ignores a file rendered unreadable", () => {
    expect(field(retirementCase("王建图", true), "name")).toMatchObject({ plantedConflict: false, expected: "王建国" });
    expect(field(retirementCase("王建国", true), "phone")).toMatchObject({ fillable: false });
  });

  it("counts values derivable from a valid ID number, and the man's retirement category", () => {
    expect(field(retirementCase("王建国"), "birthDate")).toMatchObject({
      fillable: true,
      expected: "1965-02-10",
      origin: "derived",
    });
    expect(field(retirementCase("王建国"), "retirementCategory")).toMatchObject({
      expected: "male",
      origin: "derived",
    });
    expect(field(retirementCase("王建国"), "applicationDate")).toMatchObject({ fillable: false, origin: "none" });
  });
});
