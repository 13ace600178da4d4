import { pino } from "pino";
import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import type { KnowledgeBase, KnowledgeSnapshot, ReloadResult } from "../agents/index.js";
import type { Catalog } from "../catalog/index.js";
import { sharedIndex } from "../test-support/shared-index.js";
import { createApp } from "./create-app.js";

const ADMIN = "admin-token-for-reload-0123456789";

/** A knowledge base whose next reload result the test sets; it records the calls. */
function fakeBase(first: KnowledgeSnapshot) {
  let snapshot = first;
  const calls: string[] = [];
  let next: ReloadResult = { status: "unchanged", version: first.version };
  const base: KnowledgeBase = {
    current: () => snapshot,
    status: () => ({ version: snapshot.version }),
    async reload({ actor }) {
      calls.push(actor);
      return next;
    },
    follow: async () => expect.unreachable("the router never follows"),
  };
  return {
    base,
    calls,
    setNext(result: ReloadResult) {
      next = result;
    },
    swap(to: KnowledgeSnapshot) {
      snapshot = to;
    },
  };
}

let fake: ReturnType<typeof fakeBase>;
let app: ReturnType<typeof createApp>;
let first: KnowledgeSnapshot;

beforeAll(async () => {
  const { catalog, index } = await sharedIndex();
  first = { catalog, index, chat: {} as KnowledgeSnapshot["chat"], benefits: new Map(), version: "aaaaaaaaaaaa" };
  fake = fakeBase(first);
  app = createApp({
    catalog,
    index,
    logger: pino({ level: "silent" }),
    knowledge: { base: fake.base, versions: { list: async () => [] }, adminToken: ADMIN },
  });
});

const reload = (token = ADMIN) =>
  request(app).post("/api/admin/knowledge/reload").set("Authorization", `Bearer ${token}`);

describe("POST /api/admin/knowledge/reload", () => {
  it("needs the admin token", async () => {
    const response = await reload("not-the-admin-token-0123456789abc");
    expect(response.status).toBe(401);
    expect(fake.calls).toEqual([]);
  });

  it("refuses a broken change with 422 and the validation report, naming the version still serving", async () => {
    fake.setNext({
      status: "invalid",
      issues: [{ file: "matters/x.yaml", field: "id", message: "expected a kebab-case id" }],
    });
    const response = await reload();
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({
      code: "unprocessable",
      message: expect.stringContaining("aaaaaaaaaaaa"),
      details: [{ file: "matters/x.yaml", field: "id", message: "expected a kebab-case id" }],
    });
    expect(fake.calls).toEqual(["admin"]);
  });

  it("answers 202 while the new version indexes, 409 while one is already building, 200 when nothing changed", async () => {
    fake.setNext({
      status: "building",
      version: "bbbbbbbbbbbb",
      done: Promise.resolve({ status: "swapped", version: "bbbbbbbbbbbb" }),
    });
    const started = await reload();
    expect(started.status).toBe(202);
    expect(started.body).toEqual({ status: "building", version: "bbbbbbbbbbbb", serving: "aaaaaaaaaaaa" });
    fake.setNext({ status: "busy", building: "bbbbbbbbbbbb" });
    expect((await reload()).status).toBe(409);
    fake.setNext({ status: "unchanged", version: "aaaaaaaaaaaa" });
    expect((await reload()).body).toEqual({ status: "unchanged", version: "aaaaaaaaaaaa" });
  });
});

describe("a swapped knowledge base", () => {
  it("is what the next request reads: health, status and guides", async () => {
    const matters = new Map(first.catalog.matters);
    matters.delete("food-business-licence");
    const smaller: Catalog = { ...first.catalog, matters };
    expect((await request(app).get("/api/matters/food-business-licence")).status).toBe(200);
    fake.swap({ ...first, catalog: smaller, index: { ...first.index }, version: "cccccccccccc" });
    const health = await request(app).get("/healthz");
    expect(health.body.catalog.matters).toBe(first.catalog.matters.size - 1);
    expect((await request(app).get("/api/matters/food-business-licence")).status).toBe(404);
    const status = await request(app).get("/api/admin/knowledge").set("Authorization", `Bearer ${ADMIN}`);
    expect(status.body).toMatchObject({
      version: "cccccccccccc",
      catalog: { matters: first.catalog.matters.size - 1 },
    });
    fake.swap(first);
  });
});
