// The real rule engine behind the pre-review API, with a fake reader (documents come from a table by
// file name): 审查要点 in the report JSON, and new cases following a swapped catalog while a running
// case finishes on the one it started with.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Catalog } from "../catalog/index.js";
import { loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { createLocalCaseFileStore } from "../prereview/case-files/index.js";
import { type CaseService, createCaseService } from "../prereview/cases/index.js";
import {
  createPrereviewPipeline,
  type ExtractedFile,
  type PrereviewReport,
  type RecognisedDocument,
  renderCorrectionNotice,
  type TextExtractor,
} from "../prereview/index.js";
import { sampleBytes } from "../prereview/queue/__fixtures__/sample-files.js";
import { idNumberFor, RETIREMENT_SCENARIO } from "../prereview/rules/__fixtures__/case-builder.js";
import { createStorage, type Storage } from "../storage/index.js";
import { sharedIndex } from "../test-support/shared-index.js";
import { createApp } from "./create-app.js";
import { prereviewRouterDependencies } from "./prereview-router.js";

const CLERK = "clerk-token-for-catalog-0123456789";
const ID_NUMBER = idNumberFor("1965-02-10", "男");
const FORM = {
  name: "王建国",
  idNumber: ID_NUMBER,
  sex: "男",
  retirementCategory: "male",
  applicationDate: "2026-06-01",
};

/** What the fake reader "reads" in each uploaded file, by its name. */
const DOCUMENTS: Record<
  string,
  { documentType: string; side: RecognisedDocument["side"]; fields: Record<string, string> }
> = {
  "id-front.png": { documentType: "id_card", side: "front", fields: { name: FORM.name, idNumber: ID_NUMBER } },
  "id-back.png": { documentType: "id_card", side: "back", fields: { validUntil: "2026-03-01" } },
  "card.png": {
    documentType: "social_security_card",
    side: "single",
    fields: { name: FORM.name, idNumber: ID_NUMBER },
  },
  "form.png": {
    documentType: "application_form",
    side: "single",
    fields: { formTitle: "退休“一件事”联办申请表", name: FORM.name, idNumber: ID_NUMBER },
  },
};

let app: ReturnType<typeof createApp>;
let storage: Storage;
let cases: CaseService;
let dataDir: string;
let original: Catalog;
let serving: Catalog;
/** A file named `slow-…` waits here until the test opens the gate; `started` says it is being read. */
let gate = deferred();
let started = deferred();

function deferred() {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

const extractor: TextExtractor = {
  async extract(file) {
    const name = file.originalName.replace(/^slow-/, "");
    if (name !== file.originalName) {
      started.resolve();
      await gate.promise;
    }
    return {
      fileId: file.fileId,
      kind: file.kind,
      pageCount: 1,
      pages: [
        {
          page: 1,
          source: "pdf_text",
          lines: [{ text: name, confidence: 1 }],
          confidence: 1,
          quality: [],
          milliseconds: 0,
        },
      ],
    };
  },
  close: async () => {},
};

function readDocuments(file: ExtractedFile): RecognisedDocument[] {
  const name = file.pages[0]?.lines[0]?.text ?? "";
  const document = DOCUMENTS[name];
  if (!document) return [];
  return [
    {
      id: file.fileId,
      fileId: file.fileId,
      pages: [1],
      documentType: document.documentType,
      side: document.side,
      confidence: 0.95,
      fields: Object.entries(document.fields).map(([field, value]) => ({
        name: field,
        value,
        raw: value,
        confidence: 0.95,
        evidence: { fileId: file.fileId, page: 1, text: `${field} ${value}` },
      })),
    },
  ];
}

beforeAll(async () => {
  const { catalog, index } = await sharedIndex();
  original = catalog;
  serving = catalog;
  dataDir = await mkdtemp(path.join(tmpdir(), "banshi-prereview-catalog-"));
  storage = await createStorage({ dataDir });
  const logger = createLogger("silent");
  const pipeline = createPrereviewPipeline({
    catalog: () => serving,
    extractor,
    readDocuments,
  });
  cases = createCaseService({
    pipeline,
    storage,
    fileStore: createLocalCaseFileStore({ directory: path.join(dataDir, "prereview") }),
    logger,
    renderNotice: renderCorrectionNotice,
    concurrency: 2,
  });
  await cases.start({ sweep: false });
  const config = loadConfig({ DATA_DIR: dataDir, CLERK_TOKENS: CLERK });
  app = createApp({ catalog, index, logger, prereview: prereviewRouterDependencies(cases, config.prereview) });
});

afterAll(async () => {
  gate.resolve();
  await cases?.stop();
  await storage?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const MATERIALS: Record<string, string> = {
  "id-front.png": "applicant-id-card",
  "id-back.png": "applicant-id-card",
  "card.png": "social-security-card",
  "form.png": "retirement-joint-form",
};

async function submit(names: string[]): Promise<string> {
  let call = request(app)
    .post("/api/prereview")
    .set("Authorization", `Bearer ${CLERK}`)
    .field("bundleId", "retirement")
    .field("scenario", JSON.stringify(RETIREMENT_SCENARIO))
    .field("form", JSON.stringify(FORM));
  for (const name of names) call = call.field("materialIds", MATERIALS[name.replace(/^slow-/, "")] ?? "");
  for (const name of names) call = call.attach("files", sampleBytes.png, { filename: name, contentType: "image/png" });
  const response = await call;
  expect(response.status, JSON.stringify(response.body)).toBe(202);
  return response.body.caseId;
}

async function report(caseId: string): Promise<PrereviewReport> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const response = await request(app).get(`/api/prereview/${caseId}`).set("Authorization", `Bearer ${CLERK}`);
    expect(response.status).toBe(200);
    if (response.body.status === "done") return response.body.report;
    if (response.body.status === "failed") throw new Error(`case failed: ${response.body.failureReason}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`case ${caseId} did not finish`);
}

describe("GET /api/prereview/:caseId with review points", () => {
  it("lists each material's 审查要点 with the rules enforcing it, and the point a finding's rule enforces", async () => {
    const body = await report(await submit(["id-front.png", "id-back.png", "card.png", "form.png"]));
    const idCard = body.materials.find((material) => material.id === "applicant-id-card");
    const validity = idCard?.reviewPoints?.find((point) => point.id === "in-validity");
    expect(validity?.checkedBy).toContainEqual({ ruleId: "validity.expired", label: expect.any(String) });
    const expired = body.findings.find((finding) => finding.ruleId === "validity.expired");
    expect(expired?.reviewPoints).toEqual([{ materialId: "applicant-id-card", pointId: "in-validity" }]);
    // Every reference names a point the report lists.
    for (const finding of body.findings)
      for (const reference of finding.reviewPoints ?? [])
        expect(
          body.materials
            .find((material) => material.id === reference.materialId)
            ?.reviewPoints?.map((point) => point.id),
        ).toContain(reference.pointId);
  });

  it("documents review points in the OpenAPI report schema", async () => {
    const response = await request(app).get("/openapi.json");
    expect(JSON.stringify(response.body)).toContain("checkedBy");
  });
});

describe("pre-review after the catalog is swapped", () => {
  it("reviews new cases against the current catalog while a running case finishes on the one it started with", async () => {
    const bundle = original.bundles.get("retirement");
    if (!bundle) throw new Error("sample catalog without the retirement bundle");
    const renamed: Catalog = {
      ...original,
      bundles: new Map(original.bundles).set("retirement", { ...bundle, name: "退休“一件事”（新版本）" }),
    };
    gate = deferred();
    started = deferred();
    const running = await submit(["slow-id-front.png", "id-back.png", "card.png", "form.png"]);
    await started.promise;
    serving = renamed;
    try {
      const fresh = await submit(["id-front.png", "id-back.png", "card.png", "form.png"]);
      gate.resolve();
      expect((await report(running)).title).toBe(bundle.name);
      expect((await report(fresh)).title).toBe("退休“一件事”（新版本）");
    } finally {
      serving = original;
      gate.resolve();
    }
  });
});
