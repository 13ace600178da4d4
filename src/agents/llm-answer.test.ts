import { describe, expect, it } from "vitest";
import { MATERIALS, TIME } from "./__fixtures__/citations.js";
import type { ChatModel, ChatModelTools, RephraseInput, RephraseResult } from "./chat-model.js";
import { overlap, rephraseGrounded } from "./llm-answer.js";
import { ChatModelError } from "./resilient-chat-model.js";

const DRAFT = {
  sentences: [
    { text: "承诺办结时限：5个工作日", citationIds: [TIME.id] },
    { text: "出生医学证明（原件）", citationIds: [MATERIALS.id] },
  ],
  citations: [TIME, MATERIALS],
};
const TOOLS: ChatModelTools = {
  searchKnowledge: async () => [],
  getBundle: async () => null,
  buildChecklist: async () => null,
};

/** A model that answers as told and records what it was given. */
function fakeModel(answer: RephraseResult | Error): ChatModel & { inputs: RephraseInput[] } {
  const inputs: RephraseInput[] = [];
  return {
    name: "fake",
    inputs,
    async rephrase(input) {
      inputs.push(input);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

const ask = (model: ChatModel) =>
  rephraseGrounded({ model, question: "出生医学证明多久能办好", history: [], draft: DRAFT, tools: TOOLS });

describe("rephraseGrounded", () => {
  it("keeps a faithful rephrase and names the model's mode", async () => {
    const model = fakeModel({
      sentences: [
        { text: "出生医学证明承诺在5个工作日内办结，而且不收费。", citationIds: [TIME.id] },
        { text: "办理出生登记时请带上出生医学证明原件。", citationIds: [MATERIALS.id] },
      ],
    });
    const result = await ask(model);
    expect(result).toMatchObject({ mode: "llm", dropped: 0 });
    expect(result.error).toBeUndefined();
    expect(result.sentences.map((sentence) => sentence.text)).toEqual([
      "出生医学证明承诺在5个工作日内办结，而且不收费。",
      "办理出生登记时请带上出生医学证明原件。",
    ]);
    expect(result.citations).toEqual([TIME, MATERIALS]);
  });

  it("gives the model the question, the history and the draft with its citations", async () => {
    const model = fakeModel({ sentences: [] });
    const history = [{ role: "user" as const, text: "宝宝刚出生" }];
    await rephraseGrounded({ model, question: "要多久", history, draft: DRAFT, tools: TOOLS });
    expect(model.inputs[0]).toMatchObject({ question: "要多久", history, draft: DRAFT, tools: TOOLS });
  });

  it("drops a sentence with a number its quote does not contain (3个工作日 where the quote says 5)", async () => {
    const result = await ask(
      fakeModel({
        sentences: [
          { text: "出生医学证明3个工作日就能办好。", citationIds: [TIME.id] },
          { text: "出生医学证明承诺5个工作日内办结。", citationIds: [TIME.id] },
        ],
      }),
    );
    expect(result.mode).toBe("llm");
    expect(result.dropped).toBe(1);
    expect(result.sentences).toEqual([{ text: "出生医学证明承诺5个工作日内办结。", citationIds: [TIME.id] }]);
    expect(result.citations).toEqual([TIME]);
  });

  it("drops a sentence citing nothing, or only ids that are not in the draft", async () => {
    const result = await ask(
      fakeModel({
        sentences: [
          { text: "出生医学证明承诺5个工作日内办结。", citationIds: [] },
          { text: "出生医学证明承诺5个工作日内办结，不收费。", citationIds: ["policy:invented#1"] },
          { text: "办理出生登记要带出生医学证明原件。", citationIds: ["policy:invented#1", MATERIALS.id] },
        ],
      }),
    );
    expect(result.dropped).toBe(2);
    expect(result.sentences).toEqual([{ text: "办理出生登记要带出生医学证明原件。", citationIds: [MATERIALS.id] }]);
    expect(result.citations).toEqual([MATERIALS]);
  });

  it("drops a sentence naming a material its quote never mentions, even without a number", async () => {
    const result = await ask(
      fakeModel({
        sentences: [
          { text: "还需要带户口簿和结婚证。", citationIds: [MATERIALS.id] },
          { text: "请带上出生医学证明原件。", citationIds: [MATERIALS.id] },
        ],
      }),
    );
    expect(result.dropped).toBe(1);
    expect(result.sentences.map((sentence) => sentence.text)).toEqual(["请带上出生医学证明原件。"]);
  });

  it("answers with the draft unchanged when every sentence is dropped", async () => {
    const result = await ask(
      fakeModel({
        sentences: [
          { text: "出生医学证明3个工作日就能办好。", citationIds: [TIME.id] },
          { text: "您好，很高兴为您服务。", citationIds: [] },
        ],
      }),
    );
    expect(result).toEqual({
      mode: "extractive",
      sentences: DRAFT.sentences,
      citations: DRAFT.citations,
      dropped: 2,
      error: "no_supported_sentence",
    });
  });

  it("answers with the draft when the model returns no sentences", async () => {
    expect(await ask(fakeModel({ sentences: [] }))).toMatchObject({ mode: "extractive", dropped: 0 });
  });

  it("answers with the draft and the reason when the model throws", async () => {
    const result = await ask(fakeModel(new Error("connect ECONNREFUSED 127.0.0.1:9")));
    expect(result).toMatchObject({ mode: "extractive", sentences: DRAFT.sentences, citations: DRAFT.citations });
    expect(result.error).toBe("failed: connect ECONNREFUSED 127.0.0.1:9");
  });

  it("names the code of a ChatModelError (timeout, open circuit)", async () => {
    const timeout = await ask(fakeModel(new ChatModelError("timeout", "fake did not answer within 100 ms")));
    expect(timeout).toMatchObject({ mode: "extractive", error: "timeout: fake did not answer within 100 ms" });
    const open = await ask(fakeModel(new ChatModelError("circuit_open", "fake is unavailable")));
    expect(open.error).toMatch(/^circuit_open/);
  });

  it("does not call the model when the draft has nothing grounded to rephrase", async () => {
    const model = fakeModel({ sentences: [] });
    const result = await rephraseGrounded({
      model,
      question: "今天天气",
      history: [],
      draft: { sentences: [], citations: [] },
      tools: TOOLS,
    });
    expect(result).toMatchObject({ mode: "extractive", error: "empty_draft" });
    expect(model.inputs).toHaveLength(0);
  });
});

describe("overlap", () => {
  it("is the share of the sentence's Han character pairs found in a quote", () => {
    expect(overlap("出生医学证明", ["出生医学证明（原件）"])).toBe(1);
    expect(overlap("户口簿", ["出生医学证明（原件）"])).toBe(0);
    expect(overlap("OK", [])).toBe(1);
  });
});
