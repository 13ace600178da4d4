// No request may stop the service: reading an upload (pdf.js, mupdf, canvas) runs in reader
// threads with limits, so /healthz keeps answering while a heavy file is read, and a file past a
// limit ends as a finding that names it. Real pipeline, real storage.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config.js";
import { createPrereviewServices, type PrereviewServices } from "../create-services.js";
import { createLogger } from "../logger.js";
import { makePngHeader } from "../prereview/intake/__fixtures__/make-images.js";
import { makePdf } from "../prereview/intake/__fixtures__/make-pdf.js";
import type { PrereviewReport } from "../prereview/index.js";
import { createStorage, type Storage } from "../storage/index.js";
import { KNOWLEDGE_DIR, sharedIndex } from "../test-support/shared-index.js";
import { createApp } from "./create-app.js";
import { prereviewRouterDependencies } from "./prereview-router.js";

const CLERK = "clerk-liveness-token-0123456789";
const MB = 1024 * 1024;
let app: ReturnType<typeof createApp>;
let storage: Storage;
let services: PrereviewServices;
let dataDir: string;

beforeAll(async () => {
  const { catalog, index } = await sharedIndex();
  dataDir = await mkdtemp(path.join(tmpdir(), "banshi-liveness-"));
  const config = loadConfig({
    DATA_DIR: dataDir,
    KNOWLEDGE_DIR,
    CLERK_TOKENS: CLERK,
    OCR_WORKERS: "1",
    PREREVIEW_READER_THREADS: "1",
    PREREVIEW_FILE_TIME_LIMIT_SECONDS: "3",
  });
  const logger = createLogger("silent");
  storage = await createStorage({ dataDir });
  const created = await createPrereviewServices(config, logger, storage, catalog);
  if (!created) throw new Error("pre-review services were not created");
  services = created;
  await services.start();
  app = createApp({ catalog, index, logger, prereview: prereviewRouterDependencies(services.cases, config.prereview) });
}, 60_000);

afterAll(async () => {
  await services?.stop();
  await storage?.close();
  await rm(dataDir, { recursive: true, force: true });
});

function submit(bytes: Uint8Array, name: string, contentType: string) {
  return request(app)
    .post("/api/prereview")
    .set("Authorization", `Bearer ${CLERK}`)
    .field("bundleId", "retirement")
    .attach("files", Buffer.from(bytes), { filename: name, contentType });
}

/**
 * Polls /healthz until the case is done; counts the health answers that came while the case was
 * still being read (no answers while running means the event loop was held).
 */
async function pollWhileRunning(caseId: string): Promise<{ report: PrereviewReport; answeredWhileRunning: number }> {
  let answeredWhileRunning = 0;
  for (let attempt = 0; attempt < 1000; attempt++) {
    const health = await request(app).get("/healthz");
    expect(health.status).toBe(200);
    const state = await request(app).get(`/api/prereview/${caseId}`).set("Authorization", `Bearer ${CLERK}`);
    if (state.body.status === "done") return { report: state.body.report, answeredWhileRunning };
    expect(state.body.status).not.toBe("failed");
    if (state.body.status === "running") answeredWhileRunning += 1;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("case did not finish");
}

describe("liveness while uploads are read", () => {
  it("keeps answering /healthz while a heavy PDF is read, and ends it at the file time limit", async () => {
    // 60 MB of page content (under the 64 MB inflation limit): pdf.js needs several seconds for it.
    const created = await submit(makePdf({ inflatedBytes: 60 * MB }), "heavy.pdf", "application/pdf");
    expect(created.status).toBe(202);
    const { report, answeredWhileRunning } = await pollWhileRunning(created.body.caseId);
    expect(answeredWhileRunning).toBeGreaterThanOrEqual(3);
    const finding = report.findings.find((item) => item.ruleId === "file.invalid");
    expect(finding?.message).toMatch(/3 秒的处理时限/);
    expect(finding?.detail).toContain("处理超时");
    expect(finding?.codes).toMatchObject({ problem: "time_limit" });
  });

  it("ends a compression bomb as a finding that names the inflation limit", async () => {
    const created = await submit(makePdf({ inflatedBytes: 256 * MB }), "bomb.pdf", "application/pdf");
    expect(created.status).toBe(202);
    const { report } = await pollWhileRunning(created.body.caseId);
    const finding = report.findings.find((item) => item.ruleId === "file.invalid");
    expect(finding?.message).toMatch(/解压后的内容超过 64 MB/);
    expect(report.files[0]?.problem).toBe("inflated_too_large");
  });

  it("refuses a material id at a huge array index before any array is built", async () => {
    const response = await submit(makePdf(), "a.pdf", "application/pdf").field("materialIds[4294967294]", "a");
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/超出范围/);
  });

  it("never decodes for the console a picture intake refused, before or after the report", async () => {
    const created = await submit(makePngHeader(20_000, 20_000), "huge.png", "image/png");
    expect(created.status).toBe(202);
    const pageUrl = `/api/prereview/${created.body.caseId}/files/f1/pages/1`;
    const early = await request(app).get(pageUrl).set("Authorization", `Bearer ${CLERK}`);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/图片尺寸过大/);
    const { report } = await pollWhileRunning(created.body.caseId);
    expect(report.files[0]?.problem).toBe("too_many_pixels");
    const late = await request(app).get(pageUrl).set("Authorization", `Bearer ${CLERK}`);
    expect(late.status).toBe(409);
    expect(late.body.error.details).toMatchObject({ problem: "too_many_pixels" });
  });

  it("parses page numbers strictly", async () => {
    const created = await submit(makePdf(), "a.pdf", "application/pdf");
    await pollWhileRunning(created.body.caseId);
    const page = (value: string) =>
      request(app)
        .get(`/api/prereview/${created.body.caseId}/files/f1/pages/${value}`)
        .set("Authorization", `Bearer ${CLERK}`);
    for (const bad of ["1e3", "0x10", "0", "01", "-1", "1.0", "99999999"]) expect((await page(bad)).status).toBe(400);
    expect((await page("2")).status).toBe(404);
    const first = await page("1");
    expect(first.status).toBe(200);
    expect(first.headers["content-type"]).toBe("image/png");
  });

  it("reports the event loop's delay on /healthz", async () => {
    const health = await request(app).get("/healthz");
    expect(health.body.eventLoopDelay).toMatchObject({
      windowSeconds: 10,
      p50Ms: expect.any(Number),
      p99Ms: expect.any(Number),
      maxMs: expect.any(Number),
    });
  });
});
