// Deleted means unrecoverable: a case with known personal data is deleted, another reaches
// retention, a signed-in user deletes their conversation; after a clean stop, not one byte under
// DATA_DIR (database files, write-ahead log, file store, key store) holds the name, the ID number
// or the phone number, in UTF-8, UTF-16 or JSON-escaped form. Against PostgreSQL, the stored rows
// hold ciphertext only.
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pino } from "pino";
import request from "supertest";
import { afterAll, describe, expect, it } from "vitest";
import { createChatService } from "../agents/index.js";
import { createDataProtection, type DataProtection } from "../data-protection/index.js";
import {
  createLocalCaseFileStore,
  createRetentionSweeper,
  createSealedCaseFileStore,
} from "../prereview/case-files/index.js";
import type { PrereviewReport } from "../prereview/index.js";
import { cannedReport, createFakePipeline } from "../prereview/queue/__fixtures__/fake-pipeline.js";
import { createCaseService } from "../prereview/cases/index.js";
import { createPostgresClient } from "../storage/postgres-client.js";
import { createStorage, type Storage } from "../storage/index.js";
import { sharedChatKnowledge, sharedIndex } from "../test-support/shared-index.js";
import { createApp } from "./create-app.js";
import { createPortalToken } from "./portal-token.js";

const NAME = "欧阳紫薇";
const ID_NUMBER = "62010219800101123X";
const PHONE = "13987654321";
const CLERK = "deletion-clerk-token-0123456789";
const PORTAL_SECRET = "deletion-portal-secret-0123456789abcdef";
const databaseUrl = process.env.TEST_DATABASE_URL?.trim() || undefined;

/** The pipeline's report carries the applicant's details, as a real one would (fields, evidence). */
const personalReport = (input: Parameters<typeof cannedReport>[0]): PrereviewReport =>
  JSON.parse(JSON.stringify(cannedReport(input)).replaceAll("张三", NAME).replaceAll("11010519491231002X", ID_NUMBER));

/** A small "PDF" holding the details in clear text, as an uploaded scan's text layer would. */
const personalFile = () => Buffer.from(`%PDF-1.4\n% ${NAME} ${ID_NUMBER} ${PHONE}\n%%EOF\n`, "utf8");

interface Harness {
  app: ReturnType<typeof createApp>;
  storage: Storage;
  protection: DataProtection;
  sweep(now: Date): Promise<unknown>;
  stop(): Promise<void>;
}

async function harness(
  dataDir: string,
  storageOptions: { databaseUrl?: string; schema?: string } = {},
): Promise<Harness> {
  const { catalog, index } = await sharedIndex();
  const protection = await createDataProtection({ dataDir });
  const storage = await createStorage({ dataDir, cipher: protection.cipher, ...storageOptions });
  const fileStore = createSealedCaseFileStore(
    createLocalCaseFileStore({ directory: path.join(dataDir, "prereview") }),
    protection.cipher,
  );
  const pipeline = createFakePipeline({ run: async (input) => personalReport(input) });
  const destroyCaseKey = (caseId: string) => protection.cipher.destroy(`case:${caseId}`);
  const cases = createCaseService({
    pipeline,
    storage,
    fileStore,
    renderNotice: () => ({ text: "告知单", html: "<p>告知单</p>" }),
    destroyCaseKey,
  });
  await cases.start({ sweep: false });
  let now = new Date();
  const sweeper = createRetentionSweeper({
    cases: storage.prereviewCases,
    fileStore,
    retentionDays: 7,
    destroyKey: destroyCaseKey,
    clock: { now: () => now, setInterval: () => 0, clearInterval: () => undefined },
  });
  const service = createChatService({ knowledge: await sharedChatKnowledge(), storage });
  const app = createApp({
    catalog,
    index,
    logger: pino({ level: "silent" }),
    chat: {
      service,
      storage,
      portalTokenSecret: PORTAL_SECRET,
      destroySessionKey: (sessionId) => protection.cipher.destroy(`session:${sessionId}`),
      limits: { requestsPerMinute: 1000, sessionsPerHour: 1000 },
    },
    prereview: {
      cases,
      clerkTokens: [{ label: "deletion", token: CLERK }],
      limits: { submissionsPerHour: 1000 },
    },
  });
  return {
    app,
    storage,
    protection,
    sweep: (at) => {
      now = at;
      return sweeper.sweep();
    },
    async stop() {
      await cases.stop();
      await storage.close();
    },
  };
}

async function submitCase(app: Harness["app"]): Promise<{ caseId: string; secret: string }> {
  const created = await request(app)
    .post("/api/prereview")
    .field("bundleId", "retirement")
    .field("form", JSON.stringify({ name: NAME, idNumber: ID_NUMBER, phone: PHONE }))
    .attach("files", personalFile(), `${NAME}身份证.pdf`);
  expect(created.status, JSON.stringify(created.body)).toBe(202);
  const { caseId, secret } = created.body as { caseId: string; secret: string };
  for (let attempt = 0; attempt < 200; attempt++) {
    const state = await request(app).get(`/api/prereview/${caseId}`).set("X-Case-Secret", secret);
    if (state.body.status === "done") {
      expect(JSON.stringify(state.body.report)).toContain(NAME);
      return { caseId, secret };
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("case did not finish");
}

/** A conversation of a signed-in user that names themselves, their ID and phone number, with a rated answer. */
async function chatWithPersonalData(app: Harness["app"]): Promise<{ sessionId: string; token: string }> {
  const token = createPortalToken({ sub: "portal-user-42", exp: Math.floor(Date.now() / 1000) + 3600 }, PORTAL_SECRET);
  const first = await request(app)
    .post("/api/chat")
    .set("X-Banshi-User-Token", token)
    .send({ message: `我叫${NAME}，身份证${ID_NUMBER}，电话${PHONE}，退休要办什么` });
  expect(first.status).toBe(200);
  const feedback = await request(app)
    .post("/api/feedback")
    .send({
      sessionId: first.body.sessionId,
      messageId: first.body.messageId,
      rating: "down",
      comment: `${NAME}觉得不清楚`,
    });
  expect(feedback.status).toBe(201);
  return { sessionId: first.body.sessionId, token };
}

/** Every way the text could sit in a file: UTF-8, UTF-16 either order, JSON \u escapes. */
function encodings(text: string): Buffer[] {
  const utf16le = Buffer.from(text, "utf16le");
  const utf16be = Buffer.from(utf16le).swap16();
  const escaped = [...text].map((character) => {
    const code = character.charCodeAt(0);
    return code > 0x7e ? `\\u${code.toString(16).padStart(4, "0")}` : character;
  });
  return [
    Buffer.from(text, "utf8"),
    utf16le,
    utf16be,
    Buffer.from(escaped.join(""), "utf8"),
    Buffer.from(escaped.join("").toUpperCase().replaceAll("\\U", "\\u"), "utf8"),
  ];
}

async function filesUnder(directory: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(full)));
    else if (entry.isFile()) found.push(full);
  }
  return found;
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

describe("deleted means unrecoverable (PGlite under DATA_DIR)", () => {
  it("leaves no byte of a deleted case, a case past retention or a deleted conversation anywhere under DATA_DIR", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "banshi-deletion-"));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const h = await harness(dataDir);

    const deleted = await submitCase(h.app);
    const review = await request(h.app)
      .post(`/api/prereview/${deleted.caseId}/review`)
      .set("Authorization", `Bearer ${CLERK}`)
      .send({ decisions: [{ findingId: "finding-1", decision: "override", comment: `${NAME}的号码已核对` }] });
    expect(review.status).toBe(201);
    const expired = await submitCase(h.app);
    const chat = await chatWithPersonalData(h.app);

    // While they exist, they are there to read (through the keys), and nowhere in clear.
    expect(
      (await request(h.app).get(`/api/prereview/${deleted.caseId}`).set("Authorization", `Bearer ${CLERK}`)).text,
    ).toContain(NAME);

    expect(
      (await request(h.app).delete(`/api/prereview/${deleted.caseId}`).set("X-Case-Secret", deleted.secret)).status,
    ).toBe(204);
    const swept = await h.sweep(new Date(Date.now() + 8 * 86_400_000));
    expect(swept).toMatchObject({ purged: 1 });
    const unauthorised = await request(h.app).delete(`/api/sessions/${chat.sessionId}`);
    expect(unauthorised.status).toBe(401);
    expect(
      (await request(h.app).delete(`/api/sessions/${chat.sessionId}`).set("X-Banshi-User-Token", chat.token)).status,
    ).toBe(204);
    expect(
      (await request(h.app).get(`/api/prereview/${expired.caseId}`).set("Authorization", `Bearer ${CLERK}`)).text,
    ).not.toContain(NAME);
    await h.stop();

    const files = await filesUnder(dataDir);
    expect(files.some((file) => file.includes(`${path.sep}db${path.sep}`))).toBe(true);
    let bytes = 0;
    const hits: string[] = [];
    for (const file of files) {
      const content = await readFile(file);
      bytes += content.length;
      for (const needle of [NAME, ID_NUMBER, PHONE])
        for (const encoded of encodings(needle))
          if (content.includes(encoded)) hits.push(`${path.relative(dataDir, file)}: ${needle}`);
    }
    expect(bytes).toBeGreaterThan(1_000_000);
    expect(hits).toEqual([]);
    // Their keys are gone; only tombstones remain.
    const caseKeys = await readdir(path.join(dataDir, "keys", "case"));
    expect(caseKeys.filter((name) => name.endsWith(".key"))).toEqual([]);
    expect((await stat(path.join(dataDir, "keys", "master.key"))).mode & 0o777).toBe(0o600);
  });
});

describe.skipIf(!databaseUrl)("personal data in PostgreSQL rows (TEST_DATABASE_URL)", () => {
  it("stores the form, the report, file names, messages and comments as ciphertext only", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "banshi-deletion-pg-"));
    const schema = `banshi_test_deletion_${process.pid}_${randomBytes(4).toString("hex")}`;
    cleanups.push(async () => {
      await rm(dataDir, { recursive: true, force: true });
      const admin = await createPostgresClient({ connectionString: databaseUrl ?? "" });
      await admin.query(`drop schema if exists ${schema} cascade`).finally(() => admin.close());
    });
    const h = await harness(dataDir, { databaseUrl, schema });
    const { caseId } = await submitCase(h.app);
    await chatWithPersonalData(h.app);
    const rows = [
      ...(await h.storage.client.query("select form::text as a, report::text as b from prereview_cases where id = $1", [
        caseId,
      ])),
      ...(await h.storage.client.query("select original_name as a from prereview_files where case_id = $1", [caseId])),
      ...(await h.storage.client.query("select text as a, normalized_text as b from chat_messages")),
      ...(await h.storage.client.query("select comment as a from feedback")),
    ];
    expect(rows.length).toBeGreaterThanOrEqual(5);
    const stored = JSON.stringify(rows);
    for (const needle of [NAME, ID_NUMBER, PHONE]) expect(stored).not.toContain(needle);
    expect(stored).toContain("enc1:");
    // Read through the service, the same case is whole.
    expect(JSON.stringify((await h.storage.prereviewCases.get(caseId))?.form)).toContain(NAME);
    await h.stop();
  });
});
