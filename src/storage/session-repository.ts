import { randomUUID } from "node:crypto";
import { z } from "zod";
import { AppError } from "../errors.js";
import { isUuid, JsonObjectSchema, type JsonObject, toJsonParameter } from "./json-object.js";
import { parseRows } from "./parse-rows.js";
import type { SqlClient, SqlRow } from "./sql-client.js";

export const ChatSessionSchema = z.object({
  id: z.string(),
  clientKey: z.string(),
  userId: z
    .string()
    .nullish()
    .transform((value) => value ?? undefined),
  state: JsonObjectSchema,
  /** Starts at 1, +1 on every state update. */
  version: z.coerce.number().int(),
  createdAt: z.coerce.date(),
  updatedAt: z.coerce.date(),
});
export type ChatSession = z.infer<typeof ChatSessionSchema>;

export interface CreateSessionOptions {
  /** What per-client limits count by (IP or key hash). */
  clientKey: string;
  /** Signed-in user, when there is one. Default: none. */
  userId?: string;
  /** Initial dialogue state. Default `{}`. */
  state?: JsonObject;
}

export interface UpdateSessionStateOptions {
  id: string;
  /** The whole new state (not a patch). */
  state: JsonObject;
  /**
   * The `version` the caller read. When given, the update applies only if nobody wrote since
   * (optimistic check) and a conflict is returned otherwise. When omitted, the state is overwritten.
   */
  expectedVersion?: number;
}

export type UpdateSessionStateResult =
  | { status: "updated"; session: ChatSession }
  | { status: "not_found" }
  /** Someone updated the session after `expectedVersion`; `session` is what is stored now. */
  | { status: "conflict"; session: ChatSession };

export interface CountSessionsOptions {
  clientKey: string;
  /** Count sessions created at or after this instant. */
  since: Date;
}

export interface SessionRepository {
  create(options: CreateSessionOptions): Promise<ChatSession>;
  /** The session, or undefined when there is none with this id (including ids that are not uuids). */
  get(id: string): Promise<ChatSession | undefined>;
  updateState(options: UpdateSessionStateOptions): Promise<UpdateSessionStateResult>;
  /** Sessions a client opened since an instant, for the per-client session limit. */
  countByClientSince(options: CountSessionsOptions): Promise<number>;
  /** Deletes the session with its messages and feedback; false when there was none. */
  delete(id: string): Promise<boolean>;
}

const COLUMNS = `id, client_key as "clientKey", user_id as "userId", state, version,
  created_at as "createdAt", updated_at as "updatedAt"`;

const CountSchema = z.object({ count: z.coerce.number().int() });

export function createSessionRepository(options: { client: SqlClient }): SessionRepository {
  const { client } = options;
  const parse = (rows: SqlRow[]) => parseRows(ChatSessionSchema, rows, "chat_sessions");

  const get = async (id: string): Promise<ChatSession | undefined> => {
    if (!isUuid(id)) return undefined;
    return parse(await client.query(`select ${COLUMNS} from chat_sessions where id = $1`, [id]))[0];
  };

  return {
    async create({ clientKey, userId, state = {} }) {
      const rows = await client.query(
        `insert into chat_sessions (id, client_key, user_id, state) values ($1, $2, $3, $4::jsonb)
         returning ${COLUMNS}`,
        [randomUUID(), clientKey, userId ?? null, toJsonParameter(state)],
      );
      const [session] = parse(rows);
      if (!session) throw new AppError("internal", "insert into chat_sessions returned no row");
      return session;
    },

    get,

    async updateState({ id, state, expectedVersion }) {
      if (!isUuid(id)) return { status: "not_found" };
      const rows = await client.query(
        `update chat_sessions set state = $2::jsonb, version = version + 1, updated_at = now()
         where id = $1 and ($3::integer is null or version = $3::integer)
         returning ${COLUMNS}`,
        [id, toJsonParameter(state), expectedVersion ?? null],
      );
      const [session] = parse(rows);
      if (session) return { status: "updated", session };
      const current = await get(id);
      return current ? { status: "conflict", session: current } : { status: "not_found" };
    },

    async countByClientSince({ clientKey, since }) {
      const rows = await client.query(
        "select count(*)::integer as count from chat_sessions where client_key = $1 and created_at >= $2",
        [clientKey, since],
      );
      return parseRows(CountSchema, rows, "count")[0]?.count ?? 0;
    },

    async delete(id) {
      if (!isUuid(id)) return false;
      const rows = await client.query("delete from chat_sessions where id = $1 returning id", [id]);
      return rows.length > 0;
    },
  };
}
