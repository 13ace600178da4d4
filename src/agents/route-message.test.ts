import { describe, expect, it } from "vitest";
import type { Catalog } from "../catalog/index.js";
import type { Chunk, Retriever, SearchHit } from "../retrieval/index.js";
import { routeMessage } from "./route-message.js";

// A retriever that returns fixed hits: the router's decisions follow from what retrieval saw.
function retrieverOf(hits: SearchHit[]): Retriever {
  return {
    search: async () => ({ hits, expandedTerms: [], corrections: [], mentions: [] }),
    describe: () => ({ expandedTerms: [], corrections: [], mentions: [] }),
  };
}

function hit(kind: "bundle" | "matter", id: string, text: string, score: number, signals: SearchHit["signals"]) {
  const chunk: Chunk = {
    id: `${id}#0`,
    kind,
    documentId: `${kind}:${id}`,
    title: text.slice(0, 8),
    sectionPath: [],
    text,
    context: "",
    ...(kind === "bundle" ? { bundleId: id } : { matterId: id }),
  };
  return { chunk, score, snippet: text, signals };
}

// One bundle of two subsidies, and a matter of another bundle close behind.
const catalog = {
  bundles: new Map([
    [
      "disability-services",
      { matters: [{ matterId: "nursing-subsidy" }, { matterId: "living-subsidy" }], name: "残疾人服务“一件事”" },
    ],
  ]),
  matters: new Map([
    ["nursing-subsidy", { name: "重度残疾人护理补贴" }],
    ["living-subsidy", { name: "困难残疾人生活补贴" }],
    ["birth-registration", { name: "出生登记" }],
  ]),
} as unknown as Pick<Catalog, "bundles" | "matters">;

const group = (signals: SearchHit["signals"]) => [
  hit("bundle", "disability-services", "残疾人服务：残疾人证、生活补贴、护理补贴", 0.0167, signals),
  hit("matter", "nursing-subsidy", "重度残疾人护理补贴：为重度残疾人发放护理补贴", 0.0167, ["lexical", "dense"]),
  hit("matter", "birth-registration", "出生登记：新生儿落户", 0.0162, ["lexical", "dense"]),
  hit("matter", "living-subsidy", "困难残疾人生活补贴", 0.0161, ["lexical"]),
];

describe("routeMessage", () => {
  it("names a bundle when it and its own matters share the message's subject", async () => {
    const route = await routeMessage({
      retriever: retrieverOf(group(["lexical", "dense"])),
      catalog,
      message: "残疾人的护理补贴怎么申请",
      subjectWords: ["残疾人", "护理", "补贴"],
    });
    expect(route.decision).toBe("confident");
    expect(route.candidates[0]).toMatchObject({ kind: "bundle", id: "disability-services" });
  });

  it("does not take a group found through one passing word of the message for its subject", async () => {
    // 「购房补贴」 meets the disability subsidies on 补贴 alone.
    const route = await routeMessage({
      retriever: retrieverOf(group(["lexical", "dense"])),
      catalog,
      message: "研究生落户后买公寓能享受购房补贴吗",
      subjectWords: ["研究生", "落户", "公寓", "享受", "购房", "补贴"],
    });
    expect(route.decision).not.toBe("confident");
  });

  it("takes a group on one word when retrieval recognised the bundle's own name or alias", async () => {
    const route = await routeMessage({
      retriever: retrieverOf(group(["lexical", "dense", "entity"])),
      catalog,
      message: "想问问补贴",
      subjectWords: ["补贴"],
    });
    expect(route.candidates[0]).toMatchObject({ kind: "bundle", id: "disability-services" });
    expect(route.decision).toBe("confident");
  });

  it("puts a named bundle whose life event takes in another's before it, with its confidence", async () => {
    const events = {
      bundles: new Map([
        ["retirement", { matters: [{ matterId: "pension-approval" }], name: "退休“一件事”" }],
        [
          "after-death",
          { matters: [{ matterId: "death-benefits" }], name: "个人身后“一件事”", outranks: ["retirement"] },
        ],
      ]),
      matters: new Map([
        ["pension-approval", { name: "基本养老金核定发放" }],
        ["death-benefits", { name: "养老保险个人账户一次性待遇申领" }],
      ]),
    } as unknown as Pick<Catalog, "bundles" | "matters">;
    const found = (afterDeathSignals: SearchHit["signals"]) => [
      hit("bundle", "retirement", "退休：养老金核定发放", 0.03, ["lexical", "entity"]),
      hit("matter", "pension-approval", "基本养老金核定发放", 0.029, ["lexical", "entity"]),
      hit("bundle", "after-death", "个人身后：死亡证明、户口注销", 0.028, afterDeathSignals),
    ];
    const message = "俺家老爷子前天走了，他退休好些年了一直领着养老金。";
    const named = await routeMessage({
      retriever: retrieverOf(found(["entity", "lexical"])),
      catalog: events,
      message,
      eventTold: true,
    });
    expect(named.candidates.map((candidate) => candidate.id)).toEqual([
      "after-death",
      "retirement",
      "pension-approval",
    ]);
    expect(named.candidates[0]?.confidence).toBe(named.candidates[1]?.confidence);
    // Found only through shared words, not named by the message: the order stays.
    const unnamed = await routeMessage({
      retriever: retrieverOf(found(["lexical"])),
      catalog: events,
      message,
      eventTold: true,
    });
    expect(unnamed.candidates[0]?.id).toBe("retirement");
    // Named by a word the death lexicon has but no death told (「我爸身份证没了」): the order stays.
    const untold = await routeMessage({
      retriever: retrieverOf(found(["entity", "lexical"])),
      catalog: events,
      message: "我爸身份证没了，退休手续还能办吗",
    });
    expect(untold.candidates[0]?.id).toBe("retirement");
  });
});
