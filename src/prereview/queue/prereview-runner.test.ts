import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createStorage, type Storage } from "../../storage/index.js";
import { type CaseFileStore, createLocalCaseFileStore } from "../case-files/index.js";
import type { PrereviewReport } from "../types.js";
import { cannedReport, createFakePipeline } from "./__fixtures__/fake-pipeline.js";
import { sampleBytes } from "./__fixtures__/sample-files.js";
import { createInProcessJobQueue } from "./in-process-job-queue.js";
import { FAILURE_REASONS, type PrereviewRunner, createPrereviewRunner } from "./prereview-runner.js";
import type { PrereviewPipeline } from "../pipeline.js";

const directories: string[] = [];
const opened: Storage[] = [];
const runners: PrereviewRunner[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.stop()));
});
afterAll(async () => {
  await Promise.all(opened.splice(0).map((storage) => storage.close()));
  await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
});

/** One database for the tests that do not restart; each test's cases are its own. */
let shared: Awaited<ReturnType<typeof open>>;
beforeAll(async () => {
  shared = await open();
});

async function open(dataDir?: string) {
  const directory = dataDir ?? (await mkdtemp(path.join(tmpdir(), "banshi-runner-")));
  if (!dataDir) directories.push(directory);
  const storage = await createStorage({ dataDir: directory });
  opened.push(storage);
  const fileStore = createLocalCaseFileStore({ directory: path.join(directory, "prereview") });
  return { dataDir: directory, storage, fileStore };
}

async function submit(storage: Storage, fileStore: CaseFileStore, options: { storeBytes?: boolean } = {}) {
  const id = crypto.randomUUID();
  const { storageKey } =
    options.storeBytes === false
      ? { storageKey: `${id}/f1` }
      : await fileStore.put({ caseId: id, fileId: "f1", bytes: sampleBytes.pdf });
  await storage.prereviewCases.create({
    id,
    secretHash: "0".repeat(64),
    bundleId: "retirement",
    form: { name: "张三", idNumber: "11010519491231002X" },
    files: [
      {
        fileId: "f1",
        originalName: "身份证.pdf",
        declaredMaterialId: "id-card",
        kind: "pdf",
        claimedMimeType: "application/pdf",
        sizeBytes: sampleBytes.pdf.length,
        sha256: "x",
        storageKey,
      },
    ],
    actor: "applicant",
  });
  return id;
}

function startRunner(
  storage: Storage,
  fileStore: CaseFileStore,
  pipeline: Pick<PrereviewPipeline, "run">,
  leaseMs?: number,
) {
  const entries: { level: string; details: Record<string, unknown>; message: string }[] = [];
  const logger = {
    info: (details: Record<string, unknown>, message: string) => void entries.push({ level: "info", details, message }),
    warn: (details: Record<string, unknown>, message: string) => void entries.push({ level: "warn", details, message }),
    error: (details: Record<string, unknown>, message: string) =>
      void entries.push({ level: "error", details, message }),
  };
  const runner = createPrereviewRunner({
    cases: storage.prereviewCases,
    fileStore,
    pipeline,
    queue: createInProcessJobQueue(),
    logger,
    ...(leaseMs ? { leaseMs } : {}),
  });
  runners.push(runner);
  return { runner, entries };
}

/** A pipeline whose run waits until `finish` is called, then gives the canned report. */
function heldPipeline() {
  let finish: () => void = () => {};
  const pipeline = createFakePipeline({
    run: async (input) => {
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
      return cannedReport(input);
    },
  });
  return { pipeline, finish: () => finish() };
}

async function waitFor(storage: Storage, caseId: string, statuses: string[]) {
  for (let attempt = 0; attempt < 500; attempt++) {
    const record = await storage.prereviewCases.get(caseId);
    if (record && statuses.includes(record.status)) return record;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`case ${caseId} never reached ${statuses.join("|")}`);
}

describe("pre-review runner", () => {
  it("runs a queued case through the pipeline with its files and stores the report", async () => {
    const { storage, fileStore } = shared;
    const pipeline = createFakePipeline();
    const { runner } = startRunner(storage, fileStore, pipeline);
    await runner.start();
    const caseId = await submit(storage, fileStore);
    await runner.enqueue(caseId);
    const done = await waitFor(storage, caseId, ["done"]);
    expect(done.report).toMatchObject({
      verdict: "needs_correction",
      findings: [{ id: "finding-1" }, { id: "finding-2" }],
    });
    const [call] = pipeline.calls;
    expect(call?.request).toEqual({ bundleId: "retirement", matterId: undefined, scenario: {}, form: done.form });
    expect(call?.now).toEqual(done.createdAt);
    expect(call?.files).toEqual([
      {
        fileId: "f1",
        originalName: "身份证.pdf",
        declaredMaterialId: "id-card",
        kind: "pdf",
        claimedMimeType: "application/pdf",
        bytes: new Uint8Array(sampleBytes.pdf),
      },
    ]);
    const actions = (await storage.audit.listByCase(caseId)).map((event) => event.action);
    expect(actions).toEqual(["case_created", "job_started", "job_done"]);
  });

  it("marks the case failed with a Chinese reason when the pipeline throws, and keeps running others", async () => {
    const { storage, fileStore } = shared;
    let calls = 0;
    const pipeline = createFakePipeline({
      run: async (input) => {
        calls += 1;
        if (calls === 1) throw new Error("OCR pool closed while reading 11010519491231002X");
        const { cannedReport } = await import("./__fixtures__/fake-pipeline.js");
        return cannedReport(input);
      },
    });
    const { runner, entries } = startRunner(storage, fileStore, pipeline);
    await runner.start();
    const failing = await submit(storage, fileStore);
    const fine = await submit(storage, fileStore);
    await runner.enqueue(failing);
    await runner.enqueue(fine);
    expect(await waitFor(storage, failing, ["failed"])).toMatchObject({ failureReason: FAILURE_REASONS.pipeline });
    await waitFor(storage, fine, ["done"]);
    const logged = JSON.stringify(entries);
    expect(logged).toContain("pre-review pipeline failed");
    expect(logged).toContain("110105********002X");
    expect(logged).not.toContain("11010519491231002X");
  });

  it("fails a case whose report does not fit the schema", async () => {
    const { storage, fileStore } = shared;
    const pipeline = createFakePipeline({ run: async () => ({ verdict: "maybe" }) as unknown as PrereviewReport });
    const { runner } = startRunner(storage, fileStore, pipeline);
    const caseId = await submit(storage, fileStore);
    expect(await runner.runCase(caseId)).toEqual({ status: "failed", reason: FAILURE_REASONS.pipeline });
  });

  it("fails a case whose files are missing in the file store, with a clear reason", async () => {
    const { storage, fileStore } = shared;
    const pipeline = createFakePipeline();
    const { runner, entries } = startRunner(storage, fileStore, pipeline);
    const caseId = await submit(storage, fileStore, { storeBytes: false });
    expect(await runner.runCase(caseId)).toEqual({ status: "failed", reason: FAILURE_REASONS.filesMissing });
    expect(await storage.prereviewCases.get(caseId)).toMatchObject({
      status: "failed",
      failureReason: FAILURE_REASONS.filesMissing,
    });
    expect(pipeline.calls).toEqual([]);
    expect(entries.map((entry) => entry.message)).toContain("pre-review case files missing in the file store");
  });

  it("skips a case that is no longer queued", async () => {
    const { storage, fileStore } = shared;
    const { runner } = startRunner(storage, fileStore, createFakePipeline());
    const caseId = await submit(storage, fileStore);
    await storage.prereviewCases.delete({ caseId, actor: "applicant" });
    expect(await runner.runCase(caseId)).toEqual({ status: "skipped" });
  });

  it("after a crash, a new runner over the same data directory finishes every case", async () => {
    const first = await open();
    const stuck = createFakePipeline({ run: () => new Promise(() => {}) });
    const queue = createInProcessJobQueue();
    const crashed = createPrereviewRunner({
      cases: first.storage.prereviewCases,
      fileStore: first.fileStore,
      pipeline: stuck,
      queue,
      leaseMs: 150,
    });
    const ids = [
      await submit(first.storage, first.fileStore),
      await submit(first.storage, first.fileStore),
      await submit(first.storage, first.fileStore),
    ];
    expect(await crashed.start()).toEqual({ enqueued: 3, requeued: 0, failed: 0 });
    while (stuck.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const running = await first.storage.prereviewCases.get(ids[0] ?? "");
    expect(running?.status).toBe("running");

    // The "crash": nothing drains, the database is closed under the stuck job, and its lease
    // (no longer renewed) runs out.
    await queue.stop({ drain: false });
    await first.storage.close();
    opened.splice(opened.indexOf(first.storage), 1);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const second = await open(first.dataDir);
    const pipeline = createFakePipeline();
    const { runner } = startRunner(second.storage, second.fileStore, pipeline);
    expect(await runner.start()).toEqual({ enqueued: 3, requeued: 1, failed: 0 });
    for (const id of ids) await waitFor(second.storage, id, ["done"]);
    expect((await second.storage.prereviewCases.get(ids[0] ?? ""))?.attempts).toBe(2);
    expect((await second.storage.prereviewCases.get(ids[1] ?? ""))?.attempts).toBe(1);
    const actions = (await second.storage.audit.listByCase(ids[0] ?? "")).map((event) => event.action);
    expect(actions).toEqual(["case_created", "job_started", "job_requeued", "job_started", "job_done"]);
  });

  it("does not take a case from a live runner that keeps renewing its lease", async () => {
    const { storage, fileStore } = shared;
    const { pipeline: slow, finish: release } = heldPipeline();
    const busy = createPrereviewRunner({
      cases: storage.prereviewCases,
      fileStore,
      pipeline: slow,
      queue: createInProcessJobQueue(),
      leaseMs: 90,
    });
    await busy.start();
    const caseId = await submit(storage, fileStore);
    await busy.enqueue(caseId);
    while (slow.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    // Another node starts while the job runs, and checks for dead workers every 45 ms for 400 ms.
    const { runner } = startRunner(storage, fileStore, createFakePipeline(), 90);
    await runner.start();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await storage.prereviewCases.get(caseId)).toMatchObject({ status: "running", attempts: 1 });
    release();
    await waitFor(storage, caseId, ["done"]);
    const actions = (await storage.audit.listByCase(caseId)).map((event) => event.action);
    expect(actions).toEqual(["case_created", "job_started", "job_done"]);
    await busy.stop();
  });

  it("hands a case it cannot finish within the grace period back at once, and discards the late report", async () => {
    const { storage, fileStore } = shared;
    const { pipeline: slow, finish: finishLate } = heldPipeline();
    // A lease far longer than the test: only the hand-back can let another runner in.
    const { runner: stopping, entries } = startRunner(storage, fileStore, slow, 3_600_000);
    await stopping.start();
    const caseId = await submit(storage, fileStore);
    await stopping.enqueue(caseId);
    while (slow.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));

    expect(await stopping.stop({ graceMs: 20 })).toEqual({ handedBack: [caseId] });
    expect(await storage.prereviewCases.get(caseId)).toMatchObject({ status: "queued", attempts: 1 });
    const [requeued] = (await storage.audit.listByCase(caseId)).filter((event) => event.action === "job_requeued");
    expect(requeued?.detail).toEqual({ reason: "shutdown", attempts: 1 });

    // Another runner takes it at once (its lease is an hour) and finishes it as the second attempt.
    const { runner: next } = startRunner(storage, fileStore, createFakePipeline(), 3_600_000);
    await next.start();
    expect(await waitFor(storage, caseId, ["done"])).toMatchObject({ attempts: 2 });

    // The first run ends after all: its report belongs to a claim that is gone and is not stored.
    finishLate();
    while (!entries.some((entry) => entry.message.includes("handed back before it finished")))
      await new Promise((resolve) => setTimeout(resolve, 5));
    const actions = (await storage.audit.listByCase(caseId)).map((event) => event.action);
    expect(actions).toEqual(["case_created", "job_started", "job_requeued", "job_started", "job_done"]);
  });

  it("waits for a job that finishes within the grace period and hands nothing back", async () => {
    const { storage, fileStore } = shared;
    const { pipeline, finish } = heldPipeline();
    const { runner } = startRunner(storage, fileStore, pipeline);
    await runner.start();
    const caseId = await submit(storage, fileStore);
    await runner.enqueue(caseId);
    while (pipeline.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const stopped = runner.stop({ graceMs: 60_000 });
    finish();
    expect(await stopped).toEqual({ handedBack: [] });
    expect(await storage.prereviewCases.get(caseId)).toMatchObject({ status: "done", attempts: 1 });
  });

  it("gives up on a case interrupted three times", async () => {
    const { storage, fileStore } = shared;
    const caseId = await submit(storage, fileStore);
    for (let crash = 0; crash < 3; crash++) {
      await storage.prereviewCases.claim(caseId);
      if (crash < 2) await storage.prereviewCases.requeueInterrupted({ maxAttempts: 3, failureReason: "x" });
    }
    const pipeline = createFakePipeline();
    const { runner } = startRunner(storage, fileStore, pipeline);
    expect(await runner.start()).toEqual({ enqueued: 0, requeued: 0, failed: 1 });
    expect(await storage.prereviewCases.get(caseId)).toMatchObject({
      status: "failed",
      attempts: 3,
      failureReason: "服务重启时该预审中断次数过多，请重新提交。",
    });
    expect(pipeline.calls).toEqual([]);
  });
});
