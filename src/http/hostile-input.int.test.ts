// Text a database cannot store (NUL, lone surrogates) sent through every endpoint: each answers in
// the usual error shape with a 4xx, and no error body ever carries SQL, a stack or a file path.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import express from "express";
import { pino } from "pino";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChatService, createKnowledgeBase } from "../agents/index.js";
import { loadBenefits } from "../catalog/index.js";
import { AppError } from "../errors.js";
import { createLocalCaseFileStore } from "../prereview/case-files/index.js";
import { makePdf } from "../prereview/intake/__fixtures__/make-pdf.js";
import { createFakePipeline } from "../prereview/queue/__fixtures__/fake-pipeline.js";
import { type CaseService, createCaseService } from "../prereview/cases/index.js";
import { createStorage, type Storage } from "../storage/index.js";
import { KNOWLEDGE_DIR, sharedChatKnowledge, sharedIndex } from "../test-support/shared-index.js";
import { createApp } from "./create-app.js";
import { errorHandler } from "./error-handler.js";

const ADMIN = "hostile-admin-token-0123456789";
const CLERK = "hostile-clerk-token-0123456789";
let app: ReturnType<typeof createApp>;
let storage: Storage;
let cases: CaseService;
let dataDir: string;
let caseId: string;
let sessionId: string;

/** What an error body must never show: SQL, a stack frame, a file path. */
const LEAK =
  /\b(?:select|insert into|update \w+ set|delete from|query failed)\b|\n\s+at |node_modules|\/work\/|\/tmp\/|\.ts:\d+/i;
const BAD_TEXTS = { nul: "a\u0000b", "lone high surrogate": "a\ud800b", "lone low surrogate": "\udc00" };

beforeAll(async () => {
  const { catalog, index } = await sharedIndex();
  dataDir = await mkdtemp(path.join(tmpdir(), "banshi-hostile-"));
  storage = await createStorage({ dataDir });
  const fileStore = createLocalCaseFileStore({ directory: path.join(dataDir, "prereview") });
  const pipeline = createFakePipeline();
  cases = createCaseService({
    pipeline,
    storage,
    fileStore,
    renderNotice: () => ({ text: "告知单", html: "<p>告知单</p>" }),
  });
  await cases.start({ sweep: false });
  const chatKnowledge = await sharedChatKnowledge();
  const service = createChatService({ knowledge: chatKnowledge, storage });
  // The sample knowledge as it is: a reload finds it unchanged and builds nothing.
  const base = createKnowledgeBase({
    directory: KNOWLEDGE_DIR,
    dataDir,
    initial: { catalog, index, chat: chatKnowledge },
  });
  app = createApp({
    catalog,
    benefits: await loadBenefits({ directory: KNOWLEDGE_DIR, catalog }),
    index,
    logger: pino({ level: "silent" }),
    adminToken: ADMIN,
    chat: { service, storage, adminToken: ADMIN, limits: { requestsPerMinute: 10_000, sessionsPerHour: 10_000 } },
    knowledge: { base, versions: storage.knowledgeVersions, adminToken: ADMIN },
    stats: { storage, clerkTokens: [{ label: "hostile", token: CLERK }], adminToken: ADMIN },
    prereview: {
      cases,
      clerkTokens: [{ label: "hostile", token: CLERK }],
      limits: { submissionsPerHour: 10_000 },
    },
    prefill: { pipeline },
  });
  const created = await request(app)
    .post("/api/prereview")
    .field("bundleId", "retirement")
    .attach("files", makePdf(), "a.pdf");
  expect(created.status).toBe(202);
  caseId = created.body.caseId;
  const chat = await request(app).post("/api/chat").send({ message: "退休要办什么" });
  sessionId = chat.body.sessionId;
});

afterAll(async () => {
  await cases.stop();
  await storage.close();
  await rm(dataDir, { recursive: true, force: true });
});

type Send = (text: string) => request.Test;

/** Text for a path segment; a lone surrogate has no UTF-8 form, so it goes as the bytes a client would send (CESU-8). */
function segment(text: string): string {
  return [...text]
    .map((character) => {
      const code = character.charCodeAt(0);
      if (character.length === 1 && code >= 0xd800 && code <= 0xdfff)
        return `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
      return encodeURIComponent(character);
    })
    .join("");
}
const clerk = (call: request.Test) => call.set("Authorization", `Bearer ${CLERK}`);

/** Every route, each with the ways it takes text from a client. */
const ENDPOINTS: [string, Send][] = [
  ["GET /healthz", (text) => request(app).get("/healthz").query({ x: text })],
  ["GET /readyz", (text) => request(app).get("/readyz").query({ x: text })],
  ["GET /openapi.json", (text) => request(app).get("/openapi.json").query({ x: text })],
  ["GET /metrics", (text) => request(app).get("/metrics").query({ x: text }).set("Authorization", `Bearer ${ADMIN}`)],
  ["GET /api/search", (text) => request(app).get("/api/search").query({ q: text })],
  ["GET /api/bundles", (text) => request(app).get("/api/bundles").query({ x: text })],
  ["GET /api/bundles/{id}", (text) => request(app).get(`/api/bundles/${segment(text)}`)],
  [
    "GET /api/bundles/{id}/checklist",
    (text) => request(app).get("/api/bundles/newborn/checklist").query({ "parents-married": text }),
  ],
  [
    "POST /api/bundles/{id}/checklist",
    (text) =>
      request(app)
        .post("/api/bundles/newborn/checklist")
        .send({ answers: { "parents-married": text } }),
  ],
  ["GET /api/matters/{id}", (text) => request(app).get(`/api/matters/${segment(text)}`)],
  ["GET /api/policies/{id}", (text) => request(app).get(`/api/policies/${segment(text)}`)],
  [
    "POST /api/match",
    (text) =>
      request(app)
        .post("/api/match")
        .send({ profile: { birthDate: text } }),
  ],
  [
    "POST /api/clerk/match",
    (text) => clerk(request(app).post("/api/clerk/match").set("Content-Type", "text/csv").send(`id,age\n${text},30\n`)),
  ],
  ["POST /api/chat", (text) => request(app).post("/api/chat").send({ message: text })],
  ["POST /api/chat (session)", (text) => request(app).post("/api/chat").send({ message: "你好", sessionId: text })],
  [
    "POST /api/feedback",
    (text) => request(app).post("/api/feedback").send({ sessionId, rating: "down", comment: text }),
  ],
  ["DELETE /api/sessions/{sessionId}", (text) => request(app).delete(`/api/sessions/${segment(text)}`)],
  [
    "GET /api/admin/unanswered",
    (text) => request(app).get("/api/admin/unanswered").query({ since: text }).set("Authorization", `Bearer ${ADMIN}`),
  ],
  [
    "GET /api/admin/stats",
    (text) => request(app).get("/api/admin/stats").query({ from: text }).set("Authorization", `Bearer ${ADMIN}`),
  ],
  [
    "GET /api/admin/stats (table)",
    (text) => clerk(request(app).get("/api/admin/stats").query({ format: "csv", table: text })),
  ],
  [
    "POST /api/admin/knowledge/reload",
    (text) =>
      request(app)
        .post("/api/admin/knowledge/reload")
        .query({ x: text })
        .send({ x: text })
        .set("Authorization", `Bearer ${ADMIN}`),
  ],
  [
    "GET /api/admin/knowledge",
    (text) => request(app).get("/api/admin/knowledge").query({ x: text }).set("Authorization", `Bearer ${ADMIN}`),
  ],
  [
    "POST /api/prereview (form)",
    (text) =>
      request(app)
        .post("/api/prereview")
        .field("bundleId", "retirement")
        .field("form", JSON.stringify({ name: text }))
        .attach("files", makePdf(), "a.pdf"),
  ],
  [
    "POST /api/prereview (scenario)",
    (text) =>
      request(app)
        .post("/api/prereview")
        .field("bundleId", "retirement")
        .field("scenario", JSON.stringify({ [text]: "x" }))
        .attach("files", makePdf(), "a.pdf"),
  ],
  [
    "POST /api/prereview (field)",
    (text) => request(app).post("/api/prereview").field("bundleId", text).attach("files", makePdf(), "a.pdf"),
  ],
  [
    "POST /api/prereview (file name)",
    (text) =>
      request(app).post("/api/prereview").field("bundleId", "retirement").attach("files", makePdf(), `${text}.pdf`),
  ],
  ["GET /api/prereview", (text) => clerk(request(app).get("/api/prereview").query({ status: text }))],
  ["GET /api/prereview/{caseId}", (text) => request(app).get(`/api/prereview/${caseId}`).query({ secret: text })],
  [
    "GET /api/prereview/{caseId}/notice",
    (text) => request(app).get(`/api/prereview/${caseId}/notice`).query({ secret: text }),
  ],
  ["GET /api/prereview/{caseId}/audit", (text) => clerk(request(app).get(`/api/prereview/${segment(text)}/audit`))],
  [
    "GET /api/prereview/{caseId}/files/{fileId}/pages/{page}",
    (text) => clerk(request(app).get(`/api/prereview/${caseId}/files/${segment(text)}/pages/1`)),
  ],
  [
    "POST /api/prereview/{caseId}/review",
    (text) =>
      clerk(
        request(app)
          .post(`/api/prereview/${caseId}/review`)
          .send({ decisions: [{ findingId: "finding-1", decision: "override", comment: text }] }),
      ),
  ],
  [
    "POST /api/prereview/{caseId}/prefill-confirmations",
    (text) =>
      clerk(
        request(app)
          .post(`/api/prereview/${caseId}/prefill-confirmations`)
          .send({ fields: [{ name: "name", value: text }] }),
      ),
  ],
  ["DELETE /api/prereview/{caseId}", (text) => clerk(request(app).delete(`/api/prereview/${segment(text)}`))],
  [
    "POST /api/prefill/pages/{page} (file name)",
    (text) => request(app).post("/api/prefill/pages/1").attach("files", makePdf(), `${text}.pdf`),
  ],
  [
    "POST /api/prefill (form)",
    (text) =>
      request(app)
        .post("/api/prefill")
        .send({ bundleId: "retirement", form: { name: text } }),
  ],
  ["POST /api/prefill (case)", (text) => clerk(request(app).post("/api/prefill").send({ caseId: text }))],
  ["POST /api/prefill (session)", (text) => request(app).post("/api/prefill").send({ sessionId: text })],
  [
    "POST /api/prefill (upload)",
    (text) =>
      request(app)
        .post("/api/prefill")
        .field("bundleId", "retirement")
        .field("form", JSON.stringify({ name: text }))
        .attach("files", makePdf(), "a.pdf"),
  ],
  ["GET /api/bundles/{id}/form", (text) => request(app).get(`/api/bundles/${segment(text)}/form`)],
  ["GET /api/matters/{id}/form", (text) => request(app).get(`/api/matters/${segment(text)}/form`)],
  [
    "POST /api/convert",
    (text) =>
      request(app)
        .post("/api/convert")
        .send({ texts: [text], to: "traditional" }),
  ],
  ["GET /guide/{kind}/{id}", (text) => request(app).get(`/guide/matter/${segment(text)}`)],
  ["GET /widget.js", (text) => request(app).get("/widget.js").query({ x: text })],
  ["GET /demo", (text) => request(app).get("/demo").query({ x: text })],
  ["GET /console", (text) => request(app).get("/console").query({ x: text })],
];

describe("unstorable text through every endpoint", () => {
  it("covers every path of the OpenAPI document", async () => {
    const document = (await request(app).get("/openapi.json")).body as { paths: Record<string, object> };
    const covered = new Set(ENDPOINTS.map(([name]) => name.replace(/ \(.*\)$/, "")));
    for (const [route, methods] of Object.entries(document.paths))
      for (const method of Object.keys(methods)) expect(covered).toContain(`${method.toUpperCase()} ${route}`);
  });

  for (const [what, text] of Object.entries(BAD_TEXTS))
    it.each(ENDPOINTS)(
      `%s with a ${what}: 4xx in the error shape, or ignored; never 5xx, never a leak`,
      async (_name, send) => {
        const response = await send(text);
        // An image answer (a page image) has no text.
        expect(response.status, (response.text ?? "").slice(0, 300)).toBeLessThan(500);
        if (response.status >= 400) {
          expect(response.body.error).toMatchObject({
            code: expect.any(String),
            message: expect.stringMatching(/[\u4e00-\u9fff]/),
          });
          expect(response.text).not.toMatch(LEAK);
        }
      },
    );

  it("refuses NUL in a chat message, a feedback comment and the form with the message that names it", async () => {
    for (const response of [
      await request(app).post("/api/chat").send({ message: "退休\u0000" }),
      await request(app).post("/api/feedback").send({ sessionId, rating: "down", comment: "\ud800" }),
      await request(app)
        .post("/api/prereview")
        .field("bundleId", "retirement")
        .field("form", '{"a":"\\u0000"}')
        .attach("files", makePdf(), "a.pdf"),
    ]) {
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/无法处理的字符/);
    }
    const stored = await request(app).get(`/api/prereview/${caseId}`).set("Authorization", `Bearer ${CLERK}`);
    expect(stored.status).toBe(200);
  });

  it("answers a fault with plain Chinese, keeping SQL and paths for the log", async () => {
    const logged: string[] = [];
    const faulty = express();
    faulty.get("/", () => {
      throw new AppError("internal", "query failed: insert into prereview_cases (id, secret_hash) values ($1, $2)", {
        cause: new Error("ENOENT: /work/data/db/base/1"),
      });
    });
    faulty.use((request, _response, next) => {
      (request as { log?: unknown }).log = {
        error: (details: unknown) => logged.push(JSON.stringify(details)),
        info: () => undefined,
      };
      next();
    });
    faulty.use(errorHandler);
    const response = await request(faulty).get("/");
    expect(response.status).toBe(500);
    expect(response.body.error).toMatchObject({ code: "internal", message: expect.stringMatching(/服务暂时出现问题/) });
    expect(response.text).not.toMatch(LEAK);
  });
});
