// PostgreSQL going away while the service runs, for real: a private database on the server of
// TEST_DATABASE_URL stops taking connections (open ones are ended) and later comes back. Meanwhile
// chat answers from the index without storing, search answers as before; afterwards chat stores
// again through the same pool, with no restart.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChatService, DEGRADED_NOTICES } from "../agents/index.js";
import type { Storage } from "../storage/index.js";
import { createCapturedLogger } from "../test-support/captured-logger.js";
import type { PrivateDatabase } from "../test-support/cluster-processes.js";
import { createOutageStorage, type OutageStorage } from "../test-support/outage-storage.js";
import { sharedChatKnowledge, sharedIndex } from "../test-support/shared-index.js";
import { createApp } from "./create-app.js";

const databaseUrl = process.env.TEST_DATABASE_URL?.trim() || undefined;
if (!databaseUrl)
  console.warn(
    "database outage suite SKIPPED because TEST_DATABASE_URL is not set " +
      "(e.g. TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test); it creates its own database there.",
  );

let outage: OutageStorage | undefined;
let database: PrivateDatabase;
let storage: Storage;
let app: ReturnType<typeof createApp>;
const log = createCapturedLogger("warn");

beforeAll(async () => {
  if (!databaseUrl) return;
  const { catalog, index } = await sharedIndex();
  outage = await createOutageStorage(databaseUrl, "banshi-outage-");
  ({ database, storage } = outage);
  const chat = createChatService({ knowledge: await sharedChatKnowledge(), storage, logger: log.logger });
  app = createApp({
    catalog,
    index,
    logger: log.logger,
    chat: { service: chat, storage, limits: { requestsPerMinute: 1000, sessionsPerHour: 1000 } },
    readiness: async () => ({ database: await storage.reachable() }),
  });
}, 120_000);

afterAll(async () => {
  await outage?.close();
});

const say = (message: string, sessionId?: string) =>
  request(app)
    .post("/api/chat")
    .send({ message, ...(sessionId ? { sessionId } : {}) });

const rowCount = async (table: "chat_sessions" | "chat_messages") =>
  (await database.query<{ count: number }>(`select count(*)::integer as count from ${table}`))[0]?.count;

describe.skipIf(!databaseUrl)("PostgreSQL unreachable while running (TEST_DATABASE_URL)", () => {
  it("keeps chat and search answering from the index, stores nothing, and stores again once it is back", async () => {
    const first = await say("宝宝刚出生要办哪些手续");
    expect(first.status).toBe(200);
    const sessionId = first.body.sessionId as string;
    expect(first.body.degraded).toBeUndefined();
    const [sessionsBefore, messagesBefore] = [await rowCount("chat_sessions"), await rowCount("chat_messages")];
    expect(messagesBefore).toBe(2);

    await database.refuseConnections();
    const ready = await request(app).get("/readyz");
    expect(ready.status).toBe(503);
    expect(ready.body.checks).toMatchObject({ database: false, index: true });

    // A new conversation: a grounded, cited answer, marked as not saved.
    const fresh = await say("食品经营许可要什么材料");
    expect(fresh.status).toBe(200);
    expect(fresh.body).toMatchObject({
      grounded: true,
      degraded: { reason: "not_saved", notice: DEGRADED_NOTICES.not_saved },
    });
    expect(fresh.body.answer.citations.length).toBeGreaterThan(0);
    expect(fresh.body.sessionId).toBeUndefined();

    // The running conversation cannot be loaded: answered as a new question, with a note.
    const continued = await say("食品经营许可要什么材料", sessionId);
    expect(continued.status).toBe(200);
    expect(continued.body).toMatchObject({
      grounded: true,
      degraded: { reason: "history_not_loaded", notice: DEGRADED_NOTICES.history_not_loaded },
    });

    // The stream carries the note as its own event too.
    const streamed = await say("退休要带什么材料").set("Accept", "text/event-stream");
    expect(streamed.status).toBe(200);
    expect(streamed.text).toMatch(/event: degraded\ndata: \{"reason":"not_saved"/);

    const search = await request(app).get("/api/search").query({ q: "食品经营许可 材料" });
    expect(search.status).toBe(200);
    expect(search.body.hits.length).toBeGreaterThan(0);

    const warnings = log.lines.filter((line) => line.includes("chat session store unreachable"));
    expect(warnings).toHaveLength(3);
    // In English, and without what the person asked.
    expect(warnings.join("")).not.toMatch(/食品|退休|宝宝/);

    await database.acceptConnections();
    expect((await request(app).get("/readyz")).status).toBe(200);
    // Nothing of the outage's turns was stored.
    expect([await rowCount("chat_sessions"), await rowCount("chat_messages")]).toEqual([
      sessionsBefore,
      messagesBefore,
    ]);

    // The same pool stores again: the old conversation continues where it was stored.
    const resumed = await say("我们结婚了", sessionId);
    expect(resumed.status).toBe(200);
    expect(resumed.body.degraded).toBeUndefined();
    expect(resumed.body.sessionId).toBe(sessionId);
    expect(await rowCount("chat_messages")).toBe(4);
  }, 120_000);

  it("stores a turn whole or not at all when PostgreSQL goes away between its statements", async () => {
    const [sessionsBefore, messagesBefore] = [await rowCount("chat_sessions"), await rowCount("chat_messages")];
    const turn = storage.conversationTransaction(async ({ sessions, messages }) => {
      const session = await sessions.create({ clientKey: "mid-turn" });
      await messages.append({ sessionId: session.id, role: "user", text: "退休要带什么材料" });
      // Gone between the person's message and the reply: the open connection is ended.
      await database.refuseConnections();
      await messages.append({ sessionId: session.id, role: "assistant", text: "……", grounded: true });
    });
    await expect(turn).rejects.toThrow();
    await database.acceptConnections();
    expect([await rowCount("chat_sessions"), await rowCount("chat_messages")]).toEqual([
      sessionsBefore,
      messagesBefore,
    ]);
  }, 60_000);
});
