import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createStorage, type Storage } from "../../storage/index.js";
import { cannedReport } from "../queue/__fixtures__/fake-pipeline.js";
import { createLocalCaseFileStore } from "./local-case-file-store.js";
import { REDACTED, redactCaseData } from "./redact-case-data.js";
import { RETENTION_FAILURE_REASON, type SweeperClock, createRetentionSweeper } from "./retention-sweeper.js";

const DAY = 86_400_000;
let dataDir: string;
let storage: Storage;
const fileStore = () => createLocalCaseFileStore({ directory: path.join(dataDir, "prereview") });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "banshi-sweeper-"));
  storage = await createStorage({ dataDir });
});
afterAll(async () => {
  await storage.close();
  await rm(dataDir, { recursive: true, force: true });
});
beforeEach(async () => {
  await storage.client.query("truncate prereview_cases, audit_events cascade");
});

/** A clock that stands still until moved, and a timer that fires only when told. */
function fakeClock(start = new Date()) {
  let now = start.getTime();
  const timers = new Map<number, { callback: () => void; milliseconds: number }>();
  let next = 1;
  const clock: SweeperClock & { advance(milliseconds: number): void; fire(): void; timers: typeof timers } = {
    now: () => new Date(now),
    setInterval(callback, milliseconds) {
      timers.set(next, { callback, milliseconds });
      return next++;
    },
    clearInterval: (handle) => void timers.delete(handle as number),
    advance(milliseconds) {
      now += milliseconds;
    },
    fire() {
      for (const timer of timers.values()) timer.callback();
    },
    timers,
  };
  return clock;
}

async function doneCase() {
  const store = fileStore();
  const id = crypto.randomUUID();
  const files = [];
  for (const fileId of ["f1", "f2"]) {
    const { storageKey } = await store.put({ caseId: id, fileId, bytes: new Uint8Array([1, 2, 3]) });
    files.push({ fileId, originalName: `张三-${fileId}.jpg`, kind: "jpeg", sizeBytes: 3, sha256: "x", storageKey });
  }
  await storage.prereviewCases.create({
    id,
    secretHash: "0".repeat(64),
    bundleId: "retirement",
    form: { name: "张三", idNumber: "110105194912310021", phone: "13812345678" },
    files,
    actor: "applicant",
  });
  await storage.prereviewCases.claim(id);
  const report = cannedReport({
    request: { bundleId: "retirement", scenario: {}, form: {} },
    files: files.map((file) => ({ ...file, kind: "jpeg" as const, bytes: new Uint8Array() })),
  });
  await storage.prereviewCases.complete({ caseId: id, report });
  return id;
}

const waitUntil = async (condition: () => Promise<boolean>) => {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("condition never met");
};

describe("retention sweeper", () => {
  it("keeps files within the retention period and purges them after it, redacting the report", async () => {
    const clock = fakeClock();
    const caseId = await doneCase();
    const sweeper = createRetentionSweeper({ cases: storage.prereviewCases, fileStore: fileStore(), clock });

    expect(await sweeper.sweep()).toEqual({ purged: 0, orphans: 0 });
    clock.advance(6 * DAY);
    expect(await sweeper.sweep()).toEqual({ purged: 0, orphans: 0 });
    expect(await fileStore().get(`${caseId}/f1`)).toBeDefined();

    clock.advance(1 * DAY + 60_000);
    expect(await sweeper.sweep()).toEqual({ purged: 1, orphans: 0 });
    expect(await fileStore().get(`${caseId}/f1`)).toBeUndefined();
    expect(await fileStore().listCases()).toEqual([]);

    const purged = await storage.prereviewCases.get(caseId);
    expect(purged).toMatchObject({ status: "done", filesPurgedAt: expect.any(Date) });
    expect(purged?.form).toEqual({ name: REDACTED, idNumber: REDACTED, phone: REDACTED });
    const stored = JSON.stringify(purged?.report);
    for (const personal of ["张三", "11010519491231002X", "110105194912310021", "13812345678"])
      expect(stored).not.toContain(personal);
    expect(purged?.report).toMatchObject({
      verdict: "needs_correction",
      findings: [{ id: "finding-1", ruleId: "consistency.id_number", severity: "error" }, { id: "finding-2" }],
    });
    const event = (await storage.audit.listByCase(caseId)).at(-1);
    expect(event).toMatchObject({
      action: "files_purged",
      actor: "system",
      detail: { filesDeleted: 2, retentionDays: 7 },
    });
    expect((await storage.prereviewCases.listFiles(caseId)).map((file) => file.originalName)).toEqual([
      "[已清除]",
      "[已清除]",
    ]);

    expect(await sweeper.sweep()).toEqual({ purged: 0, orphans: 0 });
  });

  it("honours a shorter retention and fails a case still queued when its files go", async () => {
    const clock = fakeClock();
    const store = fileStore();
    const id = crypto.randomUUID();
    const { storageKey } = await store.put({ caseId: id, fileId: "f1", bytes: new Uint8Array([1]) });
    await storage.prereviewCases.create({
      id,
      secretHash: "0".repeat(64),
      matterId: "retirement-application",
      files: [{ fileId: "f1", originalName: "a.pdf", sizeBytes: 1, sha256: "x", storageKey }],
      actor: "applicant",
    });
    const sweeper = createRetentionSweeper({
      cases: storage.prereviewCases,
      fileStore: store,
      clock,
      retentionDays: 1,
    });
    clock.advance(DAY + 1000);
    expect(await sweeper.sweep()).toMatchObject({ purged: 1 });
    expect(await storage.prereviewCases.get(id)).toMatchObject({
      status: "failed",
      failureReason: RETENTION_FAILURE_REASON,
    });
  });

  it("removes file directories no case keeps, after a grace period for submissions in progress", async () => {
    const clock = fakeClock();
    const store = fileStore();
    const orphan = crypto.randomUUID();
    await store.put({ caseId: orphan, fileId: "f1", bytes: new Uint8Array([1]) });
    const deleted = await doneCase();
    await storage.prereviewCases.delete({ caseId: deleted, actor: "applicant" });
    const kept = await doneCase();
    const sweeper = createRetentionSweeper({ cases: storage.prereviewCases, fileStore: store, clock });

    expect(await sweeper.sweep()).toEqual({ purged: 0, orphans: 1 }); // the deleted case's files
    clock.advance(2 * 3_600_000);
    expect(await sweeper.sweep()).toEqual({ purged: 0, orphans: 1 }); // the orphan, now past its grace
    expect((await store.listCases()).map((entry) => entry.caseId)).toEqual([kept]);
  });

  it("sweeps at start and on every interval until stopped", async () => {
    const clock = fakeClock();
    const caseId = await doneCase();
    const sweeper = createRetentionSweeper({
      cases: storage.prereviewCases,
      fileStore: fileStore(),
      clock,
      intervalMs: 60 * 60_000,
    });
    sweeper.start();
    expect([...clock.timers.values()].map((timer) => timer.milliseconds)).toEqual([3_600_000]);
    await sweeper.sweep(); // the start-up pass, already running, is shared
    expect((await storage.prereviewCases.get(caseId))?.filesPurgedAt).toBeUndefined();

    clock.advance(8 * DAY);
    clock.fire();
    await waitUntil(async () => Boolean((await storage.prereviewCases.get(caseId))?.filesPurgedAt));
    await sweeper.stop();
    expect(clock.timers.size).toBe(0);
  });
});

describe("redactCaseData", () => {
  it("blanks read values, evidence, file names and the form, and keeps the findings' structure", () => {
    const report = cannedReport({
      request: { bundleId: "retirement", scenario: {}, form: {} },
      files: [{ fileId: "f1", originalName: "张三身份证.jpg", kind: "jpeg", bytes: new Uint8Array() }],
    });
    const { report: redacted, form } = redactCaseData({ report, form: { name: "张三", age: "60" } });
    expect(form).toEqual({ name: REDACTED, age: REDACTED });
    expect(redacted).toMatchObject({
      verdict: report.verdict,
      files: [{ fileId: "f1", originalName: REDACTED }],
      documents: [{ fields: [{ name: "name", value: REDACTED, raw: REDACTED, evidence: { text: REDACTED } }, {}] }],
      findings: [{ evidence: [{ fileId: "f1", page: 1, text: REDACTED }] }, { detail: "mean confidence 0.41" }],
    });
    const text = JSON.stringify(redacted);
    expect(text).not.toMatch(/张三|11010519491231002X|110105194912310021/);
    expect(text).toContain("身份证上的号码与申请表不一致");
    expect(report.documents[0]?.fields[0]?.value).toBe("张三"); // the input is not changed
  });

  it("drops the prefilled form, which is nothing but the applicant's values", () => {
    const report = cannedReport({ request: { bundleId: "retirement", scenario: {}, form: {} }, files: [] });
    const prefill = { title: "退休", referenceDate: "2026-06-01", fields: [{ name: "name", value: "张三" }] };
    const { report: redacted } = redactCaseData({ report: { ...report, prefill }, form: {} });
    expect(redacted).not.toHaveProperty("prefill");
    expect(JSON.stringify(redacted)).not.toContain("张三");
  });

  it("passes a missing report through", () => {
    expect(redactCaseData({ form: {} })).toEqual({ form: {} });
  });
});
