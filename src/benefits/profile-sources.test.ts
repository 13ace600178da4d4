import { describe, expect, it } from "vitest";
import { loadCatalog } from "../catalog/index.js";
import { KNOWLEDGE_DIR } from "../test-support/shared-index.js";
import { mergeProfiles, profileFromCaseForm, profileFromScenarioAnswers, SCENARIO_FACTS } from "./profile-sources.js";

describe("profileFromScenarioAnswers", () => {
  it("names only bundles, scenarios and answers that exist in the knowledge base", async () => {
    const catalog = await loadCatalog({ directory: KNOWLEDGE_DIR });
    for (const [bundleId, entry] of Object.entries(SCENARIO_FACTS)) {
      const bundle = catalog.bundles.get(bundleId);
      expect(bundle, bundleId).toBeDefined();
      for (const [scenarioId, values] of Object.entries(entry.answers ?? {})) {
        const scenario = bundle?.scenarios.find((item) => item.id === scenarioId);
        expect(scenario, `${bundleId}/${scenarioId}`).toBeDefined();
        for (const value of Object.keys(values))
          expect(
            scenario?.options.map((option) => option.value),
            `${bundleId}/${scenarioId}`,
          ).toContain(value);
      }
    }
  });

  it("turns the retirement bundle's answers into facts", () => {
    expect(
      profileFromScenarioAnswers("retirement", { "only-child": "only-child-parent", "early-retirement": "none" }),
    ).toEqual({
      subject: "individual",
      reachedRetirementAge: true,
      onlyChildParent: true,
    });
  });

  it("reads the after-death bundle's housing-fund answer as the deceased's account, not the asker's", () => {
    expect(profileFromScenarioAnswers("after-death", { "housing-fund": "contributed" })).toEqual({
      subject: "individual",
      familyMemberDied: true,
      deceasedHousingFundAccount: true,
    });
  });

  it("does not read 'insured as an individual' in the retirement bundle as still working", () => {
    expect(profileFromScenarioAnswers("retirement", { "applicant-type": "individual" })).toEqual({
      subject: "individual",
      reachedRetirementAge: true,
    });
  });

  it("gives nothing for a bundle it has no facts for", () => {
    expect(profileFromScenarioAnswers("restaurant-opening", { any: "thing" })).toEqual({});
  });
});

describe("profileFromCaseForm", () => {
  it("takes birth date and sex from a valid ID number and never keeps the number", () => {
    const profile = profileFromCaseForm({ idNumber: "11010519491231002X", name: "张三" });
    expect(profile).toEqual({ birthDate: "1949-12-31", sex: "female" });
  });

  it("falls back to the form's own birth date and sex when the ID number is invalid", () => {
    expect(profileFromCaseForm({ idNumber: "110105194912310021", birthDate: "1960-05-01", sex: "男" })).toEqual({
      birthDate: "1960-05-01",
      sex: "male",
    });
  });

  it("uses the newborn's birth date instead of the bundle's 'under one year' assumption", () => {
    expect(profileFromCaseForm({ childBirthDate: "2026-10-01" }, "newborn")).toEqual({
      subject: "individual",
      youngestChildBirthDate: "2026-10-01",
    });
  });
});

describe("mergeProfiles", () => {
  it("lets a later source win on a shared field", () => {
    expect(mergeProfiles({ age: 30, sex: "male" }, undefined, { age: 31 })).toEqual({ age: 31, sex: "male" });
  });
});
