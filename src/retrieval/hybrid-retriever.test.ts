import { beforeAll, describe, expect, it } from "vitest";
import type { Catalog } from "../catalog/index.js";
import type { SearchIndex } from "./index.js";
import { sharedIndex } from "../test-support/shared-index.js";

let index: SearchIndex;
let catalog: Catalog;

beforeAll(async () => {
  ({ index, catalog } = await sharedIndex());
});

async function documents(query: string, k = 5, extra: Record<string, unknown> = {}) {
  const { hits } = await index.retriever.search({ query, k, ...extra });
  return hits.map((hit) => hit.chunk.documentId);
}

describe("hybrid retriever on the sample knowledge base", () => {
  it("returns the newborn bundle in the top 3 for a colloquial question", async () => {
    expect(await documents("宝宝刚出生要办哪些手续", 3)).toContain("bundle:newborn");
  });

  it("returns the newborn bundle in the top 3 for the same question in traditional characters", async () => {
    expect(await documents("寶寶剛出生要辦哪些手續", 3)).toContain("bundle:newborn");
  });

  it("maps colloquial words to official terms through the lexicon", async () => {
    const { expandedTerms, hits } = await index.retriever.search({ query: "开个小饭馆要什么手续", k: 3 });
    expect(expandedTerms.length).toBeGreaterThan(0);
    expect(hits.map((hit) => hit.chunk.documentId)).toContain("bundle:restaurant-opening");
  });

  it("finds a policy passage for a policy question", async () => {
    const { hits } = await index.retriever.search({ query: "容缺受理 承诺办", k: 5, kinds: ["policy"] });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((hit) => hit.chunk.kind === "policy")).toBe(true);
    expect(hits.some((hit) => hit.chunk.text.includes("容缺"))).toBe(true);
  });

  it("options.kinds keeps only the kinds asked for, and still fills k", async () => {
    const { hits } = await index.retriever.search({ query: "社保卡", k: 5, kinds: ["faq"] });
    expect(hits).toHaveLength(5);
    expect(new Set(hits.map((hit) => hit.chunk.kind))).toEqual(new Set(["faq"]));
  });

  it("options.bundleId keeps only passages of that bundle", async () => {
    const { hits } = await index.retriever.search({ query: "需要什么材料", k: 10, bundleId: "retirement" });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((hit) => hit.chunk.bundleId === "retirement")).toBe(true);
  });

  it("options.collapse returns one hit per guide by default, several passages when false", async () => {
    const guides = { kinds: ["bundle", "matter"] };
    const collapsed = await documents("出生医学证明", 10, guides);
    expect(new Set(collapsed).size).toBe(collapsed.length);
    const passages = await documents("出生医学证明", 10, { ...guides, collapse: false });
    expect(new Set(passages).size).toBeLessThan(passages.length);
  });

  it("answers every bundle's own short name with that bundle first", async () => {
    for (const bundle of catalog.bundles.values()) {
      expect((await documents(bundle.shortName, 1))[0], bundle.shortName).toBe(`bundle:${bundle.id}`);
    }
  });

  it("returns no hits rather than failing for text with no Chinese words", async () => {
    const { hits } = await index.retriever.search({ query: "？？？！！！", k: 5 });
    expect(hits).toEqual([]);
  });
});
