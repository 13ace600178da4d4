// The whole pre-review path as a user meets it: multipart upload of generated materials, the real
// pipeline (pdf-parse, mupdf, tesseract.js), the job queue, the report and the correction notice.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePrereviewCases, type PrereviewCase } from "../../evals/prereview/generator/index.js";
import { loadConfig } from "../config.js";
import { createPrereviewServices, type PrereviewServices } from "../create-services.js";
import { createLogger } from "../logger.js";
import type { PrereviewReport } from "../prereview/index.js";
import { createStorage, type Storage } from "../storage/index.js";
import { KNOWLEDGE_DIR, sharedIndex } from "../test-support/shared-index.js";
import { createApp } from "./create-app.js";
import { prereviewRouterDependencies } from "./prereview-router.js";

const CLERK = "clerk-flow-token-0123456789abcdef";
let app: ReturnType<typeof createApp>;
let storage: Storage;
let services: PrereviewServices;
let dataDir: string;
let cases: PrereviewCase[];

beforeAll(async () => {
  const { catalog, index } = await sharedIndex();
  dataDir = await mkdtemp(path.join(tmpdir(), "banshi-prereview-flow-"));
  const config = loadConfig({ DATA_DIR: dataDir, KNOWLEDGE_DIR, CLERK_TOKENS: CLERK, OCR_WORKERS: "2" });
  const logger = createLogger("silent");
  storage = await createStorage({ dataDir });
  const created = await createPrereviewServices(config, logger, storage, catalog);
  if (!created) throw new Error("pre-review services were not created");
  services = created;
  await services.start();
  app = createApp({ catalog, index, logger, prereview: prereviewRouterDependencies(services.cases, config.prereview) });
  cases = await generatePrereviewCases({ seed: 7, count: 12 });
}, 60_000);

afterAll(async () => {
  await services?.stop();
  await storage?.close();
  await rm(dataDir, { recursive: true, force: true });
});

function upload(
  item: Pick<PrereviewCase, "bundleId" | "matterId" | "scenario" | "form">,
  files: { name: string; bytes: Uint8Array; materialId?: string }[],
) {
  let post = request(app).post("/api/prereview");
  post = item.bundleId ? post.field("bundleId", item.bundleId) : post.field("matterId", item.matterId ?? "");
  post = post.field("scenario", JSON.stringify(item.scenario)).field("form", JSON.stringify(item.form));
  for (const file of files) post = post.field("materialIds", file.materialId ?? "");
  for (const file of files) post = post.attach("files", Buffer.from(file.bytes), file.name);
  return post;
}

async function waitForReport(caseId: string, secret: string): Promise<PrereviewReport> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const response = await request(app).get(`/api/prereview/${caseId}`).set("X-Case-Secret", secret);
    expect(response.status).toBe(200);
    if (response.body.status === "done") return response.body.report as PrereviewReport;
    if (response.body.status === "failed") throw new Error(`case failed: ${response.body.failureReason}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("case did not finish");
}

function pick(bundleId: string, clean: boolean): PrereviewCase {
  const found = cases.find((item) => item.bundleId === bundleId && (item.expected.defects.length === 0) === clean);
  if (!found) throw new Error(`no generated ${bundleId} case (clean=${clean}) for seed 7`);
  return found;
}

describe("pre-review over HTTP with the real pipeline", () => {
  for (const bundleId of ["retirement", "newborn"]) {
    it(`reports each planted defect of a generated ${bundleId} case, and a notice that names the fix`, async () => {
      const item = pick(bundleId, false);
      const created = await upload(item, item.files);
      expect(created.status).toBe(202);
      const report = await waitForReport(created.body.caseId, created.body.secret);
      for (const defect of item.expected.defects)
        expect(
          report.findings.some(
            (finding) =>
              finding.ruleId === defect.ruleId && (!defect.materialId || finding.materialId === defect.materialId),
          ),
          `${item.description}: expected ${defect.ruleId}@${defect.materialId ?? ""}, got ${report.findings.map((finding) => finding.ruleId).join(", ")}`,
        ).toBe(true);
      expect(report.verdict).toBe(item.expected.verdict);
      const notice = await request(app)
        .get(`/api/prereview/${created.body.caseId}/notice?format=text`)
        .set("X-Case-Secret", created.body.secret);
      expect(notice.status).toBe(200);
      expect(notice.text).toContain(report.title);
      expect(notice.text).toContain(report.findings[0]?.message.slice(0, 8));
    }, 120_000);
  }

  it("passes a clean generated 退休 case and its printable notice says so", async () => {
    const item = pick("retirement", true);
    const created = await upload(item, item.files);
    const report = await waitForReport(created.body.caseId, created.body.secret);
    expect(report.findings.filter((finding) => finding.severity !== "info")).toEqual([]);
    expect(report.verdict).toBe("pass");
    const html = await request(app)
      .get(`/api/prereview/${created.body.caseId}/notice`)
      .set("Authorization", `Bearer ${CLERK}`);
    expect(html.headers["content-type"]).toMatch(/text\/html/);
    expect(html.text).toContain("未发现需要补正的问题");
  }, 120_000);

  it("turns corrupt and encrypted PDFs into findings, takes a mislabelled PNG by its bytes, and keeps serving", async () => {
    const item = pick("retirement", true);
    const pdf = await PDFDocument.create();
    pdf.addPage([200, 200]);
    const validPdf = await pdf.save();
    const truncated = validPdf.slice(0, Math.floor(validPdf.length / 3));
    const encrypted = Buffer.from(
      "%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[]/Count 0>> endobj\n" +
        "3 0 obj <</Filter/Standard/V 2/R 3/Length 128/O<00>/U<00>/P -4>> endobj\n" +
        "trailer <</Root 1 0 R/Encrypt 3 0 R/ID[<01><01>]>>\n%%EOF\n",
    );
    const idCard = item.files.find((file) => file.materialId === "applicant-id-card" && file.mimeType === "image/png");
    const files = [
      { name: "社保卡.pdf", bytes: truncated, materialId: "social-security-card" },
      { name: "申请表.pdf", bytes: new Uint8Array(encrypted), materialId: "retirement-joint-form" },
      ...(idCard ? [{ name: "身份证.pdf", bytes: idCard.bytes, materialId: "applicant-id-card" }] : []),
    ];
    const created = await upload(item, files);
    expect(created.status).toBe(202);
    const report = await waitForReport(created.body.caseId, created.body.secret);
    const invalid = report.findings.filter((finding) => finding.ruleId === "file.invalid");
    expect(invalid.map((finding) => finding.materialId).sort()).toEqual([
      "retirement-joint-form",
      "social-security-card",
    ]);
    expect(report.files.find((file) => file.originalName === "申请表.pdf")?.problem).toBe("encrypted");
    if (idCard) expect(report.files.find((file) => file.originalName === "身份证.pdf")?.kind).toBe("png");
    expect(report.verdict).toBe("needs_correction");
    expect((await request(app).get("/healthz")).status).toBe(200);
  }, 120_000);

  it("rejects an empty file and bytes of no accepted type before storing anything", async () => {
    const item = pick("retirement", true);
    const empty = await upload(item, [{ name: "空.jpg", bytes: new Uint8Array() }]);
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain("空.jpg");
    const zip = await upload(item, [{ name: "材料.pdf", bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]) }]);
    expect(zip.status).toBe(415);
    expect(zip.body.error.code).toBe("unsupported_media_type");
    expect((await request(app).get("/healthz")).status).toBe(200);
  });
});
