import express from "express";
import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import type { Retriever, SearchOptions } from "../retrieval/index.js";
import { sharedIndex } from "../test-support/shared-index.js";
import { createSearchRouter, hitSource } from "./search-router.js";

/** The real retriever, recording each search it is asked for. */
async function recordingApp(cacheSize?: number, knowledgeVersion?: string) {
  const { catalog, index } = await sharedIndex();
  const searches: SearchOptions[] = [];
  const retriever: Retriever = {
    search(options) {
      searches.push(options);
      return index.retriever.search(options);
    },
    describe: (query) => index.retriever.describe(query),
  };
  const app = express();
  app.use("/api", createSearchRouter({ catalog, retriever, maxK: 20, cacheSize, knowledgeVersion }));
  return { app, searches };
}

const withoutTime = (body: Record<string, unknown>) => ({ ...body, tookMs: undefined });

describe("options.cacheSize", () => {
  beforeAll(() => sharedIndex());

  it("answers a repeated search with the same body without searching again", async () => {
    const { app, searches } = await recordingApp();
    const first = await request(app).get("/api/search").query({ q: "退休养老金怎么领", k: 5 });
    const second = await request(app).get("/api/search").query({ q: " 退休养老金怎么领 ", k: "5" });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(withoutTime(second.body)).toEqual(withoutTime(first.body));
    expect(second.body.tookMs).toEqual(expect.any(Number));
    expect(searches).toHaveLength(1);
  });

  it("searches again when any option differs", async () => {
    const { app, searches } = await recordingApp();
    await request(app).get("/api/search").query({ q: "退休养老金怎么领", k: 5 });
    await request(app).get("/api/search").query({ q: "退休养老金怎么领", k: 6 });
    await request(app).get("/api/search").query({ q: "退休养老金怎么领", k: 5, kind: "faq" });
    await request(app).get("/api/search").query({ q: "退休养老金怎么领", k: 5, collapse: "false" });
    expect(searches).toHaveLength(4);
  });

  it("keeps the most recently used answers and searches again for one it dropped", async () => {
    const { app, searches } = await recordingApp(2);
    for (const q of ["退休", "生育", "退休", "营业执照", "退休", "生育"])
      await request(app).get("/api/search").query({ q });
    // 退休 stays (used last but one each time); 生育 was dropped when 营业执照 came in.
    expect(searches.map((search) => search.query)).toEqual(["退休", "生育", "营业执照", "生育"]);
  });

  it("searches every time with 0", async () => {
    const { app, searches } = await recordingApp(0);
    await request(app).get("/api/search").query({ q: "退休" });
    await request(app).get("/api/search").query({ q: "退休" });
    expect(searches).toHaveLength(2);
  });
});

describe("the response body", () => {
  it("is the JSON of the search's hits, each passage's fields in SearchHit's order and absent ones left out", async () => {
    const { catalog, index } = await sharedIndex();
    const { app } = await recordingApp(0);
    const cases = [
      { q: "退休养老金怎么领", k: 5 },
      { q: "社报卡丢了怎么办" },
      { q: "国发〔2024〕3号 讲了什么", k: 8, collapse: "false" },
      { q: "营业执照", kind: "faq" },
      { q: '个体工商户 "引号" \\ 反斜杠' },
    ];
    for (const query of cases) {
      const response = await request(app).get("/api/search").query(query);
      const result = await index.retriever.search({
        query: query.q.trim(),
        k: query.k ?? 10,
        kinds: query.kind ? [query.kind as "faq"] : undefined,
        collapse: query.collapse !== "false",
      });
      const expected = {
        query: query.q.trim(),
        expandedTerms: result.expandedTerms,
        corrections: result.corrections,
        hits: result.hits.map(({ chunk, score, snippet, signals }) => ({
          id: chunk.id,
          kind: chunk.kind,
          title: chunk.title,
          snippet,
          score: Number(score.toFixed(6)),
          signals,
          source: hitSource(chunk, catalog.policies),
        })),
      };
      expect(response.status).toBe(200);
      if (query.q.startsWith("国发")) expect(expected.hits.some((hit) => hit.source.number)).toBe(true);
      expect(response.text.replace(/,"tookMs":[^,}]+\}$/u, "}")).toBe(JSON.stringify(expected));
    }
  });
});

describe("the ETag", () => {
  beforeAll(() => sharedIndex());

  /** A search for `q`, then one for `then` with the first answer's ETag in If-None-Match. */
  async function searchAgain(app: express.Express, q: string, then = q) {
    const first = await request(app).get("/api/search").query({ q });
    const second = await request(app)
      .get("/api/search")
      .query({ q: then })
      .set("If-None-Match", first.headers.etag as string);
    return { first, second };
  }

  for (const cacheSize of [undefined, 0]) {
    it(`is the same for a repeated search although tookMs differs (cacheSize ${cacheSize ?? "default"})`, async () => {
      const { app } = await recordingApp(cacheSize);
      const first = await request(app).get("/api/search").query({ q: "退休养老金怎么领", k: 5 });
      const second = await request(app).get("/api/search").query({ q: "退休养老金怎么领", k: 5 });
      expect(first.headers.etag).toMatch(/^W\/"[\w-]+"$/);
      expect(second.headers.etag).toBe(first.headers.etag);
    });
  }

  it("answers 304 without a body to a repeated search with If-None-Match", async () => {
    const { first, second: again } = await searchAgain((await recordingApp()).app, "社保卡丢了怎么办");
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
    expect(again.headers.etag).toBe(first.headers.etag);
  });

  it("differs for a different query, and answers it in full despite the other's If-None-Match", async () => {
    const { first, second: other } = await searchAgain((await recordingApp()).app, "社保卡丢了怎么办", "营业执照");
    expect(other.status).toBe(200);
    expect(other.body.query).toBe("营业执照");
    expect(other.headers.etag).not.toBe(first.headers.etag);
  });

  it("differs for another knowledge version with the same hits (options.knowledgeVersion)", async () => {
    const query = { q: "退休养老金怎么领" };
    const older = await request((await recordingApp(undefined, "aaaaaaaaaaaa")).app)
      .get("/api/search")
      .query(query);
    const newer = await request((await recordingApp(undefined, "bbbbbbbbbbbb")).app)
      .get("/api/search")
      .query(query);
    expect(withoutTime(newer.body)).toEqual(withoutTime(older.body));
    expect(newer.headers.etag).not.toBe(older.headers.etag);
  });
});
