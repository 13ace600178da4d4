import { describe, expect, it } from "vitest";
import { expandAlternatives, LexiconEntrySchema } from "./lexicon.js";

describe("expandAlternatives", () => {
  it("stands a phrase with alternatives for every combination, in order", () => {
    expect(expandAlternatives("{爸|妈}…{走了|没了}")).toEqual(["爸…走了", "爸…没了", "妈…走了", "妈…没了"]);
    expect(expandAlternatives("后事")).toEqual(["后事"]);
    expect(expandAlternatives("刚{招|来}了")).toEqual(["刚招了", "刚来了"]);
  });
});

describe("LexiconEntrySchema", () => {
  it("expands alternatives in colloquial phrases, each phrase once", () => {
    const entry = LexiconEntrySchema.parse({
      colloquial: ["{老爷子|老太太}…没了", "老爷子…没了"],
      official: ["个人身后"],
      targets: ["after-death"],
    });
    expect(entry.colloquial).toEqual(["老爷子…没了", "老太太…没了"]);
  });

  it("refuses alternatives it cannot read: one option, an empty one, nesting or a lone brace", () => {
    for (const phrase of ["{爸}…走了", "{爸|}…走了", "{爸|{妈|哥}}…走了", "爸…走了}", "{爸|妈…走了"])
      expect(LexiconEntrySchema.safeParse({ colloquial: [phrase], official: ["死亡"] }).success, phrase).toBe(false);
  });
});
