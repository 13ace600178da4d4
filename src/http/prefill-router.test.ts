import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalCaseFileStore } from "../prereview/case-files/index.js";
import { type PrereviewReport, PrereviewReportSchema, prefillFromReport } from "../prereview/index.js";
import {
  recognisedDocument,
  RETIREE_ID,
  retireeIdCardFront,
} from "../prereview/prefill/__fixtures__/recognised-document.js";
import { createFakePipeline } from "../prereview/queue/__fixtures__/fake-pipeline.js";
import { sampleBytes } from "../prereview/queue/__fixtures__/sample-files.js";
import { RETIREMENT_SCENARIO } from "../prereview/rules/__fixtures__/case-builder.js";
import { createStorage, type Storage } from "../storage/index.js";
import { createCapturedLogger } from "../test-support/captured-logger.js";
import { asBytes, errorOf, expectPageImage } from "../test-support/page-image-response.js";
import { sharedIndex } from "../test-support/shared-index.js";
import { createApp } from "./create-app.js";
import { createPortalToken } from "./portal-token.js";
import { createCaseService, hashCaseSecret } from "../prereview/cases/index.js";
import { makeTiff } from "../prereview/intake/__fixtures__/make-images.js";
import { makePdf } from "../prereview/intake/__fixtures__/make-pdf.js";

const CLERK = "clerk-token-for-prefill-0123456789";
const PORTAL_SECRET = "portal-secret-for-prefill-tests";
const SECRET = "case-secret-for-the-prefill-test";

let app: ReturnType<typeof createApp>;
let storage: Storage;
let dataDir: string;
let logLines: string[] = [];

function retirementReport(): PrereviewReport {
  return PrereviewReportSchema.parse({
    verdict: "pass",
    title: "退休“一件事”",
    referenceDate: "2026-06-01",
    summary: "材料齐全",
    bundleId: "retirement",
    materials: [],
    documents: [
      retireeIdCardFront({ address: "兰州市城关区张掖路1号" }),
      recognisedDocument({
        id: "f2",
        materialId: "retirement-joint-form",
        documentType: "application_form",
        fields: { name: "王建国", phone: "13812345678" },
      }),
    ],
    files: [],
    findings: [],
    timings: { totalMilliseconds: 1, extractMilliseconds: 1, pages: 1 },
    disclaimer: "预审结果仅供参考",
  });
}

const portalToken = (claims: { sub: string; name?: string; idNumber?: string }) =>
  createPortalToken({ ...claims, exp: Math.floor(Date.now() / 1000) + 600 }, PORTAL_SECRET);

beforeAll(async () => {
  const { catalog, index } = await sharedIndex();
  dataDir = await mkdtemp(path.join(tmpdir(), "banshi-prefill-http-"));
  storage = await createStorage({ dataDir });
  const pipeline = createFakePipeline({
    run: async (input) => {
      // What OCR read the upload as: one page image 1600 × 1000 pixels, and a text layer page (no size).
      input.observeExtracted?.([
        {
          fileId: "f1",
          pageCount: 2,
          pages: [
            {
              page: 1,
              source: "ocr",
              lines: [],
              confidence: 0.9,
              quality: [],
              milliseconds: 0,
              width: 1600,
              height: 1000,
            },
            { page: 2, source: "pdf_text", lines: [], confidence: 1, quality: [], milliseconds: 0 },
          ],
        },
      ]);
      return retirementReport();
    },
  });
  const captured = createCapturedLogger();
  logLines = captured.lines;
  const logger = captured.logger;
  app = createApp({
    catalog,
    index,
    logger,
    chat: {
      service: { reply: async () => Promise.reject(new Error("not used")) },
      storage,
      portalTokenSecret: PORTAL_SECRET,
    },
    prereview: {
      cases: createCaseService({
        pipeline,
        storage,
        fileStore: createLocalCaseFileStore({ directory: path.join(dataDir, "files") }),
        renderNotice: () => ({ text: "", html: "" }),
      }),
      clerkTokens: [{ label: "li", token: CLERK }],
      limits: { maxFileBytes: 4096, maxFiles: 3, submissionsPerHour: 1000 },
    },
    prefill: { pipeline, storage },
  });
});

afterAll(async () => {
  await storage.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** A stored case with a finished report, as the runner leaves it. */
async function doneCase(form: Record<string, string> = {}, report = retirementReport()): Promise<string> {
  const record = await storage.prereviewCases.create({
    secretHash: hashCaseSecret(SECRET),
    bundleId: "retirement",
    scenario: RETIREMENT_SCENARIO,
    form,
    files: [],
    actor: "applicant",
  });
  await storage.prereviewCases.claim(record.id);
  await storage.prereviewCases.complete({ caseId: record.id, report });
  return record.id;
}

const fieldOf = (body: { fields: { name: string }[] }, name: string) => body.fields.find((item) => item.name === name);

describe("POST /api/prefill with uploaded materials", () => {
  it("reads the files and returns the filled form with sources", async () => {
    const response = await request(app)
      .post("/api/prefill")
      .field("bundleId", "retirement")
      .field("scenario", JSON.stringify(RETIREMENT_SCENARIO))
      .attach("files", sampleBytes.pdf, { filename: "身份证.pdf", contentType: "application/pdf" });
    expect(response.status).toBe(200);
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(response.body.origin).toBe("upload");
    expect(fieldOf(response.body, "name")).toMatchObject({ status: "filled", value: "王建国", label: "姓名" });
    expect(fieldOf(response.body, "phone")).toMatchObject({
      status: "filled",
      source: { kind: "document", documentName: "申请表" },
    });
    expect(fieldOf(response.body, "retirementCategory")).toMatchObject({ value: "male", source: { kind: "derived" } });
    // The pixel size of each page image read, which the evidence boxes are in (the uploader draws them).
    expect(response.body.pages).toEqual([{ fileId: "f1", page: 1, width: 1600, height: 1000 }]);
  });

  it("logs counts, never the values", () => {
    const lines = logLines.filter((line) => line.includes("prefill served"));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).not.toContain(RETIREE_ID);
      expect(line).not.toContain("王建国");
    }
  });

  it("refuses an unknown bundle with 404 in Chinese", async () => {
    const response = await request(app)
      .post("/api/prefill")
      .field("bundleId", "no-such-bundle")
      .attach("files", sampleBytes.pdf, { filename: "a.pdf", contentType: "application/pdf" });
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe("not_found");
  });
});

describe("POST /api/prefill/pages/:page (the page image of a file the uploader holds)", () => {
  const pdf = makePdf({ pages: 2 });
  const page = (number: number | string, bytes: Uint8Array, filename: string) =>
    asBytes(request(app).post(`/api/prefill/pages/${number}`).attach("files", Buffer.from(bytes), { filename }));

  it("renders a PDF's page as OCR read it, with the pixel size its evidence boxes are in", async () => {
    await expectPageImage(await page(2, pdf, "申请表.pdf"), pdf, "pdf", 2);
  });

  it("renders a TIFF, which a browser cannot show", async () => {
    const response = await page(1, makeTiff(30, 20, { dpi: 72 }), "身份证.tif");
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("image/png");
    expect(Number(response.headers["x-page-width"])).toBeGreaterThan(0);
  });

  it("answers 404 for a page beyond the file's, 400 for a malformed page, 415 for a file of another kind", async () => {
    expect((await page(3, pdf, "a.pdf")).status).toBe(404);
    expect((await page("0", pdf, "a.pdf")).status).toBe(400);
    expect((await page(1, sampleBytes.text, "a.pdf")).status).toBe(415);
  });

  it("answers 413 for a file past the size limit and 409 for one it will not decode", async () => {
    const response = await page(1, Buffer.alloc(5000, 1).fill(sampleBytes.pdf, 0, sampleBytes.pdf.length), "big.pdf");
    expect(response.status).toBe(413);
    // An image declaring more pixels than intake allows: never decoded.
    const broken = await page(1, makePdf({ image: { width: 20_000, height: 20_000 } }), "bomb.pdf");
    expect(broken.status).toBe(409);
    expect(errorOf(broken)).toEqual({
      code: "conflict",
      // The renderer refused it: a status, not a file problem intake describes.
      message: "文件“bomb.pdf”不能显示：文件无法显示为图片。",
      details: { problem: "unreadable" },
      requestId: expect.any(String),
    });
  });
});

describe("POST /api/prefill with a caseId", () => {
  it("serves the case's prefill to the holder of the case secret, the form's typed values as a source", async () => {
    const caseId = await doneCase({ name: "王建图" });
    const response = await request(app).post("/api/prefill").set("X-Case-Secret", SECRET).send({ caseId });
    expect(response.status).toBe(200);
    expect(response.body.origin).toBe("case");
    expect(fieldOf(response.body, "name")).toMatchObject({ status: "conflict" });
    expect(response.body.conflicts).toEqual(["name"]);
  });

  it("serves the prefill the case finished with, the same one its report carries", async () => {
    const { catalog } = await sharedIndex();
    const report = retirementReport();
    // Finished with 王建图 typed; the stored form says nothing: a prefill computed again would not conflict.
    const prefill = prefillFromReport({ catalog, report, scenario: RETIREMENT_SCENARIO, typed: { name: "王建图" } });
    const caseId = await doneCase({}, { ...report, prefill });
    const response = await request(app).post("/api/prefill").set("X-Case-Secret", SECRET).send({ caseId });
    expect(response.status).toBe(200);
    expect(response.body.conflicts).toEqual(["name"]);
    const view = await request(app).get(`/api/prereview/${caseId}`).set("X-Case-Secret", SECRET);
    expect(view.status).toBe(200);
    expect(view.body.report.prefill.conflicts).toEqual(["name"]);
    expect((await request(app).get(`/api/prereview/${caseId}`)).status).toBe(401);
  });

  it("serves a clerk and records the view in the audit trail", async () => {
    const caseId = await doneCase();
    const response = await request(app).post("/api/prefill").set("Authorization", `Bearer ${CLERK}`).send({ caseId });
    expect(response.status).toBe(200);
    const events = await storage.audit.listByCase(caseId);
    expect(events.some((event) => event.action === "case_viewed" && event.detail?.view === "prefill")).toBe(true);
  });

  it("answers 401 without credentials and 403 with a wrong secret", async () => {
    const caseId = await doneCase();
    expect((await request(app).post("/api/prefill").send({ caseId })).status).toBe(401);
    const wrong = await request(app).post("/api/prefill").set("X-Case-Secret", "wrong").send({ caseId });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.message).toContain("预审凭证无效");
  });

  it("answers 409 for a case still queued", async () => {
    const record = await storage.prereviewCases.create({
      secretHash: hashCaseSecret(SECRET),
      bundleId: "retirement",
      files: [],
      actor: "applicant",
    });
    const response = await request(app).post("/api/prefill").set("X-Case-Secret", SECRET).send({ caseId: record.id });
    expect(response.status).toBe(409);
    expect(response.body.error.message).toContain("排队");
  });
});

describe("POST /api/prefill with a sessionId", () => {
  const scenarioState = { scenario: { bundleId: "retirement", answers: RETIREMENT_SCENARIO } };

  it("fills from the session's bundle and the signed portal profile", async () => {
    const session = await storage.sessions.create({ clientKey: "test", userId: "user-1", state: scenarioState });
    const response = await request(app)
      .post("/api/prefill")
      .set("X-Banshi-User-Token", portalToken({ sub: "user-1", name: "王建国", idNumber: RETIREE_ID }))
      .send({ sessionId: session.id });
    expect(response.status).toBe(200);
    expect(response.body.origin).toBe("session");
    expect(fieldOf(response.body, "name")).toMatchObject({ status: "filled", source: { kind: "portal_profile" } });
    expect(fieldOf(response.body, "birthDate")).toMatchObject({ value: "1965-02-10", source: { kind: "derived" } });
  });

  it("hides a signed-in user's session from anyone else", async () => {
    const session = await storage.sessions.create({ clientKey: "test", userId: "user-2", state: scenarioState });
    const anonymous = await request(app).post("/api/prefill").send({ sessionId: session.id });
    expect(anonymous.status).toBe(404);
    const other = await request(app)
      .post("/api/prefill")
      .set("X-Banshi-User-Token", portalToken({ sub: "user-3" }))
      .send({ sessionId: session.id });
    expect(other.status).toBe(404);
  });

  it("answers 409 for a session that has not settled on a bundle or matter", async () => {
    const session = await storage.sessions.create({ clientKey: "test" });
    const response = await request(app).post("/api/prefill").send({ sessionId: session.id });
    expect(response.status).toBe(409);
  });

  it("answers 401 for a forged portal token", async () => {
    const session = await storage.sessions.create({ clientKey: "test", state: scenarioState });
    const response = await request(app)
      .post("/api/prefill")
      .set("X-Banshi-User-Token", "forged.token")
      .send({ sessionId: session.id });
    expect(response.status).toBe(401);
  });
});

describe("POST /api/prefill with a bundle and typed values", () => {
  it("offers a typed ID number with a wrong check character with its problem named", async () => {
    const wrong = RETIREE_ID.slice(0, 17) + (RETIREE_ID[17] === "1" ? "2" : "1");
    const response = await request(app)
      .post("/api/prefill")
      .send({ bundleId: "retirement", scenario: RETIREMENT_SCENARIO, form: { idNumber: wrong } });
    expect(response.status).toBe(200);
    expect(fieldOf(response.body, "idNumber")).toMatchObject({
      status: "needs_check",
      problem: { code: "id_check_digit" },
    });
  });

  it("checks an impossible typed application date against today instead, and names its problem", async () => {
    const response = await request(app)
      .post("/api/prefill")
      .send({ bundleId: "retirement", scenario: RETIREMENT_SCENARIO, form: { applicationDate: "2026-02-30" } });
    expect(response.status).toBe(200);
    expect(response.body.referenceDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(response.body.referenceDate).not.toBe("2026-02-30");
    expect(fieldOf(response.body, "applicationDate")).toMatchObject({
      status: "needs_check",
      problem: { code: "date_impossible" },
    });
  });

  it("refuses a body naming two targets, or unknown keys, with 400", async () => {
    const both = await request(app).post("/api/prefill").send({ bundleId: "retirement", caseId: crypto.randomUUID() });
    expect(both.status).toBe(400);
    expect(both.body.error.message).toContain("只提供以下一项");
    const extra = await request(app).post("/api/prefill").send({ bundleId: "retirement", surprise: 1 });
    expect(extra.status).toBe(400);
    const badId = await request(app).post("/api/prefill").send({ caseId: "nope" });
    expect(badId.body.error.message).toContain("caseId");
  });

  it("refuses other media types with 415", async () => {
    const response = await request(app).post("/api/prefill").type("text/plain").send("bundleId=retirement");
    expect(response.status).toBe(415);
  });
});

describe("GET /api/bundles/:id/form", () => {
  it("returns labels, types, choices and required flags", async () => {
    const response = await request(app).get("/api/bundles/retirement/form");
    expect(response.status).toBe(200);
    expect(response.body.title).toBe("退休“一件事”");
    expect(fieldOf(response.body, "idNumber")).toEqual({
      name: "idNumber",
      label: "公民身份号码",
      type: "id_number",
      required: true,
    });
    expect(fieldOf(response.body, "retirementCategory")).toMatchObject({
      type: "choice",
      choices: expect.arrayContaining([{ value: "female_worker", label: "女工人" }]),
    });
  });

  it("returns a matter's form and 404 for an unknown id, 400 for a malformed one", async () => {
    expect((await request(app).get("/api/matters/enterprise-deregistration/form")).body.fields.length).toBeGreaterThan(
      3,
    );
    expect((await request(app).get("/api/bundles/nothing-here/form")).status).toBe(404);
    expect((await request(app).get("/api/bundles/Bad_Id/form")).status).toBe(400);
  });
});

describe("OpenAPI", () => {
  it("documents the prefill and form endpoints", async () => {
    const paths = (await request(app).get("/openapi.json")).body.paths;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        "/api/prefill",
        "/api/prefill/pages/{page}",
        "/api/bundles/{id}/form",
        "/api/matters/{id}/form",
      ]),
    );
    expect(paths["/api/prefill"].post.requestBody.content).toHaveProperty("multipart/form-data");
  });
});
