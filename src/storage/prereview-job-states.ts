import { insertAuditEvent } from "./audit-repository.js";
import { isUuid, type JsonObject, JsonObjectSchema, toJsonParameter } from "./json-object.js";
import { parseRows } from "./parse-rows.js";
import { clearPrefillConfirmationValues } from "./prefill-confirmations.js";
import { DestroyedKeyError } from "../data-protection/index.js";
import { type CaseDataCodec, createCaseDataCodec } from "./case-data-codec.js";
import { type PrereviewCase, PrereviewCaseSchema, type PrereviewCaseStatus } from "./prereview-case-schemas.js";
import type { SqlClient, SqlExecutor, SqlRow } from "./sql-client.js";

export const CASE_COLUMNS = `id, secret_hash as "secretHash", status, bundle_id as "bundleId",
  matter_id as "matterId", scenario, form, report, failure_reason as "failureReason", attempts,
  review_outcome as "reviewOutcome", review_comment as "reviewComment", reviewed_by as "reviewedBy",
  reviewed_at as "reviewedAt", created_at as "createdAt", updated_at as "updatedAt",
  started_at as "startedAt", finished_at as "finishedAt", files_purged_at as "filesPurgedAt"`;

/** Case rows read back: sealed data opened, then checked against the schema. */
export const parseCases = async (codec: CaseDataCodec, rows: SqlRow[]) =>
  parseRows(PrereviewCaseSchema, await codec.openCaseRows(rows), "prereview_cases");

const SYSTEM = "system";

/** `lease_until` set from a parameter holding milliseconds, or null (no lease) when it is null. */
const LEASE_UNTIL_PARAMETER = (index: number) =>
  `lease_until = now() + ($${index}::double precision * interval '1 millisecond')`;
/** The row is still the claim whose `attempts` the parameter holds (a null parameter: any claim). */
const SAME_CLAIM = (index: number) => `($${index}::integer is null or attempts = $${index}::integer)`;
/** A running case nobody holds: claimed without a lease, or its lease ran out. */
const LEASE_EXPIRED = "(lease_until is null or lease_until < now())";

const leaseMilliseconds = (lease: LeaseOptions | undefined) => (lease ? Math.max(1, Math.round(lease.leaseMs)) : null);

export interface RequeueInterruptedOptions {
  /** A running case that already started this many times is failed instead of queued again. */
  maxAttempts: number;
  /** Plain Chinese for the applicant when a case is failed for too many interruptions. */
  failureReason: string;
}

export interface LeaseOptions {
  /** How long the claim holds without renewal, in milliseconds. */
  leaseMs: number;
}

/** The claim a write belongs to: its `attempts` value when claimed. Default: any claim. */
export interface ClaimGuard {
  attempt?: number;
}

export interface RequeueInterruptedResult {
  requeued: string[];
  failed: string[];
}

/** What a purge leaves of the report and form (the retention sweeper computes it; storage does not read reports). */
export type RedactCaseData = (data: { report?: JsonObject; form: Record<string, string> }) => {
  report?: JsonObject;
  form: Record<string, string>;
};

export interface PurgeFilesOptions {
  caseId: string;
  /** Applied to the stored report and form inside the purge transaction. */
  redact: RedactCaseData;
  /** A case still queued or running is failed with this reason (its files are gone). */
  failureReason: string;
  /** Extra audit detail, e.g. how many files were deleted. */
  auditDetail?: JsonObject;
}

/**
 * The job states of a case: queued → running → done | failed, as jobs move through the queue. Every
 * transition is one conditional update, so two workers (API nodes) never take the same case, and records
 * its audit event in the same transaction. Jobs are only case ids: the state lives here.
 */
export interface PrereviewJobStates {
  /** Queued case ids, oldest first (re-enqueued at start). */
  listQueuedIds(): Promise<string[]>;
  /**
   * queued → running (attempts + 1). Undefined when the case is not queued (taken, deleted, unknown).
   * With `leaseMs` the case is held for that long and the worker renews it (`renewLease`) while it
   * runs; without, it is held until recovery (one runner per database).
   */
  claim(caseId: string, options?: LeaseOptions): Promise<PrereviewCase | undefined>;
  /** Takes the oldest queued case, skipping rows other workers hold (for a worker polling the database). */
  claimNext(options?: LeaseOptions): Promise<PrereviewCase | undefined>;
  /** Extends the lease of a running case by `leaseMs` from now. False when it is no longer running. */
  renewLease(options: { caseId: string } & LeaseOptions): Promise<boolean>;
  /**
   * running → done with the report. False when the case is no longer running (deleted, purged), or,
   * with `attempt`, no longer running as that claim (handed back, then claimed again by another worker).
   */
  complete(options: { caseId: string; report: JsonObject; auditDetail?: JsonObject } & ClaimGuard): Promise<boolean>;
  /** queued | running → failed. False when the case was neither (or, with `attempt`, not running as that claim). */
  fail(options: { caseId: string; reason: string; auditDetail?: JsonObject } & ClaimGuard): Promise<boolean>;
  /**
   * running (as the claim `attempt`) → queued at once, its lease dropped, with a `job_requeued` audit
   * event: a worker shutting down hands back a case it cannot finish, so another worker claims it
   * without waiting for the lease to run out. False when the case is not running as that claim.
   */
  release(options: { caseId: string; attempt: number; reason: string }): Promise<boolean>;
  /**
   * For start-up after a crash, and periodically: running cases whose lease ran out (or that were
   * claimed without one) go back to queued, or to failed after `maxAttempts` starts. A case whose
   * worker is alive keeps renewing its lease and is left alone.
   */
  requeueInterrupted(options: RequeueInterruptedOptions): Promise<RequeueInterruptedResult>;
  /** Cases whose files are still kept and which were created before the instant, oldest first. */
  listExpired(options: { createdBefore: Date; limit?: number }): Promise<string[]>;
  /**
   * Marks the case's files purged, replaces report and form with their redacted forms and masks the
   * file names, with a `files_purged` audit event. False when already purged or deleted.
   */
  purgeFiles(options: PurgeFilesOptions): Promise<boolean>;
}

export function createPrereviewJobStates(options: { client: SqlClient; codec?: CaseDataCodec }): PrereviewJobStates {
  const codec = options.codec ?? createCaseDataCodec();
  const { client } = options;

  const claimed = async (executor: SqlExecutor, rows: SqlRow[]) => {
    const [taken] = await parseCases(codec, rows);
    if (taken)
      await insertAuditEvent(executor, {
        caseId: taken.id,
        actor: SYSTEM,
        action: "job_started",
        detail: { attempt: taken.attempts },
      });
    return taken;
  };

  return {
    async listQueuedIds() {
      const rows = await client.query("select id from prereview_cases where status = 'queued' order by created_at, id");
      return rows.map((row) => String(row.id));
    },

    async claim(caseId, lease) {
      if (!isUuid(caseId)) return undefined;
      return client.transaction(async (executor) =>
        claimed(
          executor,
          await executor.query(
            `update prereview_cases set status = 'running', attempts = attempts + 1, started_at = now(),
               finished_at = null, updated_at = now(), ${LEASE_UNTIL_PARAMETER(2)}
             where id = $1 and status = 'queued'
             returning ${CASE_COLUMNS}`,
            [caseId, leaseMilliseconds(lease)],
          ),
        ),
      );
    },

    async claimNext(lease) {
      return client.transaction(async (executor) =>
        claimed(
          executor,
          await executor.query(
            `update prereview_cases set status = 'running', attempts = attempts + 1, started_at = now(),
               finished_at = null, updated_at = now(), ${LEASE_UNTIL_PARAMETER(1)}
             where id = (
               select id from prereview_cases where status = 'queued'
               order by created_at, id limit 1 for update skip locked
             )
             returning ${CASE_COLUMNS}`,
            [leaseMilliseconds(lease)],
          ),
        ),
      );
    },

    async renewLease({ caseId, leaseMs }) {
      if (!isUuid(caseId)) return false;
      const rows = await client.query(
        `update prereview_cases set ${LEASE_UNTIL_PARAMETER(2)} where id = $1 and status = 'running' returning id`,
        [caseId, leaseMilliseconds({ leaseMs })],
      );
      return rows.length > 0;
    },

    async complete({ caseId, report, auditDetail, attempt }) {
      if (!isUuid(caseId)) return false;
      let sealed: string;
      try {
        sealed = await codec.sealJson(caseId, report);
      } catch (error) {
        // The case was deleted while it ran: its key is gone, and so is the case.
        if (error instanceof DestroyedKeyError) return false;
        throw error;
      }
      const findings = Array.isArray(report.findings) ? (report.findings as { severity?: unknown }[]) : [];
      const count = (severity: string) => findings.filter((finding) => finding?.severity === severity).length;
      const counts = { error: count("error"), warning: count("warning"), info: count("info") };
      const rules = findingRules(findings);
      return client.transaction(async (executor) => {
        const rows = await executor.query(
          `update prereview_cases set status = 'done', report = $2::jsonb, verdict = $3, finding_counts = $4::jsonb,
             finding_rules = $5::jsonb, failure_reason = null, finished_at = now(), updated_at = now(), lease_until = null
           where id = $1 and status = 'running' and ${SAME_CLAIM(6)} returning id`,
          [
            caseId,
            sealed,
            typeof report.verdict === "string" ? report.verdict : null,
            toJsonParameter(counts),
            JSON.stringify(rules),
            attempt ?? null,
          ],
        );
        if (rows.length === 0) return false;
        await insertAuditEvent(executor, { caseId, actor: SYSTEM, action: "job_done", detail: auditDetail });
        return true;
      });
    },

    async fail({ caseId, reason, auditDetail, attempt }) {
      if (!isUuid(caseId)) return false;
      return client.transaction(async (executor) => {
        const rows = await executor.query(
          `update prereview_cases set status = 'failed', failure_reason = $2, finished_at = now(), updated_at = now(),
             lease_until = null
           where id = $1 and (status = 'queued' and $3::integer is null or status = 'running' and ${SAME_CLAIM(3)})
           returning id`,
          [caseId, reason, attempt ?? null],
        );
        if (rows.length === 0) return false;
        await insertAuditEvent(executor, { caseId, actor: SYSTEM, action: "job_failed", detail: auditDetail });
        return true;
      });
    },

    async release({ caseId, attempt, reason }) {
      if (!isUuid(caseId)) return false;
      return client.transaction(async (executor) => {
        const rows = await executor.query(
          `update prereview_cases set status = 'queued', updated_at = now(), lease_until = null
           where id = $1 and status = 'running' and attempts = $2::integer returning id`,
          [caseId, attempt],
        );
        if (rows.length === 0) return false;
        await insertAuditEvent(executor, {
          caseId,
          actor: SYSTEM,
          action: "job_requeued",
          detail: { reason, attempts: attempt },
        });
        return true;
      });
    },

    async requeueInterrupted({ maxAttempts, failureReason }) {
      return client.transaction(async (executor) => {
        const failedRows = await executor.query(
          `update prereview_cases set status = 'failed', failure_reason = $2, finished_at = now(), updated_at = now(),
             lease_until = null
           where status = 'running' and ${LEASE_EXPIRED} and attempts >= $1 returning id, attempts`,
          [maxAttempts, failureReason],
        );
        const requeuedRows = await executor.query(
          `update prereview_cases set status = 'queued', updated_at = now(), lease_until = null
           where status = 'running' and ${LEASE_EXPIRED} returning id, attempts`,
        );
        for (const row of failedRows)
          await insertAuditEvent(executor, {
            caseId: String(row.id),
            actor: SYSTEM,
            action: "job_failed",
            detail: { reason: "interrupted_too_often", attempts: Number(row.attempts) },
          });
        for (const row of requeuedRows)
          await insertAuditEvent(executor, {
            caseId: String(row.id),
            actor: SYSTEM,
            action: "job_requeued",
            detail: { reason: "interrupted", attempts: Number(row.attempts) },
          });
        return {
          requeued: requeuedRows.map((row) => String(row.id)),
          failed: failedRows.map((row) => String(row.id)),
        };
      });
    },

    async listExpired({ createdBefore, limit = 100 }) {
      const rows = await client.query(
        `select id from prereview_cases
         where files_purged_at is null and status <> 'deleted' and created_at < $1
         order by created_at, id limit $2`,
        [createdBefore, Math.max(1, Math.floor(limit))],
      );
      return rows.map((row) => String(row.id));
    },

    async purgeFiles({ caseId, redact, failureReason, auditDetail }) {
      if (!isUuid(caseId)) return false;
      return client.transaction(async (executor) => {
        const rows = await executor.query(
          `select status, report, form from prereview_cases
           where id = $1 and files_purged_at is null and status <> 'deleted' for update`,
          [caseId],
        );
        const row = rows[0];
        if (!row) return false;
        const status = row.status as PrereviewCaseStatus;
        const report = JsonObjectSchema.safeParse(await codec.openJson(caseId, row.report));
        const form = JsonObjectSchema.safeParse(await codec.openJson(caseId, row.form));
        const redacted = redact({
          report: report.success ? report.data : undefined,
          form: form.success
            ? Object.fromEntries(Object.entries(form.data).map(([key, value]) => [key, String(value)]))
            : {},
        });
        const interrupted = status === "queued" || status === "running";
        await executor.query(
          `update prereview_cases set report = $2::jsonb, form = $3::jsonb, files_purged_at = now(),
             updated_at = now(),
             status = case when $4::boolean then 'failed' else status end,
             failure_reason = case when $4::boolean then $5 else failure_reason end,
             finished_at = case when $4::boolean then now() else finished_at end
           where id = $1`,
          [
            caseId,
            redacted.report ? toJsonParameter(redacted.report) : null,
            toJsonParameter(redacted.form),
            interrupted,
            failureReason,
          ],
        );
        await executor.query("update prereview_files set original_name = '[已清除]' where case_id = $1", [caseId]);
        await clearPrefillConfirmationValues(executor, caseId);
        await insertAuditEvent(executor, {
          caseId,
          actor: SYSTEM,
          action: "files_purged",
          detail: { ...auditDetail, previousStatus: status },
        });
        return true;
      });
    },
  };
}

/** The rule, severity and material of each finding: ids from the catalog and rule set, never document text. */
function findingRules(
  findings: readonly unknown[],
): { id: string; ruleId: string; severity: string; materialId?: string }[] {
  const text = (value: unknown) => (typeof value === "string" && value.length <= 200 ? value : undefined);
  return findings.flatMap((finding) => {
    const record = (finding ?? {}) as Record<string, unknown>;
    const id = text(record.id);
    const ruleId = text(record.ruleId);
    const severity = text(record.severity);
    if (!id || !ruleId || !severity) return [];
    const materialId = text(record.materialId);
    return [materialId ? { id, ruleId, severity, materialId } : { id, ruleId, severity }];
  });
}
