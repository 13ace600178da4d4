import { randomUUID } from "node:crypto";
import { z } from "zod";
import { AppError } from "../errors.js";
import { insertAuditEvent } from "./audit-repository.js";
import { type CaseDataCodec, createCaseDataCodec } from "./case-data-codec.js";
import { isUuid, type JsonObject, toJsonParameter } from "./json-object.js";
import { parseRows } from "./parse-rows.js";
import {
  clearPrefillConfirmationValues,
  createPrefillConfirmations,
  type PrefillConfirmations,
} from "./prefill-confirmations.js";
import { CASE_COLUMNS, createPrereviewJobStates, type PrereviewJobStates, parseCases } from "./prereview-job-states.js";
import {
  type PrereviewCase,
  type PrereviewCaseFile,
  PrereviewCaseFileSchema,
  type PrereviewCaseStatus,
  PrereviewCaseStatusSchema,
  type PrereviewCaseSummary,
  PrereviewCaseSummarySchema,
  type PrereviewReview,
  PrereviewReviewSchema,
  type ReviewDecision,
  type ReviewOutcome,
} from "./prereview-case-schemas.js";
import type { SqlClient, SqlRow } from "./sql-client.js";
import { type NotReviewable, onReviewableCase } from "./reviewable-case.js";

export interface NewPrereviewFile {
  /** `f1`, `f2`, ... in upload order. */
  fileId: string;
  originalName: string;
  declaredMaterialId?: string;
  kind?: string;
  claimedMimeType?: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
}

export interface CreatePrereviewCaseOptions {
  /** Default: a new uuid. The router picks it first so the files can be stored under it. */
  id?: string;
  secretHash: string;
  bundleId?: string;
  matterId?: string;
  scenario?: Record<string, string>;
  form?: Record<string, string>;
  files: readonly NewPrereviewFile[];
  /** Who submitted, for the `case_created` audit event. */
  actor: string;
  /** Extra audit detail (counts, kinds); no personal data. */
  auditDetail?: JsonObject;
}

export interface ListPrereviewCasesOptions {
  status?: PrereviewCaseStatus;
  /** Default 20. */
  limit?: number;
  /** Default 0. */
  offset?: number;
}

export interface ListPrereviewCasesResult {
  /** Most recent first. */
  cases: PrereviewCaseSummary[];
  /** All cases matching the filter. */
  total: number;
}

export interface RecordReviewOptions {
  caseId: string;
  /** `clerk:<label>`. */
  reviewer: string;
  decisions: readonly { findingId: string; decision: ReviewDecision; comment?: string }[];
  outcome?: ReviewOutcome;
  comment?: string;
}

export type RecordReviewResult =
  | { status: "recorded"; reviews: PrereviewReview[] }
  /** Only cases with a report (status done) are reviewed. */
  | NotReviewable;

export type DeletePrereviewCaseResult = "deleted" | "already_deleted" | "not_found";

export interface PrereviewCaseRepository extends PrereviewJobStates, PrefillConfirmations {
  /** Inserts the case (queued), its files and the `case_created` audit event in one transaction. */
  create(options: CreatePrereviewCaseOptions): Promise<PrereviewCase>;
  /** Undefined when there is no such case (including ids that are not uuids). */
  get(id: string): Promise<PrereviewCase | undefined>;
  /** The case's files in upload order. */
  listFiles(caseId: string): Promise<PrereviewCaseFile[]>;
  /** For the clerk: most recent first, optionally one status, paged. */
  list(options?: ListPrereviewCasesOptions): Promise<ListPrereviewCasesResult>;
  /** How many cases are in each status (every status, zero included): for /metrics. */
  countByStatus(): Promise<Record<PrereviewCaseStatus, number>>;
  /** Records the clerk's decisions (and the case outcome) with a `review_recorded` audit event. */
  recordReview(options: RecordReviewOptions): Promise<RecordReviewResult>;
  /** All decisions recorded for a case, oldest first. */
  listReviews(caseId: string): Promise<PrereviewReview[]>;
  /**
   * Removes what the applicant submitted and what was read from it (report, form, scenario, file rows,
   * review comments); the row stays with status `deleted` and a `case_deleted` audit event. The caller
   * deletes the stored bytes.
   */
  delete(options: { caseId: string; actor: string }): Promise<DeletePrereviewCaseResult>;
}

const FILE_COLUMNS = `case_id as "caseId", file_id as "fileId", position, original_name as "originalName",
  declared_material_id as "declaredMaterialId", kind, claimed_mime_type as "claimedMimeType",
  size_bytes as "sizeBytes", sha256, storage_key as "storageKey", created_at as "createdAt"`;

const REVIEW_COLUMNS = `id, case_id as "caseId", finding_id as "findingId", decision, comment, reviewer,
  created_at as "createdAt"`;

const CountSchema = z.object({ count: z.coerce.number().int() });

export function createPrereviewCaseRepository(options: {
  client: SqlClient;
  /** Seals personal data with the case's key (default: none, for tests of storage alone). */
  codec?: CaseDataCodec;
}): PrereviewCaseRepository {
  const { client } = options;
  const codec = options.codec ?? createCaseDataCodec();
  // File names and comments may hold names and ID numbers: sealed, opened here (gone → placeholder).
  const openField = async (caseId: unknown, value: unknown, gone: string) =>
    typeof value === "string" ? ((await codec.openText(String(caseId), value)) ?? gone) : value;
  const parseFiles = async (rows: SqlRow[]) =>
    parseRows(
      PrereviewCaseFileSchema,
      await Promise.all(
        rows.map(async (row) => ({ ...row, originalName: await openField(row.caseId, row.originalName, "[已清除]") })),
      ),
      "prereview_files",
    );
  const parseReviews = async (rows: SqlRow[]) =>
    parseRows(
      PrereviewReviewSchema,
      await Promise.all(
        rows.map(async (row) => ({ ...row, comment: (await openField(row.caseId, row.comment, "")) || null })),
      ),
      "prereview_reviews",
    );

  return {
    ...createPrereviewJobStates({ client, codec }),
    ...createPrefillConfirmations({ client, codec }),

    async create(input) {
      const id = input.id ?? randomUUID();
      if (!isUuid(id)) throw new AppError("internal", "a pre-review case id must be a uuid");
      const form = await codec.sealJson(id, input.form ?? {});
      const names = await Promise.all(input.files.map((file) => codec.sealText(id, file.originalName)));
      return client.transaction(async (executor) => {
        const rows = await executor.query(
          `insert into prereview_cases (id, secret_hash, status, bundle_id, matter_id, scenario, form)
           values ($1, $2, 'queued', $3, $4, $5::jsonb, $6::jsonb)
           returning ${CASE_COLUMNS}`,
          [
            id,
            input.secretHash,
            input.bundleId ?? null,
            input.matterId ?? null,
            toJsonParameter(input.scenario ?? {}),
            form,
          ],
        );
        const [created] = await parseCases(codec, rows);
        if (!created) throw new AppError("internal", "insert into prereview_cases returned no row");
        for (const [position, file] of input.files.entries())
          await executor.query(
            `insert into prereview_files (case_id, file_id, position, original_name, declared_material_id, kind,
               claimed_mime_type, size_bytes, sha256, storage_key)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
            [
              id,
              file.fileId,
              position,
              names[position] ?? "",
              file.declaredMaterialId ?? null,
              file.kind ?? null,
              file.claimedMimeType ?? null,
              file.sizeBytes,
              file.sha256,
              file.storageKey,
            ],
          );
        await insertAuditEvent(executor, {
          caseId: id,
          actor: input.actor,
          action: "case_created",
          detail: { ...input.auditDetail, fileCount: input.files.length },
        });
        return created;
      });
    },

    async get(id) {
      if (!isUuid(id)) return undefined;
      return (
        await parseCases(codec, await client.query(`select ${CASE_COLUMNS} from prereview_cases where id = $1`, [id]))
      )[0];
    },

    async listFiles(caseId) {
      if (!isUuid(caseId)) return [];
      return await parseFiles(
        await client.query(`select ${FILE_COLUMNS} from prereview_files where case_id = $1 order by position`, [
          caseId,
        ]),
      );
    },

    async countByStatus() {
      const rows = await client.query("select status, count(*)::integer as n from prereview_cases group by status");
      const counts = Object.fromEntries(PrereviewCaseStatusSchema.options.map((status) => [status, 0])) as Record<
        PrereviewCaseStatus,
        number
      >;
      for (const row of rows) {
        const status = PrereviewCaseStatusSchema.safeParse(row.status);
        if (status.success) counts[status.data] = Number(row.n);
      }
      return counts;
    },

    async list({ status, limit = 20, offset = 0 } = {}) {
      const rows = await client.query(
        `select c.id, c.status, c.bundle_id as "bundleId", c.matter_id as "matterId",
           c.verdict,
           c.review_outcome as "reviewOutcome",
           (select count(*) from prereview_files f where f.case_id = c.id)::integer as "fileCount",
           (select count(*) from prereview_reviews r where r.case_id = c.id)::integer as "reviewCount",
           (c.finding_counts->>'error')::integer as errors, (c.finding_counts->>'warning')::integer as warnings,
           (c.finding_counts->>'info')::integer as infos,
           c.created_at as "createdAt", c.updated_at as "updatedAt", c.finished_at as "finishedAt"
         from prereview_cases c
         where ($1::text is null or c.status = $1::text)
         order by c.created_at desc, c.id desc
         limit $2 offset $3`,
        [status ?? null, Math.max(0, Math.floor(limit)), Math.max(0, Math.floor(offset))],
      );
      const counted = await client.query(
        "select count(*)::integer as count from prereview_cases where ($1::text is null or status = $1::text)",
        [status ?? null],
      );
      const cases = parseRows(
        PrereviewCaseSummarySchema,
        rows.map(({ errors, warnings, infos, ...row }) => ({
          ...row,
          findingCounts: { error: errors ?? 0, warning: warnings ?? 0, info: infos ?? 0 },
        })),
        "prereview case summary",
      );
      return { cases, total: parseRows(CountSchema, counted, "count")[0]?.count ?? 0 };
    },

    async recordReview(input) {
      return onReviewableCase(client, input.caseId, async (executor): Promise<RecordReviewResult> => {
        for (const decision of input.decisions)
          await executor.query(
            `insert into prereview_reviews (id, case_id, finding_id, decision, comment, reviewer)
             values ($1, $2, $3, $4, $5, $6)`,
            [
              randomUUID(),
              input.caseId,
              decision.findingId,
              decision.decision,
              decision.comment ? await codec.sealText(input.caseId, decision.comment) : null,
              input.reviewer,
            ],
          );
        if (input.outcome)
          await executor.query(
            `update prereview_cases set review_outcome = $2, review_comment = $3, reviewed_by = $4,
               reviewed_at = now(), updated_at = now()
             where id = $1`,
            [
              input.caseId,
              input.outcome,
              input.comment ? await codec.sealText(input.caseId, input.comment) : null,
              input.reviewer,
            ],
          );
        await insertAuditEvent(executor, {
          caseId: input.caseId,
          actor: input.reviewer,
          action: "review_recorded",
          // Finding ids and decisions only: comments may quote the documents.
          detail: {
            decisions: input.decisions.map(({ findingId, decision }) => ({ findingId, decision })),
            ...(input.outcome ? { outcome: input.outcome } : {}),
          },
        });
        const reviews = await parseReviews(
          await executor.query(`select ${REVIEW_COLUMNS} from prereview_reviews where case_id = $1 order by position`, [
            input.caseId,
          ]),
        );
        return { status: "recorded", reviews };
      });
    },

    async listReviews(caseId) {
      if (!isUuid(caseId)) return [];
      return await parseReviews(
        await client.query(`select ${REVIEW_COLUMNS} from prereview_reviews where case_id = $1 order by position`, [
          caseId,
        ]),
      );
    },

    async delete({ caseId, actor }) {
      if (!isUuid(caseId)) return "not_found";
      return client.transaction(async (executor): Promise<DeletePrereviewCaseResult> => {
        const found = await executor.query("select status from prereview_cases where id = $1 for update", [caseId]);
        const previous = found[0]?.status as PrereviewCaseStatus | undefined;
        if (!previous) return "not_found";
        if (previous === "deleted") return "already_deleted";
        const removed = await executor.query("delete from prereview_files where case_id = $1 returning file_id", [
          caseId,
        ]);
        await executor.query("update prereview_reviews set comment = null where case_id = $1", [caseId]);
        await clearPrefillConfirmationValues(executor, caseId);
        await executor.query(
          `update prereview_cases set status = 'deleted', report = null, form = '{}'::jsonb,
             scenario = '{}'::jsonb, failure_reason = null, review_comment = null,
             files_purged_at = coalesce(files_purged_at, now()), updated_at = now()
           where id = $1`,
          [caseId],
        );
        await insertAuditEvent(executor, {
          caseId,
          actor,
          action: "case_deleted",
          detail: { previousStatus: previous, fileCount: removed.length },
        });
        return "deleted";
      });
    },
  };
}
