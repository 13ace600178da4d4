import { describe, expect, it } from "vitest";
import { clusterQuestions } from "./cluster-questions.js";

const at = new Date("2026-12-01T10:00:00Z");

describe("clusterQuestions", () => {
  it("puts paraphrases of one question together and keeps different questions apart", () => {
    const clusters = clusterQuestions([
      { question: "灵活就业怎么交社保", count: 3, lastSeenAt: at },
      { question: "灵活就业人员社保怎么交", count: 2, lastSeenAt: at },
      { question: "灵活就业社保怎么交？", count: 1, lastSeenAt: at },
      { question: "护照过期了怎么换", count: 2, lastSeenAt: at },
      { question: "社保卡怎么办理", count: 1, lastSeenAt: at },
      { question: "护照怎么办理", count: 1, lastSeenAt: at },
    ]);
    expect(clusters).toEqual([
      {
        label: "灵活就业怎么交社保",
        count: 6,
        examples: ["灵活就业人员社保怎么交", "灵活就业社保怎么交？"],
        lastSeenAt: at,
      },
      { label: "护照过期了怎么换", count: 2, examples: [], lastSeenAt: at },
      { label: "社保卡怎么办理", count: 1, examples: [], lastSeenAt: at },
      { label: "护照怎么办理", count: 1, examples: [], lastSeenAt: at },
    ]);
  });

  it("orders clusters by their summed count, so many rare wordings can outrank one frequent one", () => {
    const clusters = clusterQuestions([
      { question: "公积金贷款额度", count: 3, lastSeenAt: at },
      { question: "狗证在哪办", count: 2, lastSeenAt: at },
      { question: "狗证去哪里办", count: 2, lastSeenAt: at },
    ]);
    expect(clusters.map((cluster) => [cluster.label, cluster.count])).toEqual([
      ["狗证在哪办", 4],
      ["公积金贷款额度", 3],
    ]);
  });
});
