import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempKnowledge } from "../test-support/temp-knowledge.js";
import { importCatalog } from "../catalog/import/index.js";
import type { SearchIndex } from "../retrieval/index.js";
import type { Storage } from "../storage/index.js";
import { type ChatService, createChatService } from "./index.js";

// Matters imported from an authority's export are searched, routed and answered like hand-written ones.
const SAMPLE = path.resolve(import.meta.dirname, "../../docs/catalog-import/guide-export.sample.xlsx");

let work: string;
let storage: Storage;
let index: SearchIndex;
let chat: ChatService;

beforeAll(async () => {
  const temp = await createTempKnowledge("imported", async (knowledge) => {
    const imported = await importCatalog({ file: SAMPLE, knowledgeDirectory: knowledge });
    expect(imported.ok).toBe(true);
  });
  ({ work, storage, index } = temp);
  chat = createChatService({ knowledge: temp.chat, storage });
}, 240_000);
afterAll(async () => {
  await storage?.close();
  await rm(work, { recursive: true, force: true });
});

describe("imported matters", () => {
  it("are found by search under their name", async () => {
    const { hits } = await index.retriever.search({ query: "公共场所卫生许可怎么办", k: 5 });
    expect(hits[0]?.chunk.documentId).toBe("matter:matter-sample-002");
  });

  it("are routed to from a colloquial alias", async () => {
    const reply = await chat.reply({ message: "我想办狗证", clientKey: "imported-route" });
    const ids = [
      ...(reply.route?.candidates ?? []).map((candidate) => candidate.id),
      ...(reply.clarify?.options ?? []).map((option) => option.id),
      ...reply.answer.citations.map((citation) => citation.documentId),
    ];
    expect(ids.some((id) => id.includes("matter-sample-001"))).toBe(true);
  });

  it("are answered with their materials, citing the imported guide", async () => {
    const reply = await chat.reply({ message: "养犬登记需要什么材料", clientKey: "imported-answer" });
    expect(reply.grounded).toBe(true);
    expect(reply.answer.text).toContain("犬只狂犬病免疫证明");
    expect(reply.answer.citations.some((citation) => citation.documentId === "matter:matter-sample-001")).toBe(true);
  });

  it("answer their time limit", async () => {
    const reply = await chat.reply({ message: "临时占用城市道路许可多久能办好", clientKey: "imported-time" });
    expect(reply.grounded).toBe(true);
    expect(reply.answer.text).toMatch(/3个工作日/);
  });
});
