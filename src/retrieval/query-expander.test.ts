import { beforeAll, describe, expect, it } from "vitest";
import type { Catalog } from "../catalog/index.js";
import { sharedIndex } from "../test-support/shared-index.js";
import { normalizeText } from "./normalize-text.js";
import { createQueryExpander, type QueryExpander } from "./query-expander.js";

let catalog: Catalog;
let expander: QueryExpander;

beforeAll(async () => {
  const shared = await sharedIndex();
  catalog = shared.catalog;
  expander = createQueryExpander(catalog, { isWord: shared.index.tokenizer.isWord });
});

const expand = (query: string) => expander.expand(normalizeText(query));

describe("createQueryExpander", () => {
  it("adds the official term for a colloquial word", () => {
    expect(expand("开个小饭馆").terms.join(" ")).toMatch(/餐饮/);
  });

  it("points at a bundle named in the query", () => {
    expect(expand("退休要办什么").documents[0]).toBe("bundle:retirement");
  });

  it("points at a matter named with 的 put in", () => {
    expect(expand("医保的缴费年限是谁核定").documents).toContain("matter:medical-insurance-years-determination");
  });

  it("recognises homophone typos of known terms and reports each once, as the official term", () => {
    const { corrections, documents } = expand("社报卡丢了怎么办");
    expect(corrections).toEqual([{ written: "社报卡", meant: "社保卡" }]);
    expect(documents.some((document) => document.includes("social-security-card"))).toBe(true);
    const deregistration = expand("公司住销流程").corrections;
    expect(deregistration.length).toBeGreaterThan(0);
    for (const { written, meant } of deregistration) {
      expect(written).toContain("住销");
      expect(meant).toBe(written.replace("住销", "注销"));
    }
  });

  it("takes a country named for a foreigner (德国工程师 → 外国人)", () => {
    expect(expand("公司聘了个德国工程师，给他上职工医保").terms).toContain("外国人");
  });

  it("takes no window that cuts through words for a typo (以后是不是 holds 后是, not 后事)", () => {
    expect(expand("以后是不是还要涨").corrections).toEqual([]);
    expect(expand("以后是不是还要涨").documents).not.toContain("bundle:after-death");
    expect(expand("我爸的后是怎么办").corrections).toEqual([{ written: "后是", meant: "后事" }]);
  });

  it("never takes a question particle for a typo (上户口不 asks whether, it is not 户口簿)", () => {
    expect(expand("孩子7个月了，还能上户口不？").corrections).toEqual([]);
    expect(expand("能上户口部？").corrections).toEqual([{ written: "户口部", meant: "户口簿" }]);
    // Inside a sentence the same character may be a typo.
    expect(expand("户口不要带哪些").corrections).toEqual([{ written: "户口不", meant: "户口簿" }]);
  });

  it("never takes a real word for a typo (解读 is not 借读)", () => {
    const { corrections, documents } = expand("工信部对24号文怎么解读");
    expect(corrections).toEqual([]);
    expect(documents).not.toContain("bundle:school-enrolment");
  });

  it("recognises policy document numbers in the ways people write them", () => {
    for (const query of ["国发〔2024〕3号", "国发2024年3号文", "国发[2024]3号"])
      expect(expand(query).documents, query).toContain("policy:guofa-2024-3");
    expect(expand("24号文怎么规定的").documents).toContain("policy:guobanfa-2025-24");
    expect(expand("2027年的目标").documents.some((document) => document.startsWith("policy:"))).toBe(false);
  });

  it("recognises a policy by who issued it and when", () => {
    expect(expand("国务院2022年2月那个文件要求设哪些窗口").documents).toContain("policy:guofa-2022-5");
    expect(expand("2024年甘肃省政府发的意见").documents).toContain("policy:ganzhengfa-2024-20");
    // 国务院 as the start of 国务院办公厅 is the office: its 2022 opinion, not the State Council's own.
    const office = expand("国务院办公厅2022年印发的意见").documents;
    expect(office).toContain("policy:guobanfa-2022-32");
    expect(office).not.toContain("policy:guofa-2022-5");
    expect(expand("国办2025年那个文件").documents).toContain("policy:guobanfa-2025-24");
    // A month that is not the document's, a year said apart from the issuer, or no issuer: none.
    expect(expand("国务院2022年9月的文件").documents).not.toContain("policy:guofa-2022-5");
    expect(expand("我2022年生的孩子，国务院有规定吗").documents).not.toContain("policy:guofa-2022-5");
    expect(expand("2022年那个文件").documents.some((document) => document.startsWith("policy:"))).toBe(false);
    // No word for a document after them, or a guide named: the question is not about the document.
    expect(expand("甘肃省政府2024年出台的育儿补贴标准是多少").documents).not.toContain("policy:ganzhengfa-2024-20");
    expect(expand("2024年国务院文件里说的一件事，退休要带啥").documents).not.toContain("policy:guofa-2024-3");
  });

  it("points at the bundle first when the query names two of its matters", () => {
    const { documents } = expand("出生医学证明和预防接种证能一起办吗");
    expect(documents[0]).toBe("bundle:newborn");
  });
});
