import { beforeAll, describe, expect, it } from "vitest";
import { type Bundle, loadCatalog, scenariosToAsk } from "../catalog/index.js";
import { KNOWLEDGE_DIR } from "../test-support/shared-index.js";
import { extractScenarioAnswers, findPhrase, parseNumber } from "./scenario-dialogue.js";

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

  it("finds a keyword written loosely: a word between, or the words in another order", () => {
    expect(extractScenarioAnswers(newborn, "宝宝是在家里生的", {})).toEqual({ "born-in-province": "elsewhere" });
    expect(extractScenarioAnswers(newborn, "落在孩子爸爸的户口上", { "parents-married": "married" })).toEqual({
      "household-side": "father",
    });
    expect(extractScenarioAnswers(catalogBundle("transport-business"), "公司营业执照有了", {})).toEqual({
      "has-licence": "has",
    });
    // A negation inside a loose match counts: 有执照 is not there in "执照还没有".
    expect(extractScenarioAnswers(catalogBundle("transport-business"), "执照还没有", {})).toEqual({
      "has-licence": "none",
    });
  });

  it("matches loosely only within one clause and a window little longer than the keyword", () => {
    expect(findPhrase("在家里生的", "在家生的")).toMatchObject({ at: 0, end: 4, loose: true });
    expect(findPhrase("在家，后来去医院生的", "在家生的")).toBeUndefined();
    expect(findPhrase("在家里面休息了很久才生的", "在家生的")).toBeUndefined();
    // Two-character keywords match only as written.
    expect(findPhrase("省得本人跑", "本省")).toBeUndefined();
  });

  it("reads a negation shortly before a keyword in the same clause, not in the clause before", () => {
    const deregistration = catalogBundle("business-deregistration");
    expect(extractScenarioAnswers(deregistration, "没做过进出口", {}, { awaiting: "customs" })).toEqual({
      customs: "none",
    });
    expect(extractScenarioAnswers(deregistration, "没给员工交过公积金", {})["housing-fund"]).toBe("none");
    expect(extractScenarioAnswers(deregistration, "不知道，我们有进出口", {}).customs).toBe("filed");
  });

  it("compares an amount with the threshold the question names, in the same unit", () => {
    expect(extractScenarioAnswers(restaurant, "准备开一家400平米的中餐馆", {})["fire-threshold"]).toBe("above");
    expect(extractScenarioAnswers(restaurant, "店面大概200平，投资二十来万", {})["fire-threshold"]).toBe("below");
    // One amount under its threshold says nothing of the other (investment unknown).
    expect(extractScenarioAnswers(restaurant, "店面200平米", {})["fire-threshold"]).toBeUndefined();
    expect([parseNumber("二十"), parseNumber("三百五"), parseNumber("两千"), parseNumber("12.5")]).toEqual([
      20, 350, 2000, 12.5,
    ]);
  });

  it("while a question waits, takes a yes or no about another two-way question as that one's answer", () => {
    expect(extractScenarioAnswers(restaurant, "招牌肯定要的", {}, { awaiting: "fire-threshold" })).toEqual({
      signboard: "set",
    });
    expect(extractScenarioAnswers(restaurant, "招牌不做了", {}, { awaiting: "tobacco" })).toEqual({
      signboard: "none",
    });
    // Not about any question: nothing. Sharing stray characters with a question is not being about it.
    expect(extractScenarioAnswers(retirement, "他有驾照", {}, { awaiting: "only-child" })).toEqual({});
    expect(extractScenarioAnswers(newborn, "不是在医院生的", {}, { awaiting: "born-in-province" })).toEqual({
      "born-in-province": "elsewhere",
    });
  });

  it("reads answers from what a reply states, not from what it asks", () => {
    const card = catalogBundle("social-security-card");
    expect(extractScenarioAnswers(card, "要激活吗？不激活行不行？", { "card-situation": "lost" })).toEqual({});
    expect(extractScenarioAnswers(newborn, "我们没结婚，能办吗？", {})).toEqual({ "parents-married": "unmarried" });
  });

  it("does not choose an option a question asks about: a figure asked of it, or a question word inside its words", () => {
    const hiring = catalogBundle("employee-hiring");
    expect(extractScenarioAnswers(hiring, "档案怎么转", {})).toEqual({});
    expect(extractScenarioAnswers(catalogBundle("transport-business"), "道路货运许可多久能办好", {})).toEqual({});
    // Stated around a question about something else, the option still counts.
    expect(extractScenarioAnswers(catalogBundle("school-enrolment"), "小孩上小学怎么报名", {})).toMatchObject({
      stage: expect.any(String),
    });
  });

  it("reads where the child's household registration is, in the words parents use", () => {
    const school = catalogBundle("school-enrolment");
    expect(
      extractScenarioAnswers(school, "闺女今年上一年级，我们在这边租房打工，户口还在老家，报名得准备啥？", {}),
    ).toMatchObject({ stage: "primary", "hukou-status": "migrant", "own-home": "no-own-home" });
    expect(extractScenarioAnswers(school, "孩子上初中，户口不在这边", {})).toMatchObject({ "hukou-status": "migrant" });
    expect(extractScenarioAnswers(school, "孩子上小学，户口在本地", {})["hukou-status"]).not.toBe("migrant");
  });

  it("takes 「…了呢？」 as a situation stated, not a question about an option", () => {
    expect(extractScenarioAnswers(catalogBundle("transport-business"), "我已经有营业执照了呢？", {})).toMatchObject({
      "has-licence": "has",
    });
  });
});
