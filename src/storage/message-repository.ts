import { randomUUID } from "node:crypto";
import { z } from "zod";
import { AppError } from "../errors.js";
import { isUuid, type JsonObject, toJsonParameter } from "./json-object.js";
import { normalizeQuestionText } from "./normalize-question-text.js";
import { DestroyedKeyError, type FieldCipher, plainFieldCipher } from "../data-protection/index.js";
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
  /**
   * Seals message text with the session's data key and keys the grouping text by a digest (default:
   * none, for tests of storage alone). A deleted session's messages open as empty text.
   */
  cipher?: FieldCipher;
}

export const sessionScope = (sessionId: string) => `session:${sessionId.toLowerCase()}`;

export function createMessageRepository(options: CreateMessageRepositoryOptions): MessageRepository {
  const { client, normalizeQuestion = normalizeQuestionText, cipher = plainFieldCipher } = options;
  const parse = async (rows: SqlRow[]) =>
    parseRows(
      ChatMessageSchema,
      await Promise.all(
        rows.map(async (row) => ({
          ...row,
          text: (await cipher.open(sessionScope(String(row.sessionId)), String(row.text))) ?? "",
        })),
      ),
      "chat_messages",
    );

  return {
    async append(input) {
      if (!isUuid(input.sessionId)) return { status: "session_not_found" };
      const replyToId = input.role === "assistant" ? input.replyToId : undefined;
      if (replyToId !== undefined && !isUuid(replyToId)) return { status: "reply_to_not_found" };
      let text: string;
      try {
        text = await cipher.seal(sessionScope(input.sessionId), input.text);
      } catch (error) {
        if (error instanceof DestroyedKeyError) return { status: "session_not_found" };
        throw error;
      }
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
            text,
            input.role === "user" ? cipher.digest(normalizeQuestion(input.text)) : null,
            replyTo,
            toJsonParameter(input.payload ?? {}),
            input.role === "assistant" ? input.grounded : null,
          ],
        );
        const [message] = await parse(rows);
        if (!message) throw new AppError("internal", "insert into chat_messages returned no row");
        return { status: "appended", message };
      });
    },

    async listBySession({ sessionId, limit }) {
      if (!isUuid(sessionId)) return [];
      if (limit === undefined)
        return await parse(
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
      return await parse(rows);
    },
  };
}
