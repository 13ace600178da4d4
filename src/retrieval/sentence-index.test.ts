import { describe, expect, it } from "vitest";
import type { Chunk } from "./chunk.js";
import { buildSentenceIndexInSlices, createSentenceIndex, splitSentences } from "./sentence-index.js";
import { createTokenizer } from "./tokenizer.js";
import { countEventLoopTurns } from "../test-support/count-event-loop-turns.js";

describe("splitSentences", () => {
  it("cuts at sentence ends and line breaks, keeping the punctuation", () => {
    expect(splitSentences("先提交申请。再审核！可以吗？材料有：身份证；户口簿\n照片")).toEqual([
      "先提交申请。",
      "再审核！",
      "可以吗？",
      "材料有：身份证；",
      "户口簿",
      "照片",
    ]);
  });

  it("does not cut at a comma", () => {
    expect(splitSentences("到2025年，基本建成一体化平台。")).toEqual(["到2025年，基本建成一体化平台。"]);
  });

  it("does not cut at a sentence end inside brackets or quotes, unless they do not pair up", () => {
    expect(
      splitSentences("2. 社会保障卡申领表（通过联办时，可由联办申请表的信息代替。）\n提出“一网通办。”要求。再审核。"),
    ).toEqual(["2. 社会保障卡申领表（通过联办时，可由联办申请表的信息代替。）", "提出“一网通办。”要求。", "再审核。"]);
    expect(splitSentences("原文（有损坏。其后缺字。")).toEqual(["原文（有损坏。", "其后缺字。"]);
  });

  it("drops an FAQ's question line, the answer's 答： and fragments shorter than two characters", () => {
    expect(splitSentences("问：社保卡丢了怎么办？\n答：先挂失。\n再补领。\n。")).toEqual(["先挂失。", "再补领。"]);
  });
});

function chunk(id: string, documentId: string, kind: Chunk["kind"], text: string): Chunk {
  return { id, kind, documentId, title: "标题", sectionPath: [], text, context: "" };
}

const tokenizer = createTokenizer({ customWords: ["社保卡", "补领", "户口簿", "网点"] });
const chunks = [
  chunk("card#materials", "matter:card", "matter", "社保卡补领需要带身份证。社保卡补领需要带户口簿。"),
  chunk("card#channels", "matter:card", "matter", "社保卡补领可以在银行网点办理。"),
  chunk("policy#1", "policy:plan", "policy", "社保卡补领实行全程网办。推进政务服务标准化。"),
  chunk("faq#1", "faq:card", "faq", "问：社保卡丢了怎么办？\n答：先挂失，再补领。"),
  chunk("policy#2", "policy:other", "policy", "社會保障卡全國通用。"),
];
const index = createSentenceIndex(chunks, tokenizer);

describe("buildSentenceIndexInSlices", () => {
  it("gives the event loop back between slices and builds the same index", async () => {
    const turns = countEventLoopTurns();
    // sliceMs 0: a turn of the event loop after every passage.
    const sliced = await buildSentenceIndexInSlices(chunks, tokenizer, { sliceMs: 0 });
    expect(turns.stop()).toBeGreaterThanOrEqual(chunks.length);
    const view = (built: typeof index) =>
      built.sentences.map((sentence) => [sentence.index, sentence.chunk.id, sentence.text, [...sentence.tokens]]);
    expect(view(sliced)).toEqual(view(index));
    const query = tokenizer.tokenize("社保卡补领");
    expect(sliced.search(query, { k: 3 })).toEqual(index.search(query, { k: 3 }));
    expect(sliced.idf("社保卡")).toBe(index.idf("社保卡"));
  });
});

describe("createSentenceIndex", () => {
  it("ofChunk gives a passage's sentences in order, with their positions", () => {
    const sentences = index.ofChunk("card#materials");
    expect(sentences.map((sentence) => sentence.text)).toEqual([
      "社保卡补领需要带身份证。",
      "社保卡补领需要带户口簿。",
    ]);
    expect(sentences.map((sentence) => sentence.position)).toEqual([0, 1]);
    expect(sentences.every((sentence) => sentence.chunk.id === "card#materials")).toBe(true);
    expect(index.ofChunk("no-such-chunk")).toEqual([]);
  });

  it("ofDocument gives all the sentences of a document's passages, in order", () => {
    expect(index.ofDocument("matter:card").map((sentence) => sentence.text)).toEqual([
      "社保卡补领需要带身份证。",
      "社保卡补领需要带户口簿。",
      "社保卡补领可以在银行网点办理。",
    ]);
    expect(index.ofDocument("matter:none")).toEqual([]);
  });

  it("numbers sentences by their position in the index", () => {
    expect(index.sentences.map((sentence) => sentence.index)).toEqual(index.sentences.map((_, position) => position));
  });

  it("keeps the text verbatim and matches on its simplified form", () => {
    const [sentence] = index.ofChunk("policy#2");
    expect(sentence?.text).toBe("社會保障卡全國通用。");
    expect(sentence?.normalized).toBe("社会保障卡全国通用。");
    expect(index.search(["通用"], { k: 5 }).map((hit) => hit.sentence.text)).toEqual(["社會保障卡全國通用。"]);
  });

  it("weighs words by the guides, FAQ and policies alone: a benefit's lines are searched but change no weight", () => {
    const benefit = chunk("benefit#amount", "benefit:allowance", "benefit", "社保卡补领补贴以当地公布标准为准。");
    const withBenefit = createSentenceIndex([...chunks, benefit], tokenizer);
    for (const word of ["社保卡", "补领", "通用"]) expect(withBenefit.idf(word)).toBe(index.idf(word));
    expect(index.knows("公布")).toBe(false);
    expect(withBenefit.knows("公布")).toBe(true);
    expect(withBenefit.search(tokenizer.tokenize("公布标准"), { k: 1 })[0]?.sentence.chunk.id).toBe("benefit#amount");
  });

  it("leaves the FAQ's question out and keeps its answer", () => {
    expect(index.ofChunk("faq#1").map((sentence) => sentence.text)).toEqual(["先挂失，再补领。"]);
  });

  it("search finds the sentences holding the words, the rarer word counting more", () => {
    const hits = index.search(["补领", "户口簿"], { k: 10 });
    expect(hits[0]?.sentence.text).toBe("社保卡补领需要带户口簿。");
    expect(hits.map((hit) => hit.score)).toEqual([...hits.map((hit) => hit.score)].sort((a, b) => b - a));
    expect(hits.every((hit) => hit.sentence.normalized.includes("补领"))).toBe(true);
  });

  it("search options.kinds keeps to the kinds of document named", () => {
    const hits = index.search(["社保卡"], { k: 10, kinds: ["policy"] });
    expect(hits.map((hit) => hit.sentence.text)).toEqual(["社保卡补领实行全程网办。"]);
  });

  it("search options.documentIds keeps to the documents named", () => {
    const hits = index.search(["补领"], { k: 10, documentIds: new Set(["faq:card", "policy:plan"]) });
    expect(hits.map((hit) => hit.sentence.chunk.documentId).sort()).toEqual(["faq:card", "policy:plan"]);
  });

  it("search options.k caps the hits", () => {
    expect(index.search(["社保卡"], { k: 2 })).toHaveLength(2);
  });

  it("idf weighs a rare word above a common one, and an unseen word no more than a rare one", () => {
    expect(index.idf("户口簿")).toBeGreaterThan(index.idf("补领"));
    expect(index.idf("补领")).toBeGreaterThan(0);
    expect(index.idf("火星")).toBeLessThanOrEqual(index.idf("户口簿"));
    expect(index.idf("火星")).toBeGreaterThan(0);
  });

  it("knows the words some sentence holds", () => {
    expect(index.knows("户口簿")).toBe(true);
    expect(index.knows("火星")).toBe(false);
  });
});
