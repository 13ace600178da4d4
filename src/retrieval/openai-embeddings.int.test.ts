import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Catalog, loadCatalog } from "../catalog/index.js";
import { type FakeOpenAiServer, startFakeOpenAiServer } from "../test-support/fake-openai-server.js";
import { KNOWLEDGE_DIR } from "../test-support/shared-index.js";
import { createOpenAiEmbeddings } from "./openai-embeddings.js";
import { ensureSearchIndex } from "./ensure-search-index.js";

let server: FakeOpenAiServer;
let catalog: Catalog;
let dataDir: string;

beforeAll(async () => {
  server = await startFakeOpenAiServer();
  catalog = await loadCatalog({ directory: KNOWLEDGE_DIR });
  dataDir = await mkdtemp(path.join(tmpdir(), "banshi-openai-"));
});
afterAll(async () => {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("OpenAI-compatible embeddings (fake server on 127.0.0.1)", () => {
  it("builds the dense index through the endpoint and embeds queries with it", async () => {
    const embeddings = createOpenAiEmbeddings({ baseUrl: server.baseUrl, model: "fake-embed", apiKey: "test" });
    const { index, rebuilt } = await ensureSearchIndex({ catalog, dataDir, embeddings });
    expect(rebuilt).toBe(true);
    expect(index.manifest.embeddings).toBe(`openai:fake-embed@${server.baseUrl}`);
    expect(index.manifest.dimensions).toBe(64);
    const embedded = server.requests.filter((entry) => entry.path.endsWith("/embeddings"));
    expect(embedded.length).toBeGreaterThan(0);
    expect(embedded[0]?.body.model).toBe("fake-embed");

    const before = server.requests.length;
    const { hits } = await index.retriever.search({ query: "开办餐饮店", k: 3 });
    expect(server.requests.length).toBe(before + 1);
    expect(hits.some((hit) => hit.signals.includes("dense"))).toBe(true);
  });

  it("reloads the stored index for the same endpoint and model without re-embedding the corpus", async () => {
    const embeddings = createOpenAiEmbeddings({ baseUrl: server.baseUrl, model: "fake-embed", apiKey: "test" });
    const before = server.requests.length;
    const { rebuilt } = await ensureSearchIndex({ catalog, dataDir, embeddings });
    expect(rebuilt).toBe(false);
    expect(server.requests.length).toBe(before);
  });

  it("rebuilds when the model changes, since vectors of two models do not mix", async () => {
    const embeddings = createOpenAiEmbeddings({ baseUrl: server.baseUrl, model: "other-model", apiKey: "test" });
    const { rebuilt, reason } = await ensureSearchIndex({ catalog, dataDir, embeddings });
    expect({ rebuilt, reason }).toEqual({ rebuilt: true, reason: "stale" });
  });

  it("retries a failing endpoint and succeeds when it recovers", async () => {
    server.failNext(1, 500);
    const embeddings = createOpenAiEmbeddings({ baseUrl: server.baseUrl, model: "fake-embed", apiKey: "test" });
    await expect(embeddings.embedQuery("退休")).resolves.toHaveLength(64);
  });

  it("fails clearly when the endpoint cannot be reached", async () => {
    const embeddings = createOpenAiEmbeddings({ baseUrl: "http://127.0.0.1:9/v1", model: "x", timeoutMs: 2000 });
    await expect(embeddings.embedQuery("退休")).rejects.toThrow(/connect|ECONNREFUSED|Connection/i);
  });
});
