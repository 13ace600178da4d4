import { describe, expect, it } from "vitest";
import {
  createBm25Index,
  createBm25IndexFromParts,
  createBm25Part,
  loadBm25Index,
  type WeightedTerm,
} from "./bm25-index.js";

const documents = [
  ["营业执照", "设立", "登记"],
  ["食品", "经营", "许可", "餐饮店"],
  ["餐饮店", "消防", "安全", "检查", "餐饮店"],
  ["社会保障卡", "申领"],
];

describe("createBm25Index", () => {
  it("ranks documents with more and rarer matching terms first", () => {
    const index = createBm25Index(documents);
    const hits = index.search([{ term: "餐饮店" }, { term: "消防" }], { k: 10 });
    expect(hits.map((hit) => hit.index)).toEqual([2, 1]);
  });

  it("returns nothing for terms no document has", () => {
    expect(createBm25Index(documents).search([{ term: "火星" }], { k: 5 })).toEqual([]);
  });

  it("options.filter excludes documents before ranking", () => {
    const hits = createBm25Index(documents).search([{ term: "餐饮店" }], { k: 5, filter: (index) => index !== 2 });
    expect(hits.map((hit) => hit.index)).toEqual([1]);
  });

  it("term weight scales a term's contribution", () => {
    const index = createBm25Index(documents);
    const heavy = index.search([{ term: "许可", weight: 2 }, { term: "消防" }], { k: 2 });
    const light = index.search([{ term: "许可", weight: 0.1 }, { term: "消防" }], { k: 2 });
    expect(heavy[0]?.index).toBe(1);
    expect(light[0]?.index).toBe(2);
  });

  it("survives a snapshot round trip with the same scores", () => {
    const index = createBm25Index(documents);
    const restored = loadBm25Index(JSON.parse(JSON.stringify(index.toSnapshot())));
    const query = [{ term: "餐饮店" }, { term: "许可" }];
    expect(restored.search(query, { k: 4 })).toEqual(index.search(query, { k: 4 }));
  });
});

describe("common terms on a large index", () => {
  it("gives the candidates of rare terms the same scores as an exhaustive search", () => {
    // 2000 documents share the common word; only a few hold the rare one.
    const documents = Array.from({ length: 2000 }, (_, i) => (i % 500 === 0 ? ["申请", "稀有词"] : ["申请", "材料"]));
    documents[1000] = ["稀有词"];
    documents[1500] = ["稀有词", "材料", "材料", "材料"];
    const index = createBm25Index(documents);
    const query = [{ term: "稀有词" }, { term: "申请" }];
    const pruned = index.search(query, { k: 3 });
    // With k as large as the corpus nothing is pruned.
    const exhaustive = index.search(query, { k: 2000 }).slice(0, 3);
    expect(pruned).toEqual(exhaustive);
    expect(pruned.map((hit) => hit.index)).toContain(0);
  });
});

describe("top-k pruning", () => {
  /** Every document scored: the reference the pruned search must match exactly. */
  const exhaustive = (index: ReturnType<typeof createBm25Index>, query: WeightedTerm[], k: number) =>
    index.search(query, { k: index.documentCount }).slice(0, k);

  it("finds a document that matches only a common term when that term outweighs the rare one", () => {
    // The rare term is a low-weight expansion term; the common one is the question's own word,
    // and document 7 repeats it. Skipping documents that lack the rare term would miss it.
    const documents = Array.from({ length: 100 }, (_, i) => (i < 20 ? ["申请", "材料", "材料"] : ["材料", "其他"]));
    documents[3] = ["稀有词", "材料", "材料", "材料", "材料", "材料", "材料", "材料", "材料"];
    documents[7] = ["申请", "申请", "申请"];
    const index = createBm25Index(documents);
    const query = [{ term: "稀有词", weight: 0.01 }, { term: "申请" }];
    const hits = index.search(query, { k: 1 });
    expect(hits.map((hit) => hit.index)).toEqual([7]);
    expect(hits).toEqual(exhaustive(index, query, 1));
  });

  it("returns exactly the exhaustive top k, scores and ties included, on a random corpus", () => {
    let seed = 11;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    // A few words in most documents, many rare ones, repeated documents for exact ties.
    const vocabulary = Array.from({ length: 60 }, (_, i) => `词${i}`);
    const pick = () => vocabulary[Math.floor(random() ** 3 * vocabulary.length)] as string;
    const documents = Array.from({ length: 3000 }, () => Array.from({ length: 3 + Math.floor(random() * 12) }, pick));
    for (let i = 0; i < 200; i++) documents[2000 + i] = [...(documents[i] as string[])];
    const index = createBm25Index(documents);
    for (let q = 0; q < 200; q++) {
      const query: WeightedTerm[] = Array.from({ length: 1 + Math.floor(random() * 12) }, () => ({
        term: pick(),
        weight: random() < 0.4 ? 0.6 : 1,
      }));
      const k = [1, 10, 100][q % 3] as number;
      expect(index.search(query, { k })).toEqual(exhaustive(index, query, k));
      const filter = (document: number) => document % 3 !== 0;
      expect(index.search(query, { k, filter })).toEqual(
        index.search(query, { k: index.documentCount, filter }).slice(0, k),
      );
    }
  });
});

describe("createBm25IndexFromParts", () => {
  it("gives the index of all the parts' documents at once, whatever order the parts arrive in", () => {
    const whole = createBm25Index(documents);
    const parts = [createBm25Part(documents.slice(2), 2), createBm25Part(documents.slice(0, 2), 0)];
    const joined = createBm25IndexFromParts(parts);
    expect(joined.toSnapshot()).toEqual(whole.toSnapshot());
    const query = [{ term: "餐饮店" }, { term: "申领" }];
    expect(joined.search(query, { k: 4 })).toEqual(whole.search(query, { k: 4 }));
  });

  it("refuses parts that leave a gap between documents", () => {
    expect(() =>
      createBm25IndexFromParts([createBm25Part(documents.slice(0, 1), 0), createBm25Part(documents.slice(2), 2)]),
    ).toThrow(/starts at document 2, expected 1/);
  });
});
