import { randomUUID } from "node:crypto";
import { z } from "zod";
import { AppError } from "../errors.js";
import { isUuid, type JsonObject, toJsonParameter } from "./json-object.js";
import { normalizeQuestionText } from "./normalize-question-text.js";
import { parseRows } from "./parse-rows.js";
import type { SqlClient, SqlRow } from "./sql-client.js";

/**
 * What the agents attach to a message. The named fields are read tolerantly (a wrong type reads as
 * absent); anything else (route, clarify, checklist, ...) passes through untouched.
 */
export const ChatMessagePayloadSchema = z.looseObject({
  intent: z.string().optional().catch(undefined),
  mode: z.string().optional().catch(undefined),
  citations: z.array(z.unknown()).optional().catch(undefined),
});
export type ChatMessagePayload = z.infer<typeof ChatMessagePayloadSchema>;

export const ChatMessageSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  role: z.enum(["user", "assistant"]),
  text: z.string(),
  /** User messages: the folded text questions are grouped by. */
  normalizedText: z
    .string()
    .nullish()
    .transform((value) => value ?? undefined),
  /** Assistant messages: the user message answered. */
  replyToId: z
    .string()
    .nullish()
    .transform((value) => value ?? undefined),
  payload: ChatMessagePayloadSchema.catch({}),
  /** Assistant messages only. */
  grounded: z
    .boolean()
    .nullish()
    .transform((value) => value ?? undefined),
  createdAt: z.coerce.date(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

interface AppendCommon {
  sessionId: string;
  text: string;
  /** Default `{}`. */
  payload?: JsonObject;
}

export type AppendMessageOptions =
  | (AppendCommon & { role: "user" })
  | (AppendCommon & {
      role: "assistant";
      /** Whether the answer is supported by citations; ungrounded answers feed the unanswered list. */
      grounded: boolean;
      /** The user message answered. Default: the latest user message of the session. */
      replyToId?: string;
    });

export type AppendMessageResult =
  | { status: "appended"; message: ChatMessage }
  | { status: "session_not_found" }
  /** `replyToId` is not a user message of this session. */
  | { status: "reply_to_not_found" };

export interface ListMessagesOptions {
  sessionId: string;
  /** Only the latest `limit` messages (still oldest first). Default: all. */
  limit?: number;
}

export interface MessageRepository {
  /** Adds a message at the end of the session and marks the session updated. */
  append(options: AppendMessageOptions): Promise<AppendMessageResult>;
  /** The session's messages, oldest first, in the order they were appended; empty for unknown sessions. */
  listBySession(options: ListMessagesOptions): Promise<ChatMessage[]>;
}

const COLUMNS = `id, session_id as "sessionId", role, text, normalized_text as "normalizedText",
  reply_to_id as "replyToId", payload, grounded, created_at as "createdAt"`;

export interface CreateMessageRepositoryOptions {
  client: SqlClient;
  /** Folds user questions for grouping. Default `normalizeQuestionText`. */
  normalizeQuestion?: (text: string) => string;
}

export function createMessageRepository(options: CreateMessageRepositoryOptions): MessageRepository {
  const { client, normalizeQuestion = normalizeQuestionText } = options;
  const parse = (rows: SqlRow[]) => parseRows(ChatMessageSchema, rows, "chat_messages");

  return {
    async append(input) {
      if (!isUuid(input.sessionId)) return { status: "session_not_found" };
      const replyToId = input.role === "assistant" ? input.replyToId : undefined;
      if (replyToId !== undefined && !isUuid(replyToId)) return { status: "reply_to_not_found" };
      return client.transaction(async (executor): Promise<AppendMessageResult> => {
        // Locks the session row: concurrent appends to one session queue up in order, and the session
        // cannot be deleted before the insert.
        const touched = await executor.query("update chat_sessions set updated_at = now() where id = $1 returning id", [
          input.sessionId,
        ]);
        if (touched.length === 0) return { status: "session_not_found" };

        let replyTo: string | null = null;
        if (input.role === "assistant") {
          const found = await executor.query(
            replyToId
              ? "select id from chat_messages where id = $2 and session_id = $1 and role = 'user'"
              : "select id from chat_messages where session_id = $1 and role = 'user' order by position desc limit 1",
            replyToId ? [input.sessionId, replyToId] : [input.sessionId],
          );
          if (replyToId && found.length === 0) return { status: "reply_to_not_found" };
          replyTo = typeof found[0]?.id === "string" ? found[0].id : null;
        }

        const rows = await executor.query(
          `insert into chat_messages (id, session_id, role, text, normalized_text, reply_to_id, payload, grounded)
             values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)
             returning ${COLUMNS}`,
          [
            randomUUID(),
            input.sessionId,
            input.role,
            input.text,
            input.role === "user" ? normalizeQuestion(input.text) : null,
            replyTo,
            toJsonParameter(input.payload ?? {}),
            input.role === "assistant" ? input.grounded : null,
          ],
        );
        const [message] = parse(rows);
        if (!message) throw new AppError("internal", "insert into chat_messages returned no row");
        return { status: "appended", message };
      });
    },

    async listBySession({ sessionId, limit }) {
      if (!isUuid(sessionId)) return [];
      if (limit === undefined)
        return parse(
          await client.query(`select ${COLUMNS} from chat_messages where session_id = $1 order by position`, [
            sessionId,
          ]),
        );
      const rows = await client.query(
        `select ${COLUMNS} from (
           select * from chat_messages where session_id = $1 order by position desc limit $2
         ) latest order by position`,
        [sessionId, Math.max(0, Math.floor(limit))],
      );
      return parse(rows);
    },
  };
}
