// Every endpoint that needs PostgreSQL while a private database on the server of TEST_DATABASE_URL
// refuses connections: 503 `storage_unavailable` with a Chinese message, nothing written; once it is
// back, the same requests work through the same pool. (Chat and search during an outage are in
// database-outage.int.test.ts.)
import { PDFDocument } from "pdf-lib";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChatService } from "../agents/index.js";
import { loadBenefits } from "../catalog/index.js";
import { loadConfig } from "../config.js";
import { createPrereviewServices, type PrereviewServices } from "../create-services.js";
import { createFakePipeline } from "../prereview/queue/__fixtures__/fake-pipeline.js";
import { sampleBytes } from "../prereview/queue/__fixtures__/sample-files.js";
import type { Storage } from "../storage/index.js";
import { createCapturedLogger } from "../test-support/captured-logger.js";
import type { PrivateDatabase } from "../test-support/cluster-processes.js";
import { createOutageStorage, type OutageStorage } from "../test-support/outage-storage.js";
import { KNOWLEDGE_DIR, sharedChatKnowledge, sharedIndex } from "../test-support/shared-index.js";
import { PORTAL_TOKEN_HEADER } from "./chat-router.js";
import { createApp } from "./create-app.js";
import { createPortalToken } from "./portal-token.js";
import { prereviewRouterDependencies } from "./prereview-router.js";

const databaseUrl = process.env.TEST_DATABASE_URL?.trim() || undefined;
if (!databaseUrl)
  console.warn(
    "database outage endpoints suite SKIPPED because TEST_DATABASE_URL is not set " +
      "(e.g. TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test); it creates its own database there.",
  );

const CLERK = "outage-clerk-token-0123456789abcdef";
const ADMIN = "outage-admin-token-0123456789abcdef";
const PORTAL_SECRET = "outage-portal-secret-0123456789abcdef";
const STORAGE_UNAVAILABLE = "数据服务暂时不可用，本次操作没有完成，也没有保存任何内容，请稍后再试；咨询和检索不受影响";

let outage: OutageStorage | undefined;
let database: PrivateDatabase;
let storage: Storage;
let services: PrereviewServices | undefined;
let app: ReturnType<typeof createApp>;
const log = createCapturedLogger("warn");
const userToken = createPortalToken({ sub: "outage-user", exp: Math.floor(Date.now() / 1000) + 3600 }, PORTAL_SECRET);

beforeAll(async () => {
  if (!databaseUrl) return;
  const { catalog, index } = await sharedIndex();
  outage = await createOutageStorage(databaseUrl, "banshi-outage-endpoints-");
  ({ database, storage } = outage);
  const config = loadConfig({ DATA_DIR: outage.dataDir, KNOWLEDGE_DIR, CLERK_TOKENS: `wang:${CLERK}` });
  const created = await createPrereviewServices(config, log.logger, storage, catalog, {
    pipeline: createFakePipeline(),
  });
  if (!created) throw new Error("expected pre-review services");
  services = created;
  await services.start();
  const chat = createChatService({ knowledge: await sharedChatKnowledge(), storage, logger: log.logger });
  app = createApp({
    catalog,
    index,
    logger: log.logger,
    benefits: await loadBenefits({ directory: KNOWLEDGE_DIR, catalog }),
    chat: {
      service: chat,
      storage,
      adminToken: ADMIN,
      portalTokenSecret: PORTAL_SECRET,
      limits: { requestsPerMinute: 1000, sessionsPerHour: 1000 },
    },
    prereview: prereviewRouterDependencies(services.cases, config.prereview),
    prefill: { pipeline: services.pipeline, storage },
    stats: { storage, clerkTokens: config.prereview.clerkTokens, adminToken: ADMIN },
    storageReachable: () => storage.reachable(),
  });
}, 120_000);

afterAll(async () => {
  // Back before the pre-review services stop, so they stop as they would on a live database.
  await outage?.database.acceptConnections().catch(() => undefined);
  await services?.stop();
  await outage?.close();
});

/** A case the (fake) pipeline has finished, with one blank PDF page the clerk console can render. */
async function submitAndFinishCase(): Promise<{ caseId: string; secret: string }> {
  const pdf = await PDFDocument.create();
  pdf.addPage([200, 200]);
  const submitted = await request(app)
    .post("/api/prereview")
    .field("bundleId", "retirement")
    .attach("files", Buffer.from(await pdf.save()), "户口簿.pdf");
  expect(submitted.status).toBe(202);
  const { caseId, secret } = submitted.body as { caseId: string; secret: string };
  for (let attempt = 0; attempt < 600; attempt++) {
    const status = (await request(app).get(`/api/prereview/${caseId}`).set("X-Case-Secret", secret)).body.status;
    if (status === "done") return { caseId, secret };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("case did not finish");
}

const tableCounts = async () =>
  Object.fromEntries(
    await Promise.all(
      ["chat_sessions", "chat_messages", "feedback", "prereview_cases", "prereview_reviews", "audit_events"].map(
        async (table) =>
          [
            table,
            (await database.query<{ count: number }>(`select count(*)::integer as count from ${table}`))[0]?.count,
          ] as const,
      ),
    ),
  );

describe.skipIf(!databaseUrl)("endpoints that need PostgreSQL while it is unreachable (TEST_DATABASE_URL)", () => {
  it("answer 503 storage_unavailable in Chinese, write nothing, and work again once it is back", async () => {
    const chatted = await request(app)
      .post("/api/chat")
      .set(PORTAL_TOKEN_HEADER, userToken)
      .send({ message: "宝宝刚出生要办哪些手续" });
    expect(chatted.status).toBe(200);
    const { sessionId, messageId } = chatted.body as { sessionId: string; messageId: string };
    const { caseId, secret } = await submitAndFinishCase();

    // Each endpoint as a function, so the same request is sent during and after the outage.
    const clerk = { Authorization: `Bearer ${CLERK}` };
    const admin = { Authorization: `Bearer ${ADMIN}` };
    const calls = {
      feedback: () => request(app).post("/api/feedback").send({ sessionId, messageId, rating: "up" }),
      unanswered: () => request(app).get("/api/admin/unanswered").set(admin),
      stats: () => request(app).get("/api/admin/stats").query({ format: "json" }).set(admin),
      caseList: () => request(app).get("/api/prereview").set(clerk),
      caseRead: () => request(app).get(`/api/prereview/${caseId}`).set("X-Case-Secret", secret),
      caseNotice: () => request(app).get(`/api/prereview/${caseId}/notice`).query({ secret, format: "json" }),
      caseAudit: () => request(app).get(`/api/prereview/${caseId}/audit`).set(clerk),
      casePage: () => request(app).get(`/api/prereview/${caseId}/files/f1/pages/1`).set(clerk),
      prefillFromCase: () => request(app).post("/api/prefill").set("X-Case-Secret", secret).send({ caseId }),
      prefillFromSession: () =>
        request(app).post("/api/prefill").set(PORTAL_TOKEN_HEADER, userToken).send({ sessionId }),
      matchFromCase: () => request(app).post("/api/match").set("X-Case-Secret", secret).send({ caseId }),
      caseReview: () => request(app).post(`/api/prereview/${caseId}/review`).set(clerk).send({ outcome: "accepted" }),
      // Deletions last: once back, they remove what the requests above read.
      caseDelete: () => request(app).delete(`/api/prereview/${caseId}`).set(clerk),
      sessionDelete: () => request(app).delete(`/api/sessions/${sessionId}`).set(PORTAL_TOKEN_HEADER, userToken),
    };
    const before = await tableCounts();

    await database.refuseConnections();
    for (const [name, call] of Object.entries(calls)) {
      const response = await call();
      expect(response.status, `${name}: ${JSON.stringify(response.body)}`).toBe(503);
      expect(response.body).toEqual({
        error: { code: "storage_unavailable", message: STORAGE_UNAVAILABLE, requestId: expect.any(String) },
      });
    }
    // A submission keeps its own code and message (nothing stored either).
    const submission = await request(app)
      .post("/api/prereview")
      .field("bundleId", "retirement")
      .attach("files", sampleBytes.pdf, "户口簿.pdf");
    expect(submission.status).toBe(503);
    expect(submission.body.error.code).toBe("prereview_unavailable");
    // Endpoints that need no database still answer.
    expect((await request(app).get("/api/search").query({ q: "退休 材料" })).status).toBe(200);

    await database.acceptConnections();
    expect(await tableCounts()).toEqual(before);
    const expected: Record<keyof typeof calls, number> = {
      feedback: 201,
      unanswered: 200,
      stats: 200,
      caseList: 200,
      caseRead: 200,
      caseNotice: 200,
      caseAudit: 200,
      casePage: 200,
      prefillFromCase: 200,
      prefillFromSession: 200,
      matchFromCase: 200,
      caseReview: 201,
      caseDelete: 204,
      sessionDelete: 204,
    };
    for (const [name, call] of Object.entries(calls)) {
      const response = await call();
      expect(response.status, `${name}: ${JSON.stringify(response.body)}`).toBe(expected[name as keyof typeof calls]);
    }
    // The deletions took effect: the session is gone, the case is kept as deleted with its audit trail.
    expect(await tableCounts()).toMatchObject({ chat_sessions: 0, chat_messages: 0, feedback: 0 });
    const [stored] = await database.query<{ status: string }>("select status from prereview_cases where id = $1", [
      caseId,
    ]);
    expect(stored?.status).toBe("deleted");
  }, 120_000);

  it("keeps a storage fault while the database answers a 500 that does not tell its cause", async () => {
    // A statement that fails on its own (the table is gone) while the database answers.
    await database.query("alter table feedback rename to feedback_away");
    try {
      const response = await request(app).get("/api/admin/unanswered").set("Authorization", `Bearer ${ADMIN}`);
      expect(response.status).toBe(500);
      expect(response.body.error.code).toBe("internal");
      expect(JSON.stringify(response.body)).not.toMatch(/feedback|relation|select|insert/i);
    } finally {
      await database.query("alter table feedback_away rename to feedback");
    }
  }, 60_000);
});
