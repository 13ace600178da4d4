import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { Storage } from "./create-storage.js";
import type { CreatePrereviewCaseOptions } from "./prereview-case-repository.js";

const MISSING_ID = "00000000-0000-4000-8000-000000000000";

const report = (findings: { id: string; severity: string }[] = []) => ({
  verdict: "needs_correction",
  summary: "缺少材料",
  documents: [{ id: "f1", fields: [{ name: "name", value: "张三", raw: "张三", evidence: { text: "姓名 张三" } }] }],
  findings: findings.map((finding) => ({ ...finding, evidence: [{ fileId: "f1", text: "张三" }] })),
});

/** The pre-review tables' behaviour, run by describeStorageContract on every engine. */
export function describePrereviewStorageContract(storageOf: () => Storage): void {
  let storage: Storage;
  beforeEach(async () => {
    storage = storageOf();
    await storage.client.query("truncate prereview_cases, audit_events cascade");
  });

  const newCase = (overrides: Partial<CreatePrereviewCaseOptions> = {}) =>
    storage.prereviewCases.create({
      secretHash: "a".repeat(64),
      bundleId: "retirement",
      scenario: { "applicant-type": "flexible" },
      form: { name: "张三", idNumber: "11010519491231002X" },
      files: [
        {
          fileId: "f1",
          originalName: "身份证.jpg",
          kind: "jpeg",
          sizeBytes: 10,
          sha256: "b".repeat(64),
          storageKey: "x/f1",
        },
        {
          fileId: "f2",
          originalName: "户口簿.pdf",
          declaredMaterialId: "household-register",
          kind: "pdf",
          claimedMimeType: "application/pdf",
          sizeBytes: 20,
          sha256: "c".repeat(64),
          storageKey: "x/f2",
        },
      ],
      actor: "applicant",
      ...overrides,
    });

  const actions = async (caseId: string) => (await storage.audit.listByCase(caseId)).map((event) => event.action);

  describe("pre-review cases", () => {
    it("creates a queued case with its files and a case_created audit event in one go", async () => {
      const created = await newCase({ id: randomUUID() });
      expect(created).toMatchObject({ status: "queued", bundleId: "retirement", attempts: 0, form: { name: "张三" } });
      expect(created.matterId).toBeUndefined();
      expect(await storage.prereviewCases.get(created.id)).toEqual(created);
      const files = await storage.prereviewCases.listFiles(created.id);
      expect(files.map((file) => [file.fileId, file.position, file.kind, file.sizeBytes])).toEqual([
        ["f1", 0, "jpeg", 10],
        ["f2", 1, "pdf", 20],
      ]);
      expect(files[1]).toMatchObject({ declaredMaterialId: "household-register", claimedMimeType: "application/pdf" });
      const [event] = await storage.audit.listByCase(created.id);
      expect(event).toMatchObject({ actor: "applicant", action: "case_created", detail: { fileCount: 2 } });
    });

    it("stores nothing when one of the files cannot be inserted", async () => {
      const id = randomUUID();
      const duplicate = { fileId: "f1", originalName: "a", sizeBytes: 1, sha256: "d", storageKey: "k" };
      await expect(newCase({ id, files: [duplicate, duplicate] })).rejects.toThrow();
      expect(await storage.prereviewCases.get(id)).toBeUndefined();
      expect(await storage.audit.listByCase(id)).toEqual([]);
    });

    it("returns undefined for a missing case and for an id that is not a uuid", async () => {
      expect(await storage.prereviewCases.get(MISSING_ID)).toBeUndefined();
      expect(await storage.prereviewCases.get("nope")).toBeUndefined();
    });

    it("lets one worker claim a queued case once, then completes it with the report", async () => {
      const created = await newCase();
      const claims = await Promise.all([
        storage.prereviewCases.claim(created.id),
        storage.prereviewCases.claim(created.id),
      ]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(claims.find(Boolean)).toMatchObject({ status: "running", attempts: 1, startedAt: expect.any(Date) });
      expect(await storage.prereviewCases.complete({ caseId: created.id, report: report() })).toBe(true);
      const done = await storage.prereviewCases.get(created.id);
      expect(done).toMatchObject({ status: "done", report: report(), finishedAt: expect.any(Date) });
      expect(await storage.prereviewCases.complete({ caseId: created.id, report: {} })).toBe(false);
      expect(await actions(created.id)).toEqual(["case_created", "job_started", "job_done"]);
    });

    it("claims the oldest queued case next, each once", async () => {
      const first = await newCase();
      const second = await newCase();
      const [a, b, c] = await Promise.all([
        storage.prereviewCases.claimNext(),
        storage.prereviewCases.claimNext(),
        storage.prereviewCases.claimNext(),
      ]);
      expect(new Set([a?.id, b?.id, c?.id])).toEqual(new Set([first.id, second.id, undefined]));
      expect(await storage.prereviewCases.listQueuedIds()).toEqual([]);
    });

    it("fails a running case with the reason", async () => {
      const created = await newCase();
      await storage.prereviewCases.claim(created.id);
      expect(
        await storage.prereviewCases.fail({ caseId: created.id, reason: "出错了", auditDetail: { code: "x" } }),
      ).toBe(true);
      expect(await storage.prereviewCases.get(created.id)).toMatchObject({ status: "failed", failureReason: "出错了" });
      expect(await storage.prereviewCases.fail({ caseId: created.id, reason: "again" })).toBe(false);
    });

    it("leaves a running case to a worker that keeps its lease, and takes it back once the lease runs out", async () => {
      const held = await newCase();
      const recover = () => storage.prereviewCases.requeueInterrupted({ maxAttempts: 3, failureReason: "中断" });
      expect(await storage.prereviewCases.claim(held.id, { leaseMs: 60_000 })).toMatchObject({ status: "running" });
      expect((await recover()).requeued).not.toContain(held.id);
      expect(await storage.prereviewCases.get(held.id)).toMatchObject({ status: "running" });
      expect(await storage.prereviewCases.renewLease({ caseId: held.id, leaseMs: 1 })).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect((await recover()).requeued).toContain(held.id);
      expect(await storage.prereviewCases.get(held.id)).toMatchObject({ status: "queued", attempts: 1 });
      expect(await storage.prereviewCases.renewLease({ caseId: held.id, leaseMs: 60_000 })).toBe(false);
    });

    it("releases a running case at once for its own claim only; a late result of that claim is refused", async () => {
      const held = await newCase();
      const first = await storage.prereviewCases.claim(held.id, { leaseMs: 3_600_000 });
      expect(first?.attempts).toBe(1);
      expect(await storage.prereviewCases.release({ caseId: held.id, attempt: 2, reason: "shutdown" })).toBe(false);
      expect(await storage.prereviewCases.release({ caseId: held.id, attempt: 1, reason: "shutdown" })).toBe(true);
      expect(await storage.prereviewCases.get(held.id)).toMatchObject({ status: "queued", attempts: 1 });
      expect(await storage.prereviewCases.listQueuedIds()).toContain(held.id);
      // Taken again at once (no lease to wait out); the first claim can no longer finish or fail it.
      expect(await storage.prereviewCases.claim(held.id, { leaseMs: 3_600_000 })).toMatchObject({ attempts: 2 });
      expect(await storage.prereviewCases.complete({ caseId: held.id, report: {}, attempt: 1 })).toBe(false);
      expect(await storage.prereviewCases.fail({ caseId: held.id, reason: "x", attempt: 1 })).toBe(false);
      expect(await storage.prereviewCases.complete({ caseId: held.id, report: {}, attempt: 2 })).toBe(true);
      expect(await actions(held.id)).toEqual([
        "case_created",
        "job_started",
        "job_requeued",
        "job_started",
        "job_done",
      ]);
    });

    it("requeues interrupted cases and fails those started too often", async () => {
      const once = await newCase();
      const thrice = await newCase();
      for (let attempt = 0; attempt < 3; attempt++) {
        await storage.prereviewCases.claim(thrice.id);
        if (attempt < 2) await storage.prereviewCases.requeueInterrupted({ maxAttempts: 3, failureReason: "中断" });
      }
      await storage.prereviewCases.claim(once.id);
      const result = await storage.prereviewCases.requeueInterrupted({ maxAttempts: 3, failureReason: "中断" });
      expect(result).toEqual({ requeued: [once.id], failed: [thrice.id] });
      expect(await storage.prereviewCases.get(once.id)).toMatchObject({ status: "queued", attempts: 1 });
      expect(await storage.prereviewCases.get(thrice.id)).toMatchObject({
        status: "failed",
        attempts: 3,
        failureReason: "中断",
      });
      expect(await storage.prereviewCases.listQueuedIds()).toEqual([once.id]);
      expect(await actions(once.id)).toEqual(["case_created", "job_started", "job_requeued"]);
    });

    it("counts cases by status, every status present", async () => {
      expect(await storage.prereviewCases.countByStatus()).toEqual({
        queued: 0,
        running: 0,
        done: 0,
        failed: 0,
        deleted: 0,
      });
      const first = await newCase();
      await newCase();
      await storage.prereviewCases.claim(first.id);
      expect(await storage.prereviewCases.countByStatus()).toMatchObject({ queued: 1, running: 1, done: 0 });
    });

    it("lists cases most recent first with verdict and counts, filtered and paged", async () => {
      const older = await newCase();
      const newer = await newCase({ matterId: "retirement-application", bundleId: undefined });
      await storage.prereviewCases.claim(older.id);
      await storage.prereviewCases.complete({
        caseId: older.id,
        report: report([
          { id: "a", severity: "error" },
          { id: "b", severity: "error" },
          { id: "c", severity: "info" },
        ]),
      });
      const all = await storage.prereviewCases.list();
      expect(all.total).toBe(2);
      expect(all.cases.map((summary) => summary.id)).toEqual([newer.id, older.id]);
      expect(all.cases[1]).toMatchObject({
        status: "done",
        verdict: "needs_correction",
        fileCount: 2,
        reviewCount: 0,
        findingCounts: { error: 2, warning: 0, info: 1 },
      });
      expect(all.cases[0]).toMatchObject({ matterId: "retirement-application", verdict: undefined });
      const done = await storage.prereviewCases.list({ status: "done" });
      expect(done.cases.map((summary) => summary.id)).toEqual([older.id]);
      const page = await storage.prereviewCases.list({ limit: 1, offset: 1 });
      expect(page).toMatchObject({ total: 2, cases: [{ id: older.id }] });
    });

    it("records review decisions and the outcome on done cases only, with an audit event", async () => {
      const created = await newCase();
      const early = await storage.prereviewCases.recordReview({
        caseId: created.id,
        reviewer: "clerk:wang",
        decisions: [{ findingId: "a", decision: "accept" }],
      });
      expect(early).toEqual({ status: "not_reviewable", caseStatus: "queued" });
      await storage.prereviewCases.claim(created.id);
      await storage.prereviewCases.complete({ caseId: created.id, report: report([{ id: "a", severity: "error" }]) });
      const recorded = await storage.prereviewCases.recordReview({
        caseId: created.id,
        reviewer: "clerk:wang",
        decisions: [
          { findingId: "a", decision: "override", comment: "原件已核验" },
          { findingId: "b", decision: "accept" },
        ],
        outcome: "accepted",
        comment: "通过",
      });
      expect(recorded).toMatchObject({
        status: "recorded",
        reviews: [
          { findingId: "a", decision: "override", comment: "原件已核验", reviewer: "clerk:wang" },
          { findingId: "b", decision: "accept", comment: undefined },
        ],
      });
      expect(await storage.prereviewCases.get(created.id)).toMatchObject({
        reviewOutcome: "accepted",
        reviewComment: "通过",
        reviewedBy: "clerk:wang",
      });
      const events = await storage.audit.listByCase(created.id);
      expect(events.at(-1)).toMatchObject({
        actor: "clerk:wang",
        action: "review_recorded",
        detail: { outcome: "accepted", decisions: [{ findingId: "a", decision: "override" }, { findingId: "b" }] },
      });
      expect(JSON.stringify(events)).not.toContain("原件已核验");
      expect(await storage.prereviewCases.listReviews(created.id)).toHaveLength(2);
      expect(
        await storage.prereviewCases.recordReview({ caseId: MISSING_ID, reviewer: "clerk:x", decisions: [] }),
      ).toEqual({ status: "not_found" });
    });

    it("records prefill confirmations and edits with their source, audited without the values, cleared with the case", async () => {
      const created = await newCase();
      const entry = {
        field: "name",
        decision: "edit" as const,
        previousValue: "张三丰",
        value: "张三峰",
        source: { kind: "document", documentType: "id_card", fileId: "f1", page: 1, field: "name" },
      };
      expect(
        await storage.prereviewCases.recordPrefillConfirmations({
          caseId: created.id,
          clerk: "clerk:wang",
          entries: [entry],
        }),
      ).toEqual({ status: "not_reviewable", caseStatus: "queued" });
      await storage.prereviewCases.claim(created.id);
      await storage.prereviewCases.complete({ caseId: created.id, report: report() });
      const recorded = await storage.prereviewCases.recordPrefillConfirmations({
        caseId: created.id,
        clerk: "clerk:wang",
        entries: [entry, { field: "phone", decision: "confirm", previousValue: "13800138000", value: "13800138000" }],
      });
      expect(recorded).toMatchObject({
        status: "recorded",
        confirmations: [
          { ...entry, clerk: "clerk:wang", createdAt: expect.any(Date) },
          { field: "phone", decision: "confirm", value: "13800138000", source: undefined },
        ],
      });
      const events = await storage.audit.listByCase(created.id);
      expect(events.at(-1)).toMatchObject({
        actor: "clerk:wang",
        action: "prefill_confirmed",
        detail: { fields: [{ field: "name", decision: "edit", sourceKind: "document" }, { field: "phone" }] },
      });
      expect(JSON.stringify(events)).not.toMatch(/张三|13800138000/);
      expect(
        await storage.prereviewCases.recordPrefillConfirmations({ caseId: MISSING_ID, clerk: "clerk:x", entries: [] }),
      ).toEqual({ status: "not_found" });

      // Retention clears the values and keeps who did what when; so does deleting a case.
      const redact = () => ({ report: { redacted: true }, form: {} });
      await storage.prereviewCases.purgeFiles({ caseId: created.id, redact, failureReason: "已过期" });
      const purged = await storage.prereviewCases.listPrefillConfirmations(created.id);
      expect(
        purged.map(({ field, decision, value, previousValue }) => ({ field, decision, value, previousValue })),
      ).toEqual([
        { field: "name", decision: "edit", value: undefined, previousValue: undefined },
        { field: "phone", decision: "confirm", value: undefined, previousValue: undefined },
      ]);
      const other = await newCase();
      await storage.prereviewCases.claim(other.id);
      await storage.prereviewCases.complete({ caseId: other.id, report: report() });
      await storage.prereviewCases.recordPrefillConfirmations({
        caseId: other.id,
        clerk: "clerk:li",
        entries: [entry],
      });
      await storage.prereviewCases.delete({ caseId: other.id, actor: "clerk:li" });
      expect(await storage.prereviewCases.listPrefillConfirmations(other.id)).toMatchObject([
        { field: "name", clerk: "clerk:li", value: undefined, previousValue: undefined },
      ]);
    });

    it("deletes the case's data but keeps the row as deleted, once", async () => {
      const created = await newCase();
      await storage.prereviewCases.claim(created.id);
      await storage.prereviewCases.complete({ caseId: created.id, report: report() });
      expect(await storage.prereviewCases.delete({ caseId: created.id, actor: "applicant" })).toBe("deleted");
      const deleted = await storage.prereviewCases.get(created.id);
      expect(deleted).toMatchObject({ status: "deleted", form: {}, scenario: {}, filesPurgedAt: expect.any(Date) });
      expect(deleted?.report).toBeUndefined();
      expect(await storage.prereviewCases.listFiles(created.id)).toEqual([]);
      expect(await storage.prereviewCases.delete({ caseId: created.id, actor: "applicant" })).toBe("already_deleted");
      expect(await storage.prereviewCases.delete({ caseId: MISSING_ID, actor: "applicant" })).toBe("not_found");
      expect(await actions(created.id)).toContain("case_deleted");
      expect(await storage.prereviewCases.claim(created.id)).toBeUndefined();
    });

    it("lists cases past retention and purges them with the redaction given", async () => {
      const done = await newCase();
      const queued = await newCase();
      await storage.prereviewCases.claim(done.id);
      await storage.prereviewCases.complete({ caseId: done.id, report: report() });
      const deleted = await newCase();
      await storage.prereviewCases.delete({ caseId: deleted.id, actor: "applicant" });
      expect(await storage.prereviewCases.listExpired({ createdBefore: new Date(Date.now() - 60_000) })).toEqual([]);
      const later = new Date(Date.now() + 60_000);
      expect(await storage.prereviewCases.listExpired({ createdBefore: later })).toEqual([done.id, queued.id]);

      const redact = ({ form }: { form: Record<string, string> }) => ({
        report: { verdict: "needs_correction", redacted: true },
        form: Object.fromEntries(Object.keys(form).map((key) => [key, "[已清除]"])),
      });
      for (const id of [done.id, queued.id])
        expect(await storage.prereviewCases.purgeFiles({ caseId: id, redact, failureReason: "已过期" })).toBe(true);
      expect(await storage.prereviewCases.purgeFiles({ caseId: done.id, redact, failureReason: "x" })).toBe(false);
      expect(await storage.prereviewCases.get(done.id)).toMatchObject({
        status: "done",
        report: { redacted: true },
        form: { name: "[已清除]", idNumber: "[已清除]" },
        filesPurgedAt: expect.any(Date),
      });
      expect(await storage.prereviewCases.get(queued.id)).toMatchObject({ status: "failed", failureReason: "已过期" });
      const names = (await storage.prereviewCases.listFiles(done.id)).map((file) => file.originalName);
      expect(names).toEqual(["[已清除]", "[已清除]"]);
      expect(await storage.prereviewCases.listExpired({ createdBefore: later })).toEqual([]);
      expect(await actions(done.id)).toContain("files_purged");
    });
  });
}
