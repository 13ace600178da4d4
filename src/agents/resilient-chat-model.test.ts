import { describe, expect, it } from "vitest";
import type { ChatModel, RephraseInput, RephraseResult } from "./chat-model.js";
import { ChatModelError, createResilientChatModel } from "./resilient-chat-model.js";

const INPUT: RephraseInput = {
  question: "要多久",
  history: [],
  draft: { sentences: [], citations: [] },
  tools: {
    searchKnowledge: async () => [],
    getBundle: async () => null,
    buildChecklist: async () => null,
  },
};
const OK: RephraseResult = { sentences: [{ text: "好的。", citationIds: [] }] };

type Behaviour = "ok" | "fail" | "hang" | "hang-ignoring-signal";

/** An inner model that records its calls and behaves as told, call by call. */
function fakeModel(...script: Behaviour[]) {
  const calls: { signal?: AbortSignal }[] = [];
  const model: ChatModel = {
    name: "fake",
    rephrase(_input, options) {
      calls.push({ signal: options?.signal });
      const behaviour = script.shift() ?? "ok";
      if (behaviour === "ok") return Promise.resolve(OK);
      if (behaviour === "fail") return Promise.reject(new Error("HTTP 500"));
      return new Promise((_, reject) => {
        if (behaviour === "hang") options?.signal?.addEventListener("abort", () => reject(options.signal?.reason));
      });
    },
  };
  return { model, calls };
}

function fakeClock(start = 1_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

async function errorOf(promise: Promise<unknown>): Promise<ChatModelError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ChatModelError);
  return error as ChatModelError;
}

describe("createResilientChatModel", () => {
  it("passes a successful answer through and keeps the circuit closed", async () => {
    const { model, calls } = fakeModel("ok");
    const resilient = createResilientChatModel(model, { timeoutMs: 1000 });
    await expect(resilient.rephrase(INPUT)).resolves.toEqual(OK);
    expect(resilient.name).toBe("fake");
    expect(resilient.state()).toBe("closed");
    expect(calls[0]?.signal).toBeInstanceOf(AbortSignal);
  });

  describe("options.timeoutMs", () => {
    it("aborts the inner call and fails with a timeout error", async () => {
      const { model, calls } = fakeModel("hang");
      const resilient = createResilientChatModel(model, { timeoutMs: 30 });
      const started = Date.now();
      const error = await errorOf(resilient.rephrase(INPUT));
      expect(error.code).toBe("timeout");
      expect(Date.now() - started).toBeLessThan(1000);
      expect(calls[0]?.signal?.aborted).toBe(true);
    });

    it("returns on time even when the inner model ignores the signal", async () => {
      const { model } = fakeModel("hang-ignoring-signal");
      const resilient = createResilientChatModel(model, { timeoutMs: 30 });
      expect((await errorOf(resilient.rephrase(INPUT))).code).toBe("timeout");
    });
  });

  it("wraps an inner failure in a ChatModelError with the cause", async () => {
    const { model } = fakeModel("fail");
    const resilient = createResilientChatModel(model, { timeoutMs: 1000 });
    const error = await errorOf(resilient.rephrase(INPUT));
    expect(error.code).toBe("failed");
    expect((error.cause as Error).message).toBe("HTTP 500");
  });

  describe("circuit breaker", () => {
    it("opens after failureThreshold consecutive failures and then fails fast without calling", async () => {
      const clock = fakeClock();
      const { model, calls } = fakeModel("fail", "fail", "fail");
      const resilient = createResilientChatModel(model, { timeoutMs: 1000, failureThreshold: 3, now: clock.now });
      for (let i = 0; i < 2; i++) await errorOf(resilient.rephrase(INPUT));
      expect(resilient.state()).toBe("closed");
      await errorOf(resilient.rephrase(INPUT));
      expect(resilient.state()).toBe("open");
      expect((await errorOf(resilient.rephrase(INPUT))).code).toBe("circuit_open");
      expect(calls).toHaveLength(3);
    });

    it("counts consecutive failures only: a success in between resets the count", async () => {
      const { model } = fakeModel("fail", "fail", "ok", "fail", "fail");
      const resilient = createResilientChatModel(model, { timeoutMs: 1000, failureThreshold: 3 });
      for (const expected of ["fail", "fail", "ok", "fail", "fail"]) {
        const outcome = resilient.rephrase(INPUT);
        if (expected === "ok") await outcome;
        else await errorOf(outcome);
      }
      expect(resilient.state()).toBe("closed");
    });

    it("timeouts count as failures", async () => {
      const { model } = fakeModel("hang", "hang");
      const resilient = createResilientChatModel(model, { timeoutMs: 20, failureThreshold: 2 });
      await errorOf(resilient.rephrase(INPUT));
      await errorOf(resilient.rephrase(INPUT));
      expect(resilient.state()).toBe("open");
    });

    it("lets one trial call through after resetAfterMs and closes when it succeeds", async () => {
      const clock = fakeClock();
      const { model, calls } = fakeModel("fail", "ok");
      const resilient = createResilientChatModel(model, {
        timeoutMs: 1000,
        failureThreshold: 1,
        resetAfterMs: 30_000,
        now: clock.now,
      });
      await errorOf(resilient.rephrase(INPUT));
      clock.advance(29_999);
      expect(resilient.state()).toBe("open");
      clock.advance(1);
      expect(resilient.state()).toBe("half_open");
      await expect(resilient.rephrase(INPUT)).resolves.toEqual(OK);
      expect(resilient.state()).toBe("closed");
      expect(calls).toHaveLength(2);
    });

    it("reopens for another resetAfterMs when the trial call fails", async () => {
      const clock = fakeClock();
      const { model, calls } = fakeModel("fail", "fail", "fail", "fail");
      const resilient = createResilientChatModel(model, {
        timeoutMs: 1000,
        failureThreshold: 3,
        resetAfterMs: 10_000,
        now: clock.now,
      });
      for (let i = 0; i < 3; i++) await errorOf(resilient.rephrase(INPUT));
      clock.advance(10_000);
      expect((await errorOf(resilient.rephrase(INPUT))).code).toBe("failed");
      expect(resilient.state()).toBe("open");
      clock.advance(5_000);
      expect((await errorOf(resilient.rephrase(INPUT))).code).toBe("circuit_open");
      expect(calls).toHaveLength(4);
    });

    it("lets only one trial call through at a time while half open", async () => {
      const clock = fakeClock();
      const { model, calls } = fakeModel("fail", "hang");
      const resilient = createResilientChatModel(model, { timeoutMs: 50, failureThreshold: 1, now: clock.now });
      await errorOf(resilient.rephrase(INPUT));
      clock.advance(30_000);
      const trial = resilient.rephrase(INPUT);
      expect((await errorOf(resilient.rephrase(INPUT))).code).toBe("circuit_open");
      expect((await errorOf(trial)).code).toBe("timeout");
      expect(calls).toHaveLength(2);
    });

    it("does not count a call the caller aborted itself", async () => {
      const { model } = fakeModel("hang");
      const resilient = createResilientChatModel(model, { timeoutMs: 1000, failureThreshold: 1 });
      const controller = new AbortController();
      const call = resilient.rephrase(INPUT, { signal: controller.signal });
      controller.abort(new Error("client went away"));
      await expect(call).rejects.toThrow("client went away");
      expect(resilient.state()).toBe("closed");
    });
  });
});
