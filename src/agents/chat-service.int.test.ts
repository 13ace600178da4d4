import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toSimplifiedChinese } from "../retrieval/index.js";
import { createStorage, type Storage } from "../storage/index.js";
import { type FakeOpenAiServer, startFakeOpenAiServer } from "../test-support/fake-openai-server.js";
import { sharedChatKnowledge } from "../test-support/shared-index.js";
import type { ChatModel } from "./chat-model.js";
import { createChatService } from "./chat-service.js";
import { createOpenAiChatModel } from "./openai-chat-model.js";
import { createResilientChatModel } from "./resilient-chat-model.js";

let storage: Storage;
let dataDir: string;
let server: FakeOpenAiServer;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "banshi-chat-llm-"));
  storage = await createStorage({ dataDir });
  server = await startFakeOpenAiServer();
});
afterAll(async () => {
  await storage.close();
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function serviceWith(chatModel?: ChatModel) {
  return createChatService({ knowledge: await sharedChatKnowledge(), storage, chatModel });
}

const QUESTION = "食品经营许可要什么材料";

describe("chat with an optional model", () => {
  it("uses the model's wording when every sentence is grounded, and says so in mode", async () => {
    const faithful: ChatModel = {
      name: "fake:faithful",
      async rephrase(input) {
        return {
          sentences: input.draft.sentences.map((sentence) => ({
            text: `您需要准备：${sentence.text}`,
            citationIds: sentence.citationIds,
          })),
        };
      },
    };
    const reply = await (await serviceWith(faithful)).reply({ message: QUESTION, clientKey: "llm" });
    expect(reply.mode).toBe("llm");
    expect(reply.answer.text).toMatch(/您需要准备/);
    expect(reply.answer.citations.length).toBeGreaterThan(0);
  });

  it("keeps a traditional writer's script when the model writes simplified", async () => {
    const simplifiedWriter: ChatModel = {
      name: "fake:simplified",
      async rephrase(input) {
        return {
          sentences: input.draft.sentences.map((sentence) => ({
            text: `您需要准备：${toSimplifiedChinese(sentence.text)}`,
            citationIds: sentence.citationIds,
          })),
        };
      },
    };
    const reply = await (await serviceWith(simplifiedWriter)).reply({
      message: "食品經營許可要什麼材料",
      clientKey: "llm-traditional",
    });
    expect(reply.mode).toBe("llm");
    expect(reply.script).toBe("traditional");
    expect(reply.answer.text).toMatch(/您需要準備/);
    expect(reply.answer.sentences.every((sentence) => sentence.text.includes("準備"))).toBe(true);
  });

  it("falls back to the extractive answer when the model invents a time limit", async () => {
    const inventive: ChatModel = {
      name: "fake:inventive",
      async rephrase(input) {
        return {
          sentences: [{ text: "食品经营许可3个工作日就能办好。", citationIds: [input.draft.citations[0]?.id ?? ""] }],
        };
      },
    };
    const reply = await (await serviceWith(inventive)).reply({ message: QUESTION, clientKey: "llm" });
    expect(reply.mode).toBe("extractive");
    expect(reply.answer.text).not.toMatch(/3个工作日/);
  });

  it("falls back to the extractive answer when the model fails", async () => {
    const broken: ChatModel = {
      name: "fake:broken",
      async rephrase() {
        throw new Error("connection reset");
      },
    };
    const reply = await (await serviceWith(broken)).reply({ message: QUESTION, clientKey: "llm" });
    expect(reply.mode).toBe("extractive");
    expect(reply.answer.citations.length).toBeGreaterThan(0);
  });

  it("talks to an OpenAI-compatible endpoint (fake server on 127.0.0.1) and falls back when it is down", async () => {
    const model = createResilientChatModel(
      createOpenAiChatModel({
        baseUrl: server.baseUrl,
        model: "fake-chat",
        apiKey: "test",
        timeoutMs: 2000,
        maxRetries: 0,
      }),
      { timeoutMs: 2000, failureThreshold: 1 },
    );
    server.scriptChat((body) => {
      // Echo the first evidence item back as one grounded sentence.
      const text = JSON.stringify(body.messages);
      const id = /matter:food-business-licence#materials/.test(text) ? "matter:food-business-licence#materials" : "";
      return {
        content: JSON.stringify({ sentences: [{ text: "需要准备开办餐饮店“一件事”联办申请表。", citations: [id] }] }),
      };
    });
    const service = await serviceWith(model);
    const first = await service.reply({ message: QUESTION, clientKey: "llm" });
    expect(first.mode).toBe("llm");
    expect(server.chatRequests().length).toBeGreaterThan(0);

    server.scriptChat({ status: 500 });
    const second = await service.reply({ message: QUESTION, clientKey: "llm" });
    expect(second.mode).toBe("extractive");
    expect(second.answer.citations.length).toBeGreaterThan(0);
  });

  it("cites a passage the model found with its search tool, and still drops what no quote supports", async () => {
    const model = createOpenAiChatModel({ baseUrl: server.baseUrl, model: "fake-chat", apiKey: "test", maxRetries: 0 });
    server.scriptChat(
      { toolCalls: [{ name: "search_knowledge", arguments: { query: "12345热线与110对接联动" } }] },
      (body) => {
        // The tool's answer is the last message: cite its first passage, and add one invented sentence.
        const messages = body.messages as { role: string; content: string }[];
        const found = JSON.parse(messages.at(-1)?.content ?? "[]") as { id: string; text: string }[];
        // A policy passage: nothing the extractive draft about 食品经营许可 cited.
        const passage = found.find((item) => item.id.startsWith("policy:")) ?? found[0];
        const quoted = (passage?.text.split(/[\n。]/u).find((line) => line.trim().length > 4) ?? "").trim();
        return {
          content: JSON.stringify({
            sentences: [
              { text: quoted, citations: [passage?.id ?? ""] },
              { text: "食品经营许可3个工作日就能办好。", citations: [passage?.id ?? ""] },
            ],
          }),
        };
      },
    );
    const reply = await (await serviceWith(model)).reply({ message: QUESTION, clientKey: "llm-tools" });
    expect(reply.mode).toBe("llm");
    const cited = reply.answer.sentences.flatMap((sentence) => sentence.citationIds);
    expect(cited.some((id) => id.startsWith("policy:"))).toBe(true);
    for (const id of cited) expect(reply.answer.citations.map((citation) => citation.id)).toContain(id);
    expect(reply.answer.text).not.toMatch(/3个工作日/);
    for (const sentence of reply.answer.sentences) {
      const quotes = reply.answer.citations.filter((citation) => sentence.citationIds.includes(citation.id));
      expect(quotes.some((citation) => citation.quote.includes(sentence.text))).toBe(true);
    }
  });
});
