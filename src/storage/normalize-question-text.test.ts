import { describe, expect, it } from "vitest";
import { normalizeQuestionText } from "./normalize-question-text.js";

describe("normalizeQuestionText", () => {
  it("treats full-width, spacing and punctuation variants of a question as the same", () => {
    const variants = ["退休要带什么？", "退休 要带什么", " 退休要带什么?! ", "退休，要带什么。"];
    expect(new Set(variants.map(normalizeQuestionText))).toEqual(new Set(["退休要带什么"]));
  });

  it("folds full-width Latin letters and digits and ignores case", () => {
    expect(normalizeQuestionText("ＩＤ卡 １２３")).toBe(normalizeQuestionText("id卡123"));
  });

  it("keeps a question made only of punctuation rather than folding it to nothing", () => {
    expect(normalizeQuestionText(" ？？ ")).toBe("？？");
  });
});
