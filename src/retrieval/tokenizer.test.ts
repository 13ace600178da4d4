import { describe, expect, it } from "vitest";
import { createTokenizer } from "./tokenizer.js";

describe("createTokenizer", () => {
  it("drops stopwords and punctuation", () => {
    const tokens = createTokenizer().tokenize("请问，宝宝刚出生要办哪些手续？");
    expect(tokens).toContain("宝宝");
    expect(tokens).toContain("出生");
    expect(tokens).not.toContain("哪些");
    expect(tokens).not.toContain("？");
    expect(tokens).not.toContain("，");
  });

  it("gives traditional and simplified text the same tokens", () => {
    const tokenizer = createTokenizer();
    expect(tokenizer.tokenize("開辦餐飲店要什麼證")).toEqual(tokenizer.tokenize("开办餐饮店要什么证"));
  });

  it("options.customWords keeps catalog words whole", () => {
    const plain = createTokenizer().tokenize("我想办水电气网联合报装");
    const custom = createTokenizer({ customWords: ["水电气网联合报装"] }).tokenize("我想办水电气网联合报装");
    expect(plain).not.toContain("水电气网联合报装");
    expect(custom).toContain("水电气网联合报装");
  });

  it("tells the words the catalog added from the dictionary's own", () => {
    const tokenizer = createTokenizer({ customWords: ["社保卡坏了"] });
    expect(tokenizer.isCatalogWord("社保卡坏了")).toBe(true);
    expect(tokenizer.isWord("紫薇")).toBe(true);
    expect(tokenizer.isCatalogWord("紫薇")).toBe(false);
  });
});
