import { describe, expect, it } from "vitest";
import { loadCatalog } from "../catalog/index.js";
import { KNOWLEDGE_DIR } from "../test-support/shared-index.js";
import type { DraftReply } from "./chat-reply.js";
import { flagRepealedPolicies, type PolicyDates } from "./flag-repealed-policies.js";

const citation = (documentId: string, title: string) => ({
  id: `${documentId}#1`,
  documentId,
  title,
  sectionPath: [],
  quote: "……",
});

function reply(script: "simplified" | "traditional" = "simplified"): DraftReply {
  return {
    mode: "extractive",
    intent: "consult",
    script,
    grounded: true,
    answer: {
      text: "根据文件，……",
      citations: [citation("policy:old-rule", "旧办法"), citation("matter:x", "某事项")],
      sentences: [{ text: "根据文件，……", citationIds: ["policy:old-rule#1"] }],
    },
  };
}

const policies = new Map<string, PolicyDates>([
  ["old-rule", { title: "旧办法", effective: "2020-01-01", repealed: "2025-06-01" }],
]);

describe("flagRepealedPolicies", () => {
  it("marks a policy repealed on or before the day, in its citation and with a notice before the answer", () => {
    const flagged = flagRepealedPolicies(reply(), policies, "2025-06-01");
    expect(flagged.answer.citations[0]?.title).toBe("旧办法（已于2025-06-01废止）");
    expect(flagged.answer.citations[1]?.title).toBe("某事项");
    expect(flagged.answer.text).toMatch(/^提示：《旧办法》已于2025-06-01废止，以下引用的规定不再有效/);
    expect(flagged.answer.sentences).toEqual(reply().answer.sentences);
  });

  it("leaves a policy in force as it is", () => {
    expect(flagRepealedPolicies(reply(), policies, "2025-05-31")).toEqual(reply());
  });

  it("marks a policy not yet in effect", () => {
    const flagged = flagRepealedPolicies(reply(), policies, "2019-12-31");
    expect(flagged.answer.citations[0]?.title).toBe("旧办法（自2020-01-01起施行）");
    expect(flagged.answer.text).toMatch(/尚未生效/);
  });

  it("writes the notice in the person's script", () => {
    const flagged = flagRepealedPolicies(reply("traditional"), policies, "2026-01-01");
    expect(flagged.answer.text).toMatch(/^提示：《舊辦法》已於2025-06-01廢止/);
  });
});

describe("flagRepealedPolicies for benefits", () => {
  const benefits = new Map([
    ["vat", { name: "小规模纳税人免征增值税", effective: { from: "2023-01-01", to: "2027-12-31" } }],
  ]);
  const citingBenefit = (): DraftReply => ({
    ...reply(),
    answer: { ...reply().answer, citations: [citation("benefit:vat", "小规模纳税人免征增值税")] },
  });

  it("marks a benefit whose period has ended, or not begun, and leaves one in force as it is", () => {
    expect(flagRepealedPolicies(citingBenefit(), undefined, "2027-12-31", benefits)).toEqual(citingBenefit());
    const ended = flagRepealedPolicies(citingBenefit(), undefined, "2028-01-01", benefits);
    expect(ended.answer.citations[0]?.title).toBe("小规模纳税人免征增值税（执行期已于2027-12-31结束）");
    expect(ended.answer.text).toMatch(/^提示：《小规模纳税人免征增值税》的执行期已于2027-12-31结束/);
    const early = flagRepealedPolicies(citingBenefit(), undefined, "2022-12-31", benefits);
    expect(early.answer.text).toMatch(/^提示：《小规模纳税人免征增值税》自2023-01-01起执行/);
  });
});

describe("flagRepealedPolicies with the bundled policies", () => {
  it("cites every bundled regulation as in force today, and as not yet in effect before its effective day", async () => {
    const catalog = await loadCatalog({ directory: KNOWLEDGE_DIR });
    for (const policy of catalog.policies.values()) {
      if (policy.kind !== "regulation") continue;
      const citing: DraftReply = {
        ...reply(),
        answer: { ...reply().answer, citations: [citation(`policy:${policy.id}`, policy.title)] },
      };
      expect(flagRepealedPolicies(citing, catalog.policies, "2026-12-05"), policy.id).toEqual(citing);
      const early = flagRepealedPolicies(citing, catalog.policies, "2021-01-01");
      expect(early.answer.citations[0]?.title, policy.id).toBe(`${policy.title}（自${policy.effective}起施行）`);
    }
  });
});
