// GET /api/search answers as it did when the fixture was recorded, byte for byte (apart from
// `tookMs`), for every question of the retrieval dataset, the same with a number appended (as
// `npm run bench:http` asks them) and searches with filters, k, collapse, traditional text,
// typos and document numbers: speed work on the search path must not change an answer.
//
// The fixture belongs to one version of the knowledge base (its content hash): after a knowledge
// edit the test is skipped. Re-record it on a commit whose search is known to be right, before
// changing the search path: `UPDATE_SEARCH_FIXTURE=1 npx vitest run src/http/search-responses.test.ts`.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import express from "express";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { loadRetrievalCases } from "../../evals/retrieval/dataset.js";
import { sharedIndex } from "../test-support/shared-index.js";
import { createSearchRouter } from "./search-router.js";

const FIXTURE = path.join(import.meta.dirname, "__fixtures__/search-responses.json");
const DATASET = path.resolve(import.meta.dirname, "../../evals/datasets/retrieval.jsonl");

interface Recorded {
  contentHash: string;
  /** Each search's query string and the SHA-256 of its body without `tookMs`. */
  answers: { query: Record<string, string>; sha256: string }[];
}

async function searches(): Promise<Record<string, string>[]> {
  const questions = (await loadRetrievalCases(DATASET)).map((item) => item.query);
  return [
    ...questions.map((q) => ({ q })),
    ...questions.filter((_, i) => i % 3 === 0).map((q, i) => ({ q: `${q} ${1000 + i}` })),
    ...questions.filter((_, i) => i % 10 === 0).map((q) => ({ q, k: "20", collapse: "false" })),
    ...questions.filter((_, i) => i % 20 === 0).map((q) => ({ q, kind: "faq,policy" })),
    { q: "退休养老金怎么领", bundleId: "retirement" },
    { q: "营业执照", matterId: "business-license" },
    { q: "社報卡丟了怎麼辦" },
    { q: "社报卡丢了怎么办" },
    { q: "退修要带什么" },
    { q: "国发〔2024〕3号 讲了什么", k: "8", collapse: "false" },
    { q: "ＡＢＣ　全角 Test 123" },
    { q: '个体工商户 "引号" \\ 反斜杠' },
    { q: "？？？" },
  ];
}

const digest = (body: string) =>
  createHash("sha256")
    .update(body.replace(/,"tookMs":[^,}]+\}$/u, "}"))
    .digest("hex");

async function answerAll(): Promise<Recorded> {
  const { catalog, index } = await sharedIndex();
  const app = express();
  app.use("/api", createSearchRouter({ catalog, retriever: index.retriever, maxK: 50, cacheSize: 0 }));
  const answers: Recorded["answers"] = [];
  for (const query of await searches()) {
    const response = await request(app).get("/api/search").query(query);
    expect(response.status).toBe(200);
    answers.push({ query, sha256: digest(response.text) });
  }
  return { contentHash: index.manifest.contentHash, answers };
}

if (process.env.UPDATE_SEARCH_FIXTURE) writeFileSync(FIXTURE, `${JSON.stringify(await answerAll(), null, 2)}\n`);
const recorded = JSON.parse(readFileSync(FIXTURE, "utf8")) as Recorded;
const { index } = await sharedIndex();

describe("GET /api/search", () => {
  it.skipIf(index.manifest.contentHash !== recorded.contentHash)(
    "answers every recorded search byte for byte as when recorded",
    async () => {
      const now = await answerAll();
      expect(now.answers.length).toBe(recorded.answers.length);
      expect(now.answers).toEqual(recorded.answers);
    },
  );
});
