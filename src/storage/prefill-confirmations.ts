// The clerk's confirmations and edits of a case's prefilled form values. Like the clerk's decisions
// on findings (prereview_reviews + a `review_recorded` audit event), each is a row and the audit
// trail gets an event in the same transaction; the values are personal data, so they are sealed with
// the case's key and cleared when the case is deleted or reaches retention, and the audit event
// carries only field names, decisions and source kinds.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { insertAuditEvent } from "./audit-repository.js";
import type { CaseDataCodec } from "./case-data-codec.js";
import { isUuid, type JsonObject, JsonObjectSchema, toJsonParameter } from "./json-object.js";
import { parseRows } from "./parse-rows.js";
import { type NotReviewable, onReviewableCase } from "./reviewable-case.js";
import type { SqlClient, SqlExecutor, SqlRow } from "./sql-client.js";

/** `confirm`: the prefilled value kept as it is; `edit`: the clerk changed it. */
export const PrefillDecisionSchema = z.enum(["confirm", "edit"]);
export type PrefillDecision = z.infer<typeof PrefillDecisionSchema>;

export const PrefillConfirmationSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  /** The form field's name (`idNumber`). */
  field: z.string(),
  decision: PrefillDecisionSchema,
  /** The value before: the prefilled one, or the clerk's previous edit. Absent once cleared. */
  previousValue: z
    .string()
    .nullish()
    .transform((value) => value ?? undefined),
  /** The value the clerk confirmed or entered. Absent once cleared (deleted case, retention). */
  value: z
    .string()
    .nullish()
    .transform((value) => value ?? undefined),
  /** Where the prefilled value came from: kind, document type, file, page, field; no document text. */
  source: JsonObjectSchema.nullish().transform((value) => value ?? undefined),
  /** `clerk:<label>`. */
  clerk: z.string(),
  createdAt: z.coerce.date(),
});
export type PrefillConfirmation = z.infer<typeof PrefillConfirmationSchema>;

export interface RecordPrefillConfirmationsOptions {
  caseId: string;
  /** `clerk:<label>`. */
  clerk: string;
  entries: readonly {
    field: string;
    decision: PrefillDecision;
    previousValue?: string;
    value: string;
    /** Codes and ids only (the caller strips document text). */
    source?: JsonObject;
  }[];
}

export type RecordPrefillConfirmationsResult =
  | { status: "recorded"; confirmations: PrefillConfirmation[] }
  /** Only finished cases (status done) have a prefill to confirm. */
  | NotReviewable;

export interface PrefillConfirmations {
  /** Records the entries with one `prefill_confirmed` audit event, in one transaction. */
  recordPrefillConfirmations(options: RecordPrefillConfirmationsOptions): Promise<RecordPrefillConfirmationsResult>;
  /** A case's confirmations and edits, oldest first, values opened (absent once cleared). */
  listPrefillConfirmations(caseId: string): Promise<PrefillConfirmation[]>;
}

const COLUMNS = `id, case_id as "caseId", field, decision, previous_value as "previousValue", value, source, clerk,
  created_at as "createdAt"`;

/** Clears a case's confirmed values (on delete and at retention), keeping who did what and when. */
export async function clearPrefillConfirmationValues(executor: SqlExecutor, caseId: string): Promise<void> {
  await executor.query("update prefill_confirmations set previous_value = null, value = null where case_id = $1", [
    caseId,
  ]);
}

export function createPrefillConfirmations(options: { client: SqlClient; codec: CaseDataCodec }): PrefillConfirmations {
  const { client, codec } = options;
  const open = async (caseId: unknown, value: unknown) =>
    typeof value === "string" ? ((await codec.openText(String(caseId), value)) ?? null) : value;
  const parse = async (rows: SqlRow[]) =>
    parseRows(
      PrefillConfirmationSchema,
      await Promise.all(
        rows.map(async (row) => ({
          ...row,
          previousValue: await open(row.caseId, row.previousValue),
          value: await open(row.caseId, row.value),
        })),
      ),
      "prefill_confirmations",
    );
  const list = async (executor: SqlExecutor, caseId: string) =>
    parse(
      await executor.query(`select ${COLUMNS} from prefill_confirmations where case_id = $1 order by position`, [
        caseId,
      ]),
    );

  return {
    async recordPrefillConfirmations(input) {
      return onReviewableCase(client, input.caseId, async (executor): Promise<RecordPrefillConfirmationsResult> => {
        for (const entry of input.entries)
          await executor.query(
            `insert into prefill_confirmations (id, case_id, field, decision, previous_value, value, source, clerk)
             values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)`,
            [
              randomUUID(),
              input.caseId,
              entry.field,
              entry.decision,
              entry.previousValue === undefined ? null : await codec.sealText(input.caseId, entry.previousValue),
              await codec.sealText(input.caseId, entry.value),
              entry.source ? toJsonParameter(entry.source) : null,
              input.clerk,
            ],
          );
        await insertAuditEvent(executor, {
          caseId: input.caseId,
          actor: input.clerk,
          action: "prefill_confirmed",
          // Field names, decisions and source kinds only: the values are personal data.
          detail: {
            fields: input.entries.map((entry) => ({
              field: entry.field,
              decision: entry.decision,
              ...(typeof entry.source?.kind === "string" ? { sourceKind: entry.source.kind } : {}),
            })),
          },
        });
        return { status: "recorded", confirmations: await list(executor, input.caseId) };
      });
    },
    async listPrefillConfirmations(caseId) {
      if (!isUuid(caseId)) return [];
      return list(client, caseId);
    },
  };
}
