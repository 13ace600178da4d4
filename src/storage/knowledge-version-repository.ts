import { z } from "zod";
import { type JsonObject, toJsonParameter } from "./json-object.js";
import { parseRows } from "./parse-rows.js";
import type { SqlExecutor } from "./sql-client.js";

export const KnowledgeVersionSchema = z.object({
  hash: z.string(),
  version: z.string(),
  actor: z.string(),
  summary: z.record(z.string(), z.unknown()),
  createdAt: z.coerce.date(),
});
export type KnowledgeVersion = z.infer<typeof KnowledgeVersionSchema>;

/** The knowledge base versions the service swapped in, newest first. */
export interface KnowledgeVersionRepository {
  record(input: { hash: string; version: string; actor: string; summary: JsonObject }): Promise<void>;
  /** Newest first; `limit` 1–100, default 20. */
  list(options?: { limit?: number }): Promise<KnowledgeVersion[]>;
}

export function createKnowledgeVersionRepository(options: { client: SqlExecutor }): KnowledgeVersionRepository {
  const { client } = options;
  return {
    async record({ hash, version, actor, summary }) {
      await client.query(
        "insert into knowledge_versions (hash, version, actor, summary) values ($1, $2, $3, $4::jsonb)",
        [hash, version, actor, toJsonParameter(summary)],
      );
    },
    async list({ limit = 20 } = {}) {
      const rows = await client.query(
        `select hash, version, actor, summary, created_at as "createdAt" from knowledge_versions
         order by position desc limit $1`,
        [Math.min(Math.max(Math.trunc(limit), 1), 100)],
      );
      return parseRows(KnowledgeVersionSchema, rows, "knowledge version");
    },
  };
}
