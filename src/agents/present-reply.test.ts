import { describe, expect, it } from "vitest";
import { buildChecklist } from "../catalog/index.js";
import { sharedChatKnowledge } from "../test-support/shared-index.js";
import { MATERIALS, TIME } from "./__fixtures__/citations.js";
import { presentReply } from "./present-reply.js";
import type { TurnReply } from "./turn-reply.js";

const answer: TurnReply = {
  intent: "consult",
  script: "simplified",
  answer: {
    text: "根据《出生医学证明首次签发》：\n承诺办结时限：5个工作日",
    citations: [TIME, MATERIALS],
    sentences: [{ text: "承诺办结时限：5个工作日", citationIds: [TIME.id] }],
  },
  grounded: true,
};

const scenario: TurnReply = {
  intent: "route",
  script: "simplified",
  answer: {
    text: "为了告诉您需要办理的事项和材料，想先确认：孩子的父母是否已登记结婚？",
    citations: [],
    sentences: [],
  },
  scenario: {
    bundleId: "newborn",
    scenarioId: "parents-married",
    question: "孩子的父母是否已登记结婚？",
    help: "联办范围是婚内生育的新生儿。",
    options: [
      { value: "married", label: "已登记结婚" },
      { value: "unmarried", label: "未登记结婚" },
    ],
  },
  clarify: {
    question: "您想办理的是下面哪一项？",
    options: [{ id: "newborn", kind: "bundle", label: "新生儿出生“一件事”" }],
  },
  handoff: { channel: "12345", text: "如需人工帮助，可拨打12345政务服务便民热线。" },
  grounded: true,
};

describe("presentReply", () => {
  it("leaves a simplified reply as it is", () => {
    expect(presentReply(answer, "simplified")).toEqual(answer);
  });

  it("writes the text and the sentences in traditional for a traditional writer", () => {
    const reply = presentReply(answer, "traditional");
    expect(reply.script).toBe("traditional");
    expect(reply.answer.text).toBe("根據《出生醫學證明首次簽發》：\n承諾辦結時限：5個工作日");
    expect(reply.answer.sentences).toEqual([{ text: "承諾辦結時限：5個工作日", citationIds: [TIME.id] }]);
  });

  it("writes a quote from a source in traditional script in simplified for a simplified writer, citations as written", () => {
    const quoted: TurnReply = {
      ...answer,
      answer: {
        text: "根据《国务院关于加快推进政务服务标准化规范化便利化的指导意见》：\n推進政務服務事項實施清單標準化，能力顯著增強。",
        citations: [TIME],
        sentences: [{ text: "推進政務服務事項實施清單標準化，能力顯著增強。", citationIds: [TIME.id] }],
      },
    };
    const reply = presentReply(quoted, "simplified");
    expect(reply.answer.text).toBe(
      "根据《国务院关于加快推进政务服务标准化规范化便利化的指导意见》：\n推进政务服务事项实施清单标准化，能力显著增强。",
    );
    expect(reply.answer.sentences).toEqual([
      { text: "推进政务服务事项实施清单标准化，能力显著增强。", citationIds: [TIME.id] },
    ]);
    expect(reply.answer.citations).toEqual([TIME]);
    // A simplified sentence beside it is left as written (OpenCC would turn 显著 into 显着).
    const mixed: TurnReply = {
      ...quoted,
      answer: {
        ...quoted.answer,
        text: "实施成效显著。\n推進政務服務事項實施清單標準化。",
        sentences: [
          { text: "实施成效显著。", citationIds: [TIME.id] },
          { text: "推進政務服務事項實施清單標準化。", citationIds: [TIME.id] },
        ],
      },
    };
    expect(presentReply(mixed, "simplified").answer.text).toBe("实施成效显著。\n推进政务服务事项实施清单标准化。");
  });

  it("leaves the citations' quotes as the sources wrote them", () => {
    const reply = presentReply(answer, "traditional");
    expect(reply.answer.citations).toEqual([TIME, MATERIALS]);
  });

  it("writes the scenario question, its help and options, the clarify question and the handoff in traditional", () => {
    const reply = presentReply(scenario, "traditional");
    expect(reply.scenario).toEqual({
      bundleId: "newborn",
      scenarioId: "parents-married",
      question: "孩子的父母是否已登記結婚？",
      help: "聯辦範圍是婚內生育的新生兒。",
      options: [
        { value: "married", label: "已登記結婚" },
        { value: "unmarried", label: "未登記結婚" },
      ],
    });
    expect(reply.clarify).toEqual({
      question: "您想辦理的是下面哪一項？",
      options: [{ id: "newborn", kind: "bundle", label: "新生兒出生“一件事”" }],
    });
    expect(reply.handoff).toEqual({ channel: "12345", text: "如需人工幫助，可撥打12345政務服務便民熱線。" });
  });

  it("adds no scenario, clarify or handoff the reply did not have", () => {
    const reply = presentReply(answer, "traditional");
    expect(reply.scenario).toBeUndefined();
    expect(reply.clarify).toBeUndefined();
    expect(reply.handoff).toBeUndefined();
  });

  it("does not change the reply it is given", () => {
    const before = structuredClone(scenario);
    presentReply(scenario, "traditional");
    expect(scenario).toEqual(before);
  });

  it("writes the checklist card in traditional, leaving its citations as the sources wrote them", async () => {
    const { catalog } = await sharedChatKnowledge();
    const checklist = buildChecklist({ catalog, bundleId: "newborn", answers: { "parents-married": "married" } });
    const reply = presentReply({ ...answer, checklist }, "traditional");
    const card = reply.checklist;
    expect(card?.bundleName).toBe("新生兒出生“一件事”");
    expect(card?.materials.map((material) => material.name)).toContain("出生醫學證明");
    expect(card?.matters.map((matter) => matter.id)).toEqual(checklist.matters.map((matter) => matter.id));
    expect(card?.matters.map((matter) => matter.citation)).toEqual(checklist.matters.map((matter) => matter.citation));
    expect(card?.materials.map((material) => material.citations)).toEqual(
      checklist.materials.map((material) => material.citations),
    );
    expect(card?.materials.map((material) => material.form)).toEqual(
      checklist.materials.map((material) => material.form),
    );
  });
});
