import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../logger.js";
import { createLocalCaseFileStore } from "../prereview/case-files/index.js";
import type { PrefillResult, PrereviewReport } from "../prereview/index.js";
import { makePngHeader } from "../prereview/intake/__fixtures__/make-images.js";
import { makePdf } from "../prereview/intake/__fixtures__/make-pdf.js";
import { createFakePipeline, type FakePipeline } from "../prereview/queue/__fixtures__/fake-pipeline.js";
import { sampleBytes } from "../prereview/queue/__fixtures__/sample-files.js";
import { type CaseService, createCaseService } from "../prereview/cases/index.js";
import { createStorage, type Storage } from "../storage/index.js";
import { asBytes, errorOf, expectPageImage } from "../test-support/page-image-response.js";
import { sharedIndex } from "../test-support/shared-index.js";
import { createApp } from "./create-app.js";

const CLERK = "clerk-token-for-wang-0123456789";
const MAX_FILE_BYTES = 4096;
const MAX_FILES = 3;
const ID_NUMBER = "11010519491231002X";

let app: ReturnType<typeof createApp>;
let storage: Storage;
let dataDir: string;
let pipeline: FakePipeline;
let cases: CaseService;
let failNext = false;
/** Whether the next reports carry a prefilled form (reports of older releases do not). */
let withPrefill = false;
const PREFILLED_NAME = "张三";
const EDITED_NAME = "张叁";

/** A prefill as the pipeline attaches it to a report: the name read from the ID card, the phone not found. */
function cannedPrefill(fileId: string): PrefillResult {
  return {
    title: "退休“一件事”",
    referenceDate: "2025-06-30",
    fields: [
      {
        name: "name",
        label: "姓名",
        type: "text",
        status: "filled",
        value: PREFILLED_NAME,
        source: {
          kind: "document",
          documentId: fileId,
          documentType: "id_card",
          documentName: "居民身份证",
          field: "name",
          evidence: { fileId, page: 1, text: `姓名 ${PREFILLED_NAME}`, box: { x0: 10, y0: 20, x1: 110, y1: 50 } },
        },
        confidence: 0.9,
        candidates: [],
      },
      ...(
        [
          ["phone", "联系电话", "phone"],
          ["idNumber", "公民身份号码", "id_number"],
          ["birthDate", "出生日期", "date"],
        ] as const
      ).map(([name, label, type]) => ({
        name,
        label,
        type,
        status: "unfilled" as const,
        confidence: 0,
        candidates: [],
        note: "请填写",
      })),
    ],
    facts: [],
    conflicts: [],
    unfilled: ["phone", "idNumber", "birthDate"],
    counts: { fields: 4, filled: 1, needsCheck: 0, conflict: 0, unfilled: 3 },
  };
}
const logLines: string[] = [];
const notices: { report: PrereviewReport; caseId: string }[] = [];

beforeAll(async () => {
  const { catalog, index } = await sharedIndex();
  dataDir = await mkdtemp(path.join(tmpdir(), "banshi-prereview-http-"));
  storage = await createStorage({ dataDir });
  const fileStore = createLocalCaseFileStore({ directory: path.join(dataDir, "prereview") });
  pipeline = createFakePipeline({
    run: async (input) => {
      if (failNext) {
        failNext = false;
        throw new Error(`OCR engine crashed on ${ID_NUMBER}`);
      }
      const { cannedReport } = await import("../prereview/queue/__fixtures__/fake-pipeline.js");
      const report = cannedReport(input);
      return withPrefill ? { ...report, prefill: cannedPrefill(input.files[0]?.fileId ?? "f1") } : report;
    },
  });
  const logger = createLogger(
    "info",
    new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    }),
  );
  cases = createCaseService({
    pipeline,
    storage,
    fileStore,
    logger,
    renderNotice: (report, options) => {
      notices.push({ report, caseId: options.caseId });
      return {
        text: `一次性告知单\n${report.summary}`,
        html: `<!doctype html><h1>一次性告知单</h1><p>${report.title}</p>`,
      };
    },
  });
  await cases.start({ sweep: false });
  app = createApp({
    catalog,
    index,
    logger,
    prereview: {
      cases,
      clerkTokens: [{ label: "wang", token: CLERK }],
      limits: { maxFileBytes: MAX_FILE_BYTES, maxFiles: MAX_FILES, submissionsPerHour: 1000 },
    },
  });
});

afterAll(async () => {
  await cases.stop();
  await storage.close();
  await rm(dataDir, { recursive: true, force: true });
});

type Part = { bytes: Buffer; name: string; contentType?: string };

function submit(files: Part[], fields: Record<string, string | string[]> = { bundleId: "retirement" }): request.Test {
  let call = request(app).post("/api/prereview");
  for (const [name, value] of Object.entries(fields))
    for (const item of Array.isArray(value) ? value : [value]) call = call.field(name, item);
  for (const file of files)
    call = call.attach("files", file.bytes, {
      filename: file.name,
      contentType: file.contentType ?? "application/pdf",
    });
  return call;
}

const clerk = (call: request.Test) => call.set("Authorization", `Bearer ${CLERK}`);

async function waitForStatus(caseId: string, secret: string, statuses: string[]) {
  for (let attempt = 0; attempt < 300; attempt++) {
    const response = await request(app).get(`/api/prereview/${caseId}`).set("X-Case-Secret", secret);
    expect(response.status).toBe(200);
    if (statuses.includes(response.body.status)) return response.body;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`case ${caseId} never reached ${statuses.join("|")}`);
}

async function submitted(fields?: Record<string, string | string[]>) {
  const response = await submit([{ bytes: sampleBytes.pdf, name: "户口簿.pdf" }], fields);
  expect(response.status, JSON.stringify(response.body)).toBe(202);
  return response.body as { caseId: string; secret: string };
}

const countCases = async () =>
  Number((await storage.client.query("select count(*)::integer as n from prereview_cases"))[0]?.n);
const caseDirectories = async () => readdir(path.join(dataDir, "prereview")).catch(() => []);

describe("POST /api/prereview submission limit", () => {
  it("answers 429 in Chinese once a client has submitted its hourly share, but never limits a clerk", async () => {
    const { catalog, index } = await sharedIndex();
    const limited = createApp({
      catalog,
      index,
      logger: createLogger("silent"),
      prereview: {
        cases,
        clerkTokens: [{ label: "wang", token: CLERK }],
        limits: { maxFileBytes: MAX_FILE_BYTES, maxFiles: MAX_FILES, submissionsPerHour: 2 },
      },
    });
    const post = () =>
      request(limited)
        .post("/api/prereview")
        .field("bundleId", "retirement")
        .attach("files", sampleBytes.pdf, { filename: "户口簿.pdf", contentType: "application/pdf" });
    expect((await post()).status).toBe(202);
    expect((await post()).status).toBe(202);
    const refused = await post();
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: "rate_limited" });
    expect(refused.body.error.message).toMatch(/频繁/);
    expect((await post().set("Authorization", `Bearer ${CLERK}`)).status).toBe(202);
    expect((await post().set("Authorization", "Bearer not-a-clerk")).status).toBe(401);
  });
});

describe("POST /api/prereview while the job queue is unreachable", () => {
  it("answers 503 in Chinese and stores nothing; reading cases still works", async () => {
    const { catalog, index } = await sharedIndex();
    const unreachable = createCaseService({
      pipeline,
      storage,
      fileStore: createLocalCaseFileStore({ directory: path.join(dataDir, "prereview") }),
      queue: {
        enqueue: async () => {
          throw new Error("connect ECONNREFUSED 127.0.0.1:6379");
        },
        start() {},
        stop: async () => {},
        size: 0,
        ready: () => false,
      },
      renderNotice: () => ({ text: "", html: "" }),
    });
    const down = createApp({
      catalog,
      index,
      logger: createLogger("silent"),
      prereview: { cases: unreachable, clerkTokens: [{ label: "wang", token: CLERK }] },
    });
    const before = await countCases();
    const directories = (await caseDirectories()).length;
    const refused = await request(down)
      .post("/api/prereview")
      .field("bundleId", "retirement")
      .attach("files", sampleBytes.pdf, { filename: "户口簿.pdf", contentType: "application/pdf" });
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe("prereview_unavailable");
    expect(refused.body.error.message).toMatch(/预审服务暂时不可用.*未保存/);
    expect(await countCases()).toBe(before);
    expect((await caseDirectories()).length).toBe(directories);
    expect((await request(down).get("/api/prereview").set("Authorization", `Bearer ${CLERK}`)).status).toBe(200);
  });
});

describe("POST /api/prereview", () => {
  it("answers 202 at once, then the case runs to done with the report", async () => {
    const response = await submit(
      [
        // a PNG named .pdf is accepted: the kind comes from the bytes, the claimed type is kept
        { bytes: sampleBytes.png, name: "身份证正面.pdf", contentType: "application/pdf" },
        { bytes: sampleBytes.pdf, name: "C:\\Users\\张三\\户口簿.pdf" },
      ],
      {
        bundleId: "retirement",
        scenario: JSON.stringify({ "applicant-type": "flexible" }),
        form: JSON.stringify({ name: "张三", idNumber: ID_NUMBER, phone: "13812345678" }),
        materialIds: ["id-card", ""],
      },
    );
    expect(response.status, JSON.stringify(response.body)).toBe(202);
    const { caseId, secret } = response.body;
    expect(response.body).toEqual({
      caseId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      secret: expect.stringMatching(/^[\w-]{32}$/),
      status: "queued",
      links: {
        self: `/api/prereview/${caseId}`,
        notice: `/api/prereview/${caseId}/notice?secret=${secret}`,
      },
    });
    expect(response.headers.location).toBe(`/api/prereview/${caseId}`);
    expect(response.headers["cache-control"]).toBe("no-store");

    const done = await waitForStatus(caseId, secret, ["done"]);
    expect(done).toMatchObject({
      caseId,
      status: "done",
      bundleId: "retirement",
      report: { verdict: "needs_correction", findings: [{ id: "finding-1" }, { id: "finding-2" }] },
      reviews: [],
      links: { notice: `/api/prereview/${caseId}/notice` },
    });
    expect(done.files).toBeUndefined(); // the file list is for clerks

    const call = pipeline.calls.find((input) => input.request.form.idNumber === ID_NUMBER);
    expect(call?.request).toEqual({
      bundleId: "retirement",
      scenario: { "applicant-type": "flexible" },
      form: { name: "张三", idNumber: ID_NUMBER, phone: "13812345678" },
    });
    expect(call?.files.map(({ bytes: _bytes, ...file }) => file)).toEqual([
      {
        fileId: "f1",
        originalName: "身份证正面.pdf",
        declaredMaterialId: "id-card",
        kind: "png",
        claimedMimeType: "application/pdf",
      },
      {
        fileId: "f2",
        originalName: "户口簿.pdf",
        declaredMaterialId: undefined,
        kind: "pdf",
        claimedMimeType: "application/pdf",
      },
    ]);
    expect(Buffer.from(call?.files[0]?.bytes ?? [])).toEqual(sampleBytes.png);

    const [created] = await storage.audit.listByCase(caseId);
    expect(created).toMatchObject({
      action: "case_created",
      actor: "applicant",
      detail: { fileCount: 2, kinds: ["png", "pdf"] },
    });
    expect(JSON.stringify(created)).not.toMatch(/张三|户口簿/);
  });

  it("takes materialIds as one JSON array and a matter instead of a bundle", async () => {
    const response = await submit(
      [
        { bytes: sampleBytes.jpeg, name: "a.jpg", contentType: "image/jpeg" },
        { bytes: sampleBytes.pdf, name: "b.pdf" },
      ],
      { matterId: "retirement-application", materialIds: '["id-card", ""]' },
    );
    expect(response.status, JSON.stringify(response.body)).toBe(202);
    const files = await storage.prereviewCases.listFiles(response.body.caseId);
    expect(files.map((file) => [file.kind, file.declaredMaterialId])).toEqual([
      ["jpeg", "id-card"],
      ["pdf", undefined],
    ]);
  });

  it("takes materialIds by position (materialIds[1] before materialIds[0]), a gap being undeclared", async () => {
    const response = await submit(
      [
        { bytes: sampleBytes.jpeg, name: "a.jpg", contentType: "image/jpeg" },
        { bytes: sampleBytes.pdf, name: "b.pdf" },
        { bytes: sampleBytes.pdf, name: "c.pdf" },
      ],
      { bundleId: "retirement", "materialIds[2]": "household-register", "materialIds[0]": "id-card" },
    );
    expect(response.status, JSON.stringify(response.body)).toBe(202);
    const files = await storage.prereviewCases.listFiles(response.body.caseId);
    expect(files.map((file) => file.declaredMaterialId)).toEqual(["id-card", undefined, "household-register"]);
  });

  describe("rejects bad submissions, stores nothing and keeps serving", () => {
    const big = Buffer.concat([sampleBytes.pdf, Buffer.alloc(MAX_FILE_BYTES)]);
    const pdf = (name = "a.pdf") => ({ bytes: sampleBytes.pdf, name });
    const cases: [string, () => request.Test, number, string, RegExp?][] = [
      ["no files", () => submit([]), 400, "bad_request", /至少上传一个材料文件/],
      [
        "an empty file",
        () => submit([pdf(), { bytes: Buffer.alloc(0), name: "空白.pdf" }]),
        400,
        "bad_request",
        /空白\.pdf.*空文件/,
      ],
      [
        "a .docx (zip bytes)",
        () => submit([{ bytes: sampleBytes.docx, name: "申请表.docx", contentType: "application/msword" }]),
        415,
        "unsupported_media_type",
        /申请表\.docx.*PDF、JPEG、PNG、WebP、TIFF/,
      ],
      [
        "a text file named .pdf",
        () => submit([{ bytes: sampleBytes.text, name: "证明.pdf" }]),
        415,
        "unsupported_media_type",
        /证明\.pdf/,
      ],
      [
        "a file over the size limit",
        () => submit([{ bytes: big, name: "大文件.pdf" }]),
        413,
        "payload_too_large",
        /大文件\.pdf.*MB/,
      ],
      ["too many files", () => submit([pdf(), pdf(), pdf(), pdf()]), 413, "payload_too_large", /最多上传 3 个文件/],
      [
        "bad JSON in form",
        () => submit([pdf()], { bundleId: "retirement", form: "{name:张三" }),
        400,
        "bad_request",
        /form.*JSON/,
      ],
      [
        "a form that is an array",
        () => submit([pdf()], { bundleId: "retirement", form: "[1]" }),
        400,
        "bad_request",
        /form/,
      ],
      [
        "a form value that is not text",
        () => submit([pdf()], { bundleId: "retirement", form: '{"age":60}' }),
        400,
        "bad_request",
        /form\.age/,
      ],
      [
        "a form value that is too long",
        () => submit([pdf()], { bundleId: "retirement", form: JSON.stringify({ address: "路".repeat(501) }) }),
        400,
        "bad_request",
        /form\.address.*过长/,
      ],
      ["an unknown bundle", () => submit([pdf()], { bundleId: "no-such-bundle" }), 404, "not_found", /no-such-bundle/],
      ["neither bundle nor matter", () => submit([pdf()], {}), 400, "bad_request", /bundleId.*matterId/],
      [
        "both bundle and matter",
        () => submit([pdf()], { bundleId: "retirement", matterId: "retirement-application" }),
        400,
        "bad_request",
        /只能填写一个/,
      ],
      [
        "a repeated bundleId",
        () => submit([pdf()], { bundleId: ["retirement", "newborn"] }),
        400,
        "bad_request",
        /bundleId/,
      ],
      ["an unknown field", () => submit([pdf()], { bundleId: "retirement", extra: "1" }), 400, "bad_request", /extra/],
      [
        "more materialIds than files",
        () => submit([pdf()], { bundleId: "retirement", materialIds: ["a", "b"] }),
        400,
        "bad_request",
        /materialIds/,
      ],
      [
        "a malformed material id",
        () => submit([pdf()], { bundleId: "retirement", materialIds: "../x" }),
        400,
        "bad_request",
        /materialIds/,
      ],
      [
        "a material id at a huge array index (once an array of 2³²−1 built on the main thread)",
        () => submit([pdf()], { bundleId: "retirement", "materialIds[4294967294]": "a" }),
        400,
        "bad_request",
        /序号 4294967294 超出范围/,
      ],
      [
        "a material id at an index past the file limit",
        () => submit([pdf()], { bundleId: "retirement", "materialIds[3]": "a" }),
        400,
        "bad_request",
        /超出范围/,
      ],
      [
        "a nested field name",
        () => submit([pdf()], { bundleId: "retirement", "form[a][b]": "x" }),
        400,
        "bad_request",
        /不认识的字段 form\[a\]\[b\]/,
      ],
      [
        "both ways of naming material ids at once",
        () => submit([pdf()], { bundleId: "retirement", materialIds: "a", "materialIds[0]": "b" }),
        400,
        "bad_request",
        /只用一种写法/,
      ],
      [
        "a file in another field",
        () =>
          request(app)
            .post("/api/prereview")
            .field("bundleId", "retirement")
            .attach("upload", sampleBytes.pdf, "a.pdf"),
        400,
        "bad_request",
        /files/,
      ],
      [
        "a JSON body",
        () => request(app).post("/api/prereview").send({ bundleId: "retirement" }),
        415,
        "unsupported_media_type",
        /multipart\/form-data/,
      ],
      [
        "a body without a content type",
        () => request(app).post("/api/prereview"),
        415,
        "unsupported_media_type",
        /multipart\/form-data/,
      ],
      [
        "a broken multipart body",
        () =>
          request(app)
            .post("/api/prereview")
            .set("Content-Type", "multipart/form-data; boundary=xyz")
            .send('--xyz\r\nContent-Disposition: form-data; name="bundleId"\r\n\r\nretire'),
        400,
        "bad_request",
      ],
    ];

    it.each(cases)("%s", async (_what, send, status, code, message) => {
      const before = await countCases();
      const directories = await caseDirectories();
      const response = await send();
      expect(response.status, JSON.stringify(response.body)).toBe(status);
      expect(response.body.error).toMatchObject({ code, message: expect.stringMatching(/[\u4e00-\u9fff]/) });
      if (message) expect(response.body.error.message).toMatch(message);
      expect(await countCases()).toBe(before);
      expect(await caseDirectories()).toEqual(directories);
      expect((await request(app).get("/healthz")).status).toBe(200);
    });
  });
});

describe("access to a case", () => {
  let mine: { caseId: string; secret: string };
  let other: { caseId: string; secret: string };
  beforeAll(async () => {
    mine = await submitted();
    other = await submitted();
  });

  it("lets the applicant read their own case with the secret in a header or the query", async () => {
    const header = await request(app).get(`/api/prereview/${mine.caseId}`).set("X-Case-Secret", mine.secret);
    expect(header.status).toBe(200);
    expect(header.body.caseId).toBe(mine.caseId);
    const query = await request(app).get(`/api/prereview/${mine.caseId}`).query({ secret: mine.secret });
    expect(query.status).toBe(200);
  });

  it("answers 401 without credentials and with a wrong clerk token", async () => {
    const none = await request(app).get(`/api/prereview/${mine.caseId}`);
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe("unauthorized");
    const wrong = await request(app)
      .get(`/api/prereview/${mine.caseId}`)
      .set("Authorization", "Bearer not-a-clerk-token-000");
    expect(wrong.status).toBe(401);
  });

  it("gives the same 403 for another case's secret and for a case that does not exist", async () => {
    const foreign = await request(app).get(`/api/prereview/${other.caseId}`).set("X-Case-Secret", mine.secret);
    const missing = await request(app)
      .get("/api/prereview/00000000-0000-4000-8000-000000000000")
      .set("X-Case-Secret", mine.secret);
    expect(foreign.status).toBe(403);
    expect(missing.status).toBe(403);
    expect(foreign.body.error.message).toBe(missing.body.error.message);
    expect(JSON.stringify(foreign.body)).not.toContain("report");
  });

  it("gives clerks every case and 404 for a missing one", async () => {
    const response = await clerk(request(app).get(`/api/prereview/${other.caseId}`));
    expect(response.status).toBe(200);
    expect(response.body.files).toEqual([
      { fileId: "f1", originalName: "户口簿.pdf", kind: "pdf", sizeBytes: sampleBytes.pdf.length },
    ]);
    const missing = await clerk(request(app).get("/api/prereview/00000000-0000-4000-8000-000000000000"));
    expect(missing.status).toBe(404);
    const actions = (await storage.audit.listByCase(other.caseId)).map((event) => [event.action, event.actor]);
    expect(actions).toContainEqual(["case_viewed", "clerk:wang"]);
  });

  it("answers 400 for a malformed case id", async () => {
    const response = await request(app).get("/api/prereview/not-a-uuid").set("X-Case-Secret", mine.secret);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("bad_request");
  });
});

describe("GET /api/prereview/:caseId/notice", () => {
  it("answers 409 until the report is ready, then HTML, text or JSON", async () => {
    const release = pipeline.hold();
    const { caseId, secret } = await submitted();
    const early = await request(app).get(`/api/prereview/${caseId}/notice`).query({ secret });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: "conflict", message: expect.stringMatching(/尚未完成/) });
    release();
    await waitForStatus(caseId, secret, ["done"]);

    const html = await request(app).get(`/api/prereview/${caseId}/notice`).query({ secret });
    expect(html.status).toBe(200);
    expect(html.headers["content-type"]).toMatch(/^text\/html; charset=utf-8/);
    expect(html.headers["content-security-policy"]).toMatch(/default-src 'none'/);
    expect(html.text).toContain("<h1>一次性告知单</h1>");
    expect(notices.at(-1)).toMatchObject({ caseId, report: { verdict: "needs_correction" } });

    const text = await request(app).get(`/api/prereview/${caseId}/notice`).query({ secret, format: "text" });
    expect(text.headers["content-type"]).toMatch(/^text\/plain/);
    expect(text.text).toMatch(/^一次性告知单/);
    const json = await request(app)
      .get(`/api/prereview/${caseId}/notice`)
      .set("X-Case-Secret", secret)
      .query({ format: "json" });
    expect(json.body).toEqual({ caseId, text: expect.any(String), html: expect.any(String) });

    const bad = await request(app).get(`/api/prereview/${caseId}/notice`).query({ secret, format: "pdf" });
    expect(bad.status).toBe(400);
  });
});

describe("clerk review", () => {
  let done: { caseId: string; secret: string };
  beforeAll(async () => {
    done = await submitted();
    await waitForStatus(done.caseId, done.secret, ["done"]);
  });

  const review = (caseId: string, body: unknown) =>
    clerk(request(app).post(`/api/prereview/${caseId}/review`)).send(body as object);

  it("records decisions and the outcome, shows them in GET and in the audit trail", async () => {
    const response = await review(done.caseId, {
      decisions: [
        { findingId: "finding-1", decision: "override", comment: "已核验原件，号码一致" },
        { findingId: "finding-2", decision: "accept" },
      ],
      outcome: "returned_for_correction",
      comment: "请补正第 2 页",
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body).toMatchObject({
      caseId: done.caseId,
      reviews: [
        { findingId: "finding-1", decision: "override", comment: "已核验原件，号码一致", reviewer: "clerk:wang" },
        { findingId: "finding-2", decision: "accept" },
      ],
      review: { outcome: "returned_for_correction", comment: "请补正第 2 页", reviewer: "clerk:wang" },
    });

    const applicantView = await request(app).get(`/api/prereview/${done.caseId}`).set("X-Case-Secret", done.secret);
    expect(applicantView.body.reviews).toHaveLength(2);
    expect(applicantView.body.review).toMatchObject({ outcome: "returned_for_correction" });
    expect(applicantView.body.review.reviewer).toBeUndefined();
    expect(applicantView.body.reviews[0].reviewer).toBeUndefined();

    const events = await storage.audit.listByCase(done.caseId);
    expect(events.at(-1)).toMatchObject({
      action: "review_recorded",
      actor: "clerk:wang",
      detail: { outcome: "returned_for_correction" },
    });
  });

  it.each<[string, unknown]>([
    ["an unknown finding id", { decisions: [{ findingId: "finding-99", decision: "accept" }] }],
    ["an override without a comment", { decisions: [{ findingId: "finding-1", decision: "override" }] }],
    ["an unknown decision", { decisions: [{ findingId: "finding-1", decision: "maybe" }] }],
    ["nothing to record", { decisions: [] }],
    ["an unknown field", { decisions: [{ findingId: "finding-1", decision: "accept" }], extra: true }],
  ])("answers 400 for %s", async (_what, body) => {
    const response = await review(done.caseId, body);
    expect(response.status, JSON.stringify(response.body)).toBe(400);
    expect(response.body.error.code).toBe("bad_request");
  });

  it("is for clerks only, and only for cases with a report", async () => {
    const body = { decisions: [{ findingId: "finding-1", decision: "accept" }] };
    const applicant = await request(app)
      .post(`/api/prereview/${done.caseId}/review`)
      .set("X-Case-Secret", done.secret)
      .send(body);
    expect(applicant.status).toBe(401);
    const release = pipeline.hold();
    const waiting = await submitted();
    const early = await review(waiting.caseId, body);
    release();
    expect(early.status).toBe(409);
    const missing = await review("00000000-0000-4000-8000-000000000000", body);
    expect(missing.status).toBe(404);
  });
});

describe("GET /api/prereview (clerk list)", () => {
  it("lists recent cases with verdict and counts, filtered and paged", async () => {
    const latest = await submitted();
    await waitForStatus(latest.caseId, latest.secret, ["done"]);
    const response = await clerk(request(app).get("/api/prereview").query({ limit: 2 }));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ limit: 2, offset: 0, total: expect.any(Number) });
    expect(response.body.cases).toHaveLength(2);
    expect(response.body.cases[0]).toMatchObject({
      caseId: latest.caseId,
      status: "done",
      verdict: "needs_correction",
      bundleId: "retirement",
      fileCount: 1,
      findingCounts: { error: 1, warning: 1, info: 0 },
      reviewCount: 0,
    });
    const done = await clerk(request(app).get("/api/prereview").query({ status: "done", offset: 1 }));
    expect(done.body.cases.every((summary: { status: string }) => summary.status === "done")).toBe(true);
    expect(done.body.cases[0]?.caseId).not.toBe(latest.caseId);
  });

  it("is for clerks only and checks its query", async () => {
    expect((await request(app).get("/api/prereview")).status).toBe(401);
    expect((await clerk(request(app).get("/api/prereview").query({ limit: 0 }))).status).toBe(400);
    expect((await clerk(request(app).get("/api/prereview").query({ status: "lost" }))).status).toBe(400);
  });
});

describe("POST /api/prereview/:caseId/prefill-confirmations", () => {
  let done: { caseId: string; secret: string };
  beforeAll(async () => {
    withPrefill = true;
    try {
      done = await submitted();
      await waitForStatus(done.caseId, done.secret, ["done"]);
    } finally {
      withPrefill = false;
    }
  });

  const confirm = (caseId: string, body: unknown) =>
    clerk(request(app).post(`/api/prereview/${caseId}/prefill-confirmations`)).send(body as object);

  it("records a confirmation and an edit with the value before and after, the source and the clerk, audited without values", async () => {
    logLines.length = 0;
    const first = await confirm(done.caseId, { fields: [{ name: "name", value: PREFILLED_NAME }] });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.prefillConfirmations).toMatchObject([
      {
        field: "name",
        decision: "confirm",
        previousValue: PREFILLED_NAME,
        value: PREFILLED_NAME,
        source: { kind: "document", documentType: "id_card", fileId: expect.any(String), page: 1, field: "name" },
        clerk: "clerk:wang",
      },
    ]);
    // The source keeps codes and ids, not the line read from the document.
    expect(JSON.stringify(first.body.prefillConfirmations[0].source)).not.toContain(PREFILLED_NAME);

    const second = await confirm(done.caseId, {
      fields: [
        { name: "name", value: EDITED_NAME },
        { name: "phone", value: "13800138000" },
      ],
    });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body.prefillConfirmations.slice(1)).toMatchObject([
      { field: "name", decision: "edit", previousValue: PREFILLED_NAME, value: EDITED_NAME },
      { field: "phone", decision: "edit", value: "13800138000" },
    ]);
    expect(second.body.prefillConfirmations[2].previousValue).toBeUndefined();
    // A later edit starts from the clerk's last value, not the prefilled one.
    const third = await confirm(done.caseId, { fields: [{ name: "name", value: EDITED_NAME }] });
    expect(third.body.prefillConfirmations.at(-1)).toMatchObject({
      decision: "confirm",
      previousValue: EDITED_NAME,
      value: EDITED_NAME,
    });

    const clerkView = await clerk(request(app).get(`/api/prereview/${done.caseId}`));
    expect(clerkView.body.prefillConfirmations).toHaveLength(4);
    const applicantView = await request(app).get(`/api/prereview/${done.caseId}`).set("X-Case-Secret", done.secret);
    expect(applicantView.body.prefillConfirmations).toBeUndefined();

    const events = (await storage.audit.listByCase(done.caseId)).filter(
      (event) => event.action === "prefill_confirmed",
    );
    expect(events.map((event) => event.detail)).toEqual([
      { fields: [{ field: "name", decision: "confirm", sourceKind: "document" }] },
      {
        fields: [
          { field: "name", decision: "edit", sourceKind: "document" },
          { field: "phone", decision: "edit" },
        ],
      },
      { fields: [{ field: "name", decision: "confirm", sourceKind: "document" }] },
    ]);
    expect(events[0]?.actor).toBe("clerk:wang");
    const logged = logLines.join("");
    for (const value of [PREFILLED_NAME, EDITED_NAME, "13800138000"]) expect(logged).not.toContain(value);
  });

  it.each<[string, unknown, number]>([
    ["a field the form does not have", { fields: [{ name: "nickname", value: "三" }] }, 400],
    ["an empty value", { fields: [{ name: "name", value: " " }] }, 400],
    ["nothing to record", { fields: [] }, 400],
    [
      "the same field twice",
      {
        fields: [
          { name: "name", value: "a" },
          { name: "name", value: "b" },
        ],
      },
      400,
    ],
  ])("answers %s with %i", async (_what, body, status) => {
    const response = await confirm(done.caseId, body);
    expect(response.status, JSON.stringify(response.body)).toBe(status);
  });

  it("refuses values that fail their field's check with 422, naming each problem in Chinese, and records nothing", async () => {
    const recorded = async () =>
      (await clerk(request(app).get(`/api/prereview/${done.caseId}`))).body.prefillConfirmations.length;
    const before = await recorded();
    const wrongCheck = `${ID_NUMBER.slice(0, 17)}${ID_NUMBER.endsWith("1") ? "2" : "1"}`;
    logLines.length = 0;
    const response = await confirm(done.caseId, {
      fields: [
        { name: "name", value: PREFILLED_NAME },
        { name: "phone", value: "1381234" },
        { name: "idNumber", value: wrongCheck },
        { name: "birthDate", value: "1965-02-30" },
      ],
    });
    expect(response.status, JSON.stringify(response.body)).toBe(422);
    expect(response.body.error.code).toBe("unprocessable");
    const { message } = response.body.error;
    for (const words of ["联系电话", "11位", "公民身份号码", "校验位", "出生日期", "不是有效的日期"])
      expect(message).toContain(words);
    expect(message).not.toContain("姓名");
    expect(response.body.error.details.problems).toEqual([
      { field: "phone", code: "phone" },
      { field: "idNumber", code: "id_check_digit" },
      { field: "birthDate", code: "date_impossible" },
    ]);
    expect(await recorded()).toBe(before);
    expect(logLines.join("")).not.toContain(wrongCheck);
    // Corrected, the same values are recorded.
    const corrected = await confirm(done.caseId, {
      fields: [
        { name: "idNumber", value: ID_NUMBER },
        { name: "birthDate", value: "1949-12-31" },
      ],
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(201);
  });

  it("is for clerks only, and only for finished cases whose report carries a prefill", async () => {
    const body = { fields: [{ name: "name", value: PREFILLED_NAME }] };
    const applicant = await request(app)
      .post(`/api/prereview/${done.caseId}/prefill-confirmations`)
      .set("X-Case-Secret", done.secret)
      .send(body);
    expect(applicant.status).toBe(401);
    const older = await submitted();
    await waitForStatus(older.caseId, older.secret, ["done"]);
    const withoutPrefill = await confirm(older.caseId, body);
    expect(withoutPrefill.status).toBe(409);
    expect(withoutPrefill.body.error.message).toContain("没有预填");
    expect((await confirm("00000000-0000-4000-8000-000000000000", body)).status).toBe(404);
  });
});

describe("DELETE /api/prereview/:caseId", () => {
  it("lets the applicant delete files and extracted data; the case stays as deleted with an audit event", async () => {
    const { caseId, secret } = await submitted();
    await waitForStatus(caseId, secret, ["done"]);
    expect(await caseDirectories()).toContain(caseId);
    const response = await request(app).delete(`/api/prereview/${caseId}`).set("X-Case-Secret", secret);
    expect(response.status).toBe(204);
    expect(await caseDirectories()).not.toContain(caseId);
    const after = await request(app).get(`/api/prereview/${caseId}`).set("X-Case-Secret", secret);
    expect(after.body).toMatchObject({ status: "deleted", filesPurgedAt: expect.any(String) });
    expect(after.body.report).toBeUndefined();
    const stored = await storage.prereviewCases.get(caseId);
    expect(stored).toMatchObject({ form: {}, scenario: {} });
    expect((await storage.audit.listByCase(caseId)).at(-1)).toMatchObject({
      action: "case_deleted",
      actor: "applicant",
    });
    expect((await request(app).delete(`/api/prereview/${caseId}`).set("X-Case-Secret", secret)).status).toBe(204);
    const notice = await request(app).get(`/api/prereview/${caseId}/notice`).query({ secret });
    expect(notice.status).toBe(409);
  });

  it("lets a clerk delete and refuses strangers", async () => {
    const { caseId } = await submitted();
    expect((await request(app).delete(`/api/prereview/${caseId}`)).status).toBe(401);
    expect((await request(app).delete(`/api/prereview/${caseId}`).set("X-Case-Secret", "guess")).status).toBe(403);
    // the query secret is for printable links (GET) only
    expect((await request(app).delete(`/api/prereview/${caseId}`).query({ secret: "x" })).status).toBe(401);
    expect((await clerk(request(app).delete(`/api/prereview/${caseId}`))).status).toBe(204);
    expect((await storage.audit.listByCase(caseId)).at(-1)).toMatchObject({
      action: "case_deleted",
      actor: "clerk:wang",
    });
  });
});

describe("GET /api/prereview/:caseId/audit", () => {
  it("shows a clerk the trail, oldest first and still after deletion, and nobody else", async () => {
    const { caseId, secret } = await submitted();
    await waitForStatus(caseId, secret, ["done"]);
    expect((await request(app).delete(`/api/prereview/${caseId}`).set("X-Case-Secret", secret)).status).toBe(204);
    const trail = await clerk(request(app).get(`/api/prereview/${caseId}/audit`));
    expect(trail.status).toBe(200);
    expect(trail.headers["cache-control"]).toBe("no-store");
    const actions = trail.body.events.map((event: { action: string }) => event.action);
    expect(actions[0]).toBe("case_created");
    expect(actions).toContain("job_done");
    expect(actions.at(-1)).toBe("case_deleted");
    expect(trail.body.events.at(-1)).toMatchObject({ actor: "applicant", createdAt: expect.any(String) });
    expect(JSON.stringify(trail.body)).not.toContain(ID_NUMBER);

    expect((await request(app).get(`/api/prereview/${caseId}/audit`).set("X-Case-Secret", secret)).status).toBe(401);
    const unknown = await clerk(request(app).get("/api/prereview/00000000-0000-4000-8000-000000000000/audit"));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
  });
});

describe("GET /api/prereview/:caseId/files/:fileId/pages/:page", () => {
  const pageOf = (caseId: string, page: number) =>
    asBytes(clerk(request(app).get(`/api/prereview/${caseId}/files/f1/pages/${page}`)));

  it("serves a clerk the page as OCR read it, not cached, with the pixel size its evidence boxes are in", async () => {
    const pdf = makePdf();
    const response = await submit([{ bytes: pdf, name: "申请表.pdf" }]);
    const { caseId, secret } = response.body as { caseId: string; secret: string };
    await waitForStatus(caseId, secret, ["done"]);
    await expectPageImage(await pageOf(caseId, 1), pdf, "pdf", 1);
  });

  it("answers 409 naming the file and intake's reason for a file it will not decode", async () => {
    const huge = { bytes: Buffer.from(makePngHeader(20_000, 20_000)), name: "huge.png", contentType: "image/png" };
    const { caseId } = (await submit([huge])).body as { caseId: string };
    const refused = await pageOf(caseId, 1);
    expect(refused.status).toBe(409);
    expect(errorOf(refused)).toEqual({
      code: "conflict",
      message: "文件 f1 不能显示：图片尺寸过大，不能超过 4000 万像素，请缩小后重新上传。",
      details: { fileId: "f1", problem: "too_many_pixels" },
      requestId: expect.any(String),
    });
  });
});

describe("faults and logs", () => {
  it("marks the case failed with a Chinese reason when the pipeline throws, and keeps serving", async () => {
    failNext = true;
    const { caseId, secret } = await submitted();
    const failed = await waitForStatus(caseId, secret, ["failed", "done"]);
    expect(failed).toMatchObject({ status: "failed", failureReason: expect.stringMatching(/预审过程中出现故障/) });
    expect(failed.report).toBeUndefined();
    expect((await request(app).get("/healthz")).status).toBe(200);
    const next = await submitted();
    await waitForStatus(next.caseId, next.secret, ["done"]);
  });

  it("never logs secrets, clerk tokens, ID numbers or phone numbers", async () => {
    failNext = true; // the pipeline's error message quotes an ID number
    const { caseId, secret } = await submitted({
      bundleId: "retirement",
      form: JSON.stringify({ idNumber: ID_NUMBER, phone: "13812345678" }),
    });
    await waitForStatus(caseId, secret, ["failed"]);
    await request(app).get(`/api/prereview/${caseId}/notice`).query({ secret });
    await request(app).get(`/api/prereview/${caseId}`).set("X-Case-Secret", secret);
    await submit([{ bytes: sampleBytes.text, name: `${ID_NUMBER}.pdf` }]);
    const logged = logLines.join("");
    expect(logged).toContain("pre-review pipeline failed");
    expect(logged).toContain("[redacted]");
    for (const leaked of [secret, CLERK, ID_NUMBER, "13812345678"]) expect(logged).not.toContain(leaked);
  });
});

describe("OpenAPI", () => {
  it("documents every pre-review endpoint", async () => {
    const response = await request(app).get("/openapi.json");
    const paths = response.body.paths;
    expect(Object.keys(paths["/api/prereview"])).toEqual(["post", "get"]);
    expect(Object.keys(paths["/api/prereview/{caseId}"])).toEqual(["get", "delete"]);
    expect(paths["/api/prereview/{caseId}/notice"].get.responses).toHaveProperty("409");
    expect(paths["/api/prereview/{caseId}/review"].post.responses).toHaveProperty("201");
    expect(paths["/api/prereview"].post.requestBody.content).toHaveProperty("multipart/form-data");
    expect(paths["/api/prereview"].post.responses).toHaveProperty("413");
  });
});
