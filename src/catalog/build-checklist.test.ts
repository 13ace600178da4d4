import { beforeAll, describe, expect, it } from "vitest";
import { KNOWLEDGE_DIR } from "../test-support/shared-index.js";
import { AppError } from "../errors.js";
import { buildChecklist } from "./build-checklist.js";
import { type Catalog, loadCatalog } from "./index.js";

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog({ directory: KNOWLEDGE_DIR });
});

const ids = (items: { id: string }[]) => items.map((item) => item.id);

describe("buildChecklist", () => {
  it("lists the pending questions in order, respecting askIf, when nothing is answered", () => {
    const checklist = buildChecklist({ catalog, bundleId: "newborn" });
    expect(checklist.complete).toBe(false);
    expect(ids(checklist.pending)).toEqual(["parents-married", "born-in-province", "reimbursement"]);
    const withMarried = buildChecklist({ catalog, bundleId: "newborn", answers: { "parents-married": "married" } });
    // 随父或随母 changes nothing in the list, so it is never asked.
    expect(ids(withMarried.pending)).toEqual(["born-in-province", "reimbursement"]);
  });

  it("shows what an unanswered question could add, marked conditional (skipping still gives the full list)", () => {
    const checklist = buildChecklist({ catalog, bundleId: "newborn" });
    const reimbursement = checklist.matters.find((matter) => matter.id === "maternity-medical-reimbursement");
    expect(reimbursement?.conditional).toMatchObject({ scenarioId: "reimbursement", when: ["需要报销"] });
    expect(checklist.matters.find((matter) => matter.id === "birth-medical-certificate")?.conditional).toBeUndefined();
  });

  it("applies answers: adds and removes matters and materials", () => {
    const answers = {
      "parents-married": "unmarried",
      "born-in-province": "in-province",
      reimbursement: "no-need",
    };
    const checklist = buildChecklist({ catalog, bundleId: "newborn", answers });
    expect(checklist.complete).toBe(true);
    expect(ids(checklist.matters)).not.toContain("birth-household-registration");
    expect(ids(checklist.matters)).not.toContain("maternity-medical-reimbursement");
    expect(ids(checklist.materials)).not.toContain("marriage-certificate");
    expect(checklist.notes.length).toBeGreaterThan(0);

    const restaurant = buildChecklist({
      catalog,
      bundleId: "restaurant-opening",
      answers: { "has-licence": "none", "fire-threshold": "above", signboard: "none", tobacco: "none" },
    });
    expect(ids(restaurant.matters)).toEqual(
      expect.arrayContaining(["business-licence-registration", "food-business-licence", "fire-safety-inspection"]),
    );
    expect(ids(restaurant.matters)).not.toContain("tobacco-retail-licence");
    expect(ids(restaurant.matters)).not.toContain("outdoor-signboard-setting");
  });

  it("adds a scenario's extra material (户口簿 for a household registered out of province)", () => {
    const base = { "applicant-type": "employee", "early-retirement": "none", "only-child": "not-only-child-parent" };
    const inside = buildChecklist({
      catalog,
      bundleId: "retirement",
      answers: { ...base, "hukou-out-of-province": "in-province" },
    });
    const outside = buildChecklist({
      catalog,
      bundleId: "retirement",
      answers: { ...base, "hukou-out-of-province": "out-of-province" },
    });
    expect(ids(inside.materials)).not.toContain("household-register");
    expect(ids(outside.materials)).toContain("household-register");
  });

  it("merges a material several matters ask for into one entry that names them all", () => {
    const checklist = buildChecklist({ catalog, bundleId: "newborn" });
    const materialIds = ids(checklist.materials);
    expect(new Set(materialIds).size).toBe(materialIds.length);
    const shared = checklist.materials.find((material) => material.matterIds.length > 1);
    expect(shared).toBeDefined();
    expect(shared?.citations.length).toBe(shared?.matterIds.length);
  });

  it("rejects an unknown question or answer with a Chinese message", () => {
    const attempt = (answers: Record<string, string>) => () =>
      buildChecklist({ catalog, bundleId: "newborn", answers });
    expect(attempt({ "no-such-question": "x" })).toThrow(/情形问题/);
    expect(attempt({ "parents-married": "maybe" })).toThrow(AppError);
    expect(() => buildChecklist({ catalog, bundleId: "no-such-bundle" })).toThrow(/没有编号/);
  });
});
