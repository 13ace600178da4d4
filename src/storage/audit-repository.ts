import { randomUUID } from "node:crypto";
import { z } from "zod";
import { AppError } from "../errors.js";
import { isUuid, type JsonObject, JsonObjectSchema, toJsonParameter } from "./json-object.js";
import { parseRows } from "./parse-rows.js";
import type { SqlClient, SqlExecutor, SqlRow } from "./sql-client.js";

/** What happened. Read tolerantly: a later build may add actions an older one lists. */
export const AuditActionSchema = z.enum([
  "case_created",
  "case_viewed",
  "job_started",
  "job_done",
  "job_failed",
  "job_requeued",
  "review_recorded",
  /** The clerk confirmed or edited prefilled form values (prefill_confirmations holds the values). */
  "prefill_confirmed",
  "case_deleted",
  "files_purged",
]);
export type AuditAction = z.infer<typeof AuditActionSchema>;

export const AuditEventSchema = z.object({
  id: z.string(),
  caseId: z
    .string()
    .nullish()
    .transform((value) => value ?? undefined),
  /** `clerk:<label>`, `applicant` or `system`. */
  actor: z.string(),
  action: z.string(),
  /** Ids, counts and codes; never personal data (callers must not put any here). */
  detail: JsonObjectSchema,
  createdAt: z.coerce.date(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export interface RecordAuditEventOptions {
  /** The case concerned; none for events about the system as a whole. */
  caseId?: string;
  actor: string;
  action: AuditAction;
  /** Default `{}`. No names, ID numbers, phone numbers, file names or comments. */
  detail?: JsonObject;
}

export interface AuditRepository {
  record(options: RecordAuditEventOptions): Promise<AuditEvent>;
  /** A case's events, oldest first. */
  listByCase(caseId: string): Promise<AuditEvent[]>;
}

const COLUMNS = `id, case_id as "caseId", actor, action, detail, created_at as "createdAt"`;

/** Inserts one audit event with the executor given, so it commits or rolls back with the change it records. */
export async function insertAuditEvent(executor: SqlExecutor, event: RecordAuditEventOptions): Promise<AuditEvent> {
  const rows = await executor.query(
    `insert into audit_events (id, case_id, actor, action, detail) values ($1, $2, $3, $4, $5::jsonb)
     returning ${COLUMNS}`,
    [randomUUID(), event.caseId ?? null, event.actor, event.action, toJsonParameter(event.detail ?? {})],
  );
  const [recorded] = parseRows(AuditEventSchema, rows, "audit_events");
  if (!recorded) throw new AppError("internal", "insert into audit_events returned no row");
  return recorded;
}

export function createAuditRepository(options: { client: SqlClient }): AuditRepository {
  const { client } = options;
  const parse = (rows: SqlRow[]) => parseRows(AuditEventSchema, rows, "audit_events");
  return {
    record: (event) => insertAuditEvent(client, event),
    async listByCase(caseId) {
      if (!isUuid(caseId)) return [];
      return parse(
        await client.query(`select ${COLUMNS} from audit_events where case_id = $1 order by position`, [caseId]),
      );
    },
  };
}
