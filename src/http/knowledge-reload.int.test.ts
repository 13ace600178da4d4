import { rm } from "node:fs/promises";
import path from "node:path";
import { pino } from "pino";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempKnowledge } from "../test-support/temp-knowledge.js";
import { createChatService, createKnowledgeBase } from "../agents/index.js";
import { importCatalog } from "../catalog/import/index.js";
import type { Catalog } from "../catalog/index.js";
import { buildSearchIndexInThread } from "../retrieval/index.js";
import type { Storage } from "../storage/index.js";
import { createApp } from "./create-app.js";

// A reload while requests are in flight, its index built in a worker thread as the service does:
// every request is answered, and the new catalog serves after.
const ADMIN = "admin-token-for-reload-int-0123456789";
const SAMPLE = path.resolve(import.meta.dirname, "../../docs/catalog-import/guide-export.sample.json");

let work: string;
let knowledge: string;
let storage: Storage;
let app: ReturnType<typeof createApp>;
/** Catalogs the worker thread indexed, and whether it built (rather than found) each index. */
const threadBuilds: { catalog: Catalog; rebuilt: boolean }[] = [];

beforeAll(async () => {
  const temp = await createTempKnowledge("reload-http");
  ({ work, knowledge, storage } = temp);
  const { dataDir, catalog, index, chat } = temp;
  const base = createKnowledgeBase({
    directory: knowledge,
    dataDir,
    initial: { catalog, index, chat },
    buildIndex: async (next) => {
      const built = await buildSearchIndexInThread({ catalog: next, dataDir });
      threadBuilds.push({ catalog: next, rebuilt: built.rebuilt });
    },
    recordVersion: (record) => storage.knowledgeVersions.record(record),
  });
  app = createApp({
    catalog,
    index,
    logger: pino({ level: "silent" }),
    chat: {
      service: createChatService({ knowledge: () => base.current().chat, storage }),
      storage,
      limits: { requestsPerMinute: 10_000, sessionsPerHour: 10_000 },
    },
    knowledge: { base, versions: storage.knowledgeVersions, adminToken: ADMIN },
  });
}, 240_000);
afterAll(async () => {
  await storage?.close();
  await rm(work, { recursive: true, force: true });
});

describe("POST /api/admin/knowledge/reload under traffic", () => {
  it("answers every request during the rebuild, then serves the imported matters under the new version", async () => {
    const admin = { Authorization: `Bearer ${ADMIN}` };
    const before = (await request(app).get("/api/admin/knowledge").set(admin)).body.version as string;
    expect((await request(app).get("/api/matters/matter-sample-002")).status).toBe(404);
    expect((await importCatalog({ file: SAMPLE, knowledgeDirectory: knowledge })).ok).toBe(true);

    const started = await request(app).post("/api/admin/knowledge/reload").set(admin);
    expect(started.status).toBe(202);
    const traffic = await Promise.all([
      ...Array.from({ length: 12 }, () => request(app).get("/api/search").query({ q: "退休要带什么", k: 3 })),
      ...Array.from({ length: 4 }, () => request(app).post("/api/chat").send({ message: "退休要带什么材料" })),
      ...Array.from({ length: 4 }, () => request(app).get("/healthz")),
    ]);
    expect(traffic.map((response) => response.status)).toEqual(traffic.map(() => 200));

    // /healthz is asked all through the build and the swap (the chat's sentence index is built in
    // slices on this thread): every probe is answered.
    const probes: number[] = [];
    await expect
      .poll(
        async () => {
          probes.push((await request(app).get("/healthz")).status);
          return (await request(app).get("/api/admin/knowledge").set(admin)).body.version;
        },
        { timeout: 120_000, interval: 100 },
      )
      .toBe(started.body.version);
    expect(probes.length).toBeGreaterThan(0);
    expect(probes.every((status) => status === 200)).toBe(true);
    expect(started.body.version).not.toBe(before);
    expect(threadBuilds.map((build) => [build.catalog.matters.has("matter-sample-002"), build.rebuilt])).toEqual([
      [true, true],
    ]);
    expect((await request(app).get("/api/matters/matter-sample-002")).status).toBe(200);
    const search = await request(app).get("/api/search").query({ q: "公共场所卫生许可", k: 3 });
    expect(search.body.hits[0].source.documentId).toBe("matter:matter-sample-002");
    const reply = await request(app).post("/api/chat").send({ message: "养犬登记需要什么材料" });
    expect(reply.body.knowledgeVersion).toBe(started.body.version);
    const status = await request(app).get("/api/admin/knowledge").set(admin);
    expect(status.body.history[0]).toMatchObject({ version: started.body.version, actor: "admin" });
  }, 240_000);
});
