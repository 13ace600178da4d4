import { describe, expect, it } from "vitest";
import type { Bundle, Catalog, Matter } from "../catalog/index.js";
import { normalizeText } from "./normalize-text.js";
import { createQueryExpander } from "./query-expander.js";

// Only what the expander reads: no bundles or matters, one lexicon entry with a gapped phrase.
const catalog: Pick<Catalog, "bundles" | "matters" | "lexicon"> = {
  bundles: new Map<string, Bundle>(),
  matters: new Map<string, Matter>(),
  lexicon: [{ colloquial: ["爸…走了"], official: ["个人身后"] }],
};
const expander = createQueryExpander(catalog);
const matches = (query: string) => expander.expand(normalizeText(query)).terms.includes("个人身后");

describe("createQueryExpander, a lexicon phrase written with …", () => {
  it("matches its parts a few characters apart", () => {
    expect(matches("我爸上礼拜走了")).toBe(true);
    expect(matches("我爸走了")).toBe(true);
  });

  it("matches in traditional writing", () => {
    expect(matches("我爸上禮拜走了")).toBe(true);
  });

  it("allows at most six characters between the parts", () => {
    expect(matches("爸一二三四五六走了")).toBe(true);
    expect(matches("爸一二三四五六七走了")).toBe(false);
    expect(matches("我爸前几天在医院里突然走了")).toBe(false);
  });

  it("does not match across a sentence end or a comma", () => {
    expect(matches("我爸来过了。他走了")).toBe(false);
    expect(matches("我爸来过了，他走了")).toBe(false);
    expect(matches("我爸来过了！他走了")).toBe(false);
  });

  it("does not match its parts in the other order", () => {
    expect(matches("走了的是我爸")).toBe(false);
  });

  it("does not match one part alone", () => {
    expect(matches("我爸要办退休")).toBe(false);
    expect(matches("他走了")).toBe(false);
  });
  it("matches a phrase ending in $ only where its last part ends a clause", () => {
    const clause = createQueryExpander({ ...catalog, lexicon: [{ colloquial: ["妈…走的$"], official: ["个人身后"] }] });
    const ends = (query: string) => clause.expand(normalizeText(query)).terms.includes("个人身后");
    expect(ends("我妈今年春天走的，她的公积金咋取")).toBe(true);
    expect(ends("我妈前年走的")).toBe(true);
    expect(ends("我妈走的是线上申请，进度怎么查")).toBe(false);
    expect(ends("我妈住院走的异地医保")).toBe(false);
  });
});
