import { beforeAll, describe, expect, it } from "vitest";
import { type Bundle, loadCatalog, scenariosToAsk } from "../catalog/index.js";
import { KNOWLEDGE_DIR } from "../test-support/shared-index.js";
import { extractScenarioAnswers } from "./scenario-dialogue.js";

let newborn: Bundle;
let retirement: Bundle;
let restaurant: Bundle;
let catalogBundle: (id: string) => Bundle;

beforeAll(async () => {
  const catalog = await loadCatalog({ directory: KNOWLEDGE_DIR });
  newborn = catalog.bundles.get("newborn") as Bundle;
  retirement = catalog.bundles.get("retirement") as Bundle;
  restaurant = catalog.bundles.get("restaurant-opening") as Bundle;
  catalogBundle = (id) => catalog.bundles.get(id) as Bundle;
});

describe("scenariosToAsk", () => {
  it("asks only questions whose answers change the result or unlock one that does", () => {
    const ids = scenariosToAsk(retirement, {}).map((scenario) => scenario.id);
    // The applicant-type answer changes nothing in the checklist, so it is not asked.
    expect(ids).not.toContain("applicant-type");
    expect(ids).toContain("early-retirement");
  });

  it("follows askIf: a follow-up question comes only after the answer that opens it", () => {
    const card = catalogBundle("social-security-card");
    expect(scenariosToAsk(card, {}).map((scenario) => scenario.id)).not.toContain("financial-function");
    expect(scenariosToAsk(card, { "card-situation": "lost" }).map((scenario) => scenario.id)).toContain(
      "financial-function",
    );
    // 随父或随母 changes no matter or material, so it is not asked even after "married".
    expect(scenariosToAsk(newborn, { "parents-married": "married" }).map((scenario) => scenario.id)).not.toContain(
      "household-side",
    );
  });
});

describe("extractScenarioAnswers", () => {
  it("reads answers from the person's own words", () => {
    expect(extractScenarioAnswers(newborn, "我们结婚了", {})).toEqual({ "parents-married": "married" });
    expect(extractScenarioAnswers(retirement, "我是灵活就业人员，快退休了", {})).toMatchObject({
      "applicant-type": "individual",
    });
  });

  it("prefers the longer match, so a negation wins", () => {
    const answers = extractScenarioAnswers(restaurant, "不卖烟", {});
    expect(answers.tobacco).toBe("none");
  });

  it("answers a question unlocked by an answer in the same message", () => {
    const answers = extractScenarioAnswers(newborn, "已经结婚了，孩子跟爸爸落户", {});
    expect(answers).toMatchObject({ "parents-married": "married", "household-side": "father" });
  });

  it("reads a negated keyword as the other answer of a two-way question", () => {
    const retirementAnswers = extractScenarioAnswers(retirement, "我不是独生子女", {});
    expect(retirementAnswers["only-child"]).toBe("not-only-child-parent");
  });

  it("takes a bare yes or no as the answer to the question just asked", () => {
    expect(extractScenarioAnswers(restaurant, "不设", {}, { awaiting: "signboard" })).toEqual({ signboard: "none" });
    expect(extractScenarioAnswers(retirement, "没有提前退休", {}, { awaiting: "early-retirement" })).toEqual({
      "early-retirement": "none",
    });
    expect(extractScenarioAnswers(restaurant, "是的", {}, { awaiting: "tobacco" })).toEqual({ tobacco: "sell" });
    // Without a question waiting, a bare yes answers nothing.
    expect(extractScenarioAnswers(restaurant, "是的", {})).toEqual({});
  });

  it("reads a reply to a two-way question by its negation or its affirming verb", () => {
    const utility = catalogBundle("utility-connection");
    const [water] = utility.scenarios;
    expect(extractScenarioAnswers(utility, "水要接", {}, { awaiting: water?.id })).toEqual({
      [water?.id ?? ""]: water?.options.find((option) => !/^(否|不|没|无|未)/u.test(option.label))?.value,
    });
    const [, electricity] = utility.scenarios;
    const answer = extractScenarioAnswers(utility, "电不用接", {}, { awaiting: electricity?.id });
    expect(Object.values(answer)).toHaveLength(1);
    expect(electricity?.options.find((option) => option.value === Object.values(answer)[0])?.label).toMatch(
      /^(否|不|没|无|未)/u,
    );
  });

  it("leaves questions unanswered when nothing matches", () => {
    expect(extractScenarioAnswers(newborn, "嗯嗯", {})).toEqual({});
  });
});
