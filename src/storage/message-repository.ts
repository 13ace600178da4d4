import { randomUUID } from "node:crypto";
import { z } from "zod";
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

export interface AppendTurnOptions {
  /**
   * The session the turn continues (with `state`: its new dialogue state, version + 1), or the new
   * session it opens (`id`: a new random id made by the caller, so both texts are sealed before the one
   * statement runs, and its data key is made without looking for one first).
   */
  session:
    | { id: string; state?: JsonObject }
    | { create: { id: string; clientKey: string; userId?: string; state: JsonObject } };
  /** The person's message (already masked by the caller). */
  userText: string;
  reply: { text: string; grounded: boolean; payload?: JsonObject };
}

export type AppendTurnResult =
  | { status: "appended"; sessionId: string; userMessage: ChatMessage; reply: ChatMessage }
  /** A continued session that is gone (deleted, or its data key destroyed): nothing was written. */
  | { status: "session_not_found" };

export interface MessageRepository {
  /** Adds a message at the end of the session and marks the session updated. */
  append(options: AppendMessageOptions): Promise<AppendMessageResult>;
  /**
   * Stores a whole chat turn in one statement: the session (created, or its state and `updated_at`
   * updated), the person's message and the reply to it, in that order. All of it or nothing, on both
   * engines, without a transaction.
   */
  appendTurn(options: AppendTurnOptions): Promise<AppendTurnResult>;
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
      // One statement, not a transaction of three or four: on the embedded engine every statement is a
      // round trip through the WASM database on the event loop (BEGIN and COMMIT included), and appends
      // run twice per chat reply. The CTE's update locks the session row for the statement, so
      // concurrent appends to one session still queue up in order and the session cannot be deleted
      // before the insert; no row back means the session or the reply target is missing.
      const answered =
        input.role !== "assistant"
          ? "null::uuid"
          : replyToId
            ? "(select id from chat_messages where id = $9::uuid and session_id = $2::uuid and role = 'user')"
            : "(select id from chat_messages where session_id = $2::uuid and role = 'user' order by position desc limit 1)";
      const rows = await client.query(
        `with touched as (update chat_sessions set updated_at = now() where id = $2::uuid returning id),
           answered as (select ${answered} as id)
         insert into chat_messages (id, session_id, role, text, normalized_text, reply_to_id, payload, grounded)
           select $1::uuid, touched.id, $3::text, $4::text, $5::text, answered.id, $6::jsonb, $7::boolean
           from touched cross join answered
           where $8::boolean or answered.id is not null
         returning ${COLUMNS}`,
        [
          randomUUID(),
          input.sessionId,
          input.role,
          text,
          input.role === "user" ? cipher.digest(normalizeQuestion(input.text)) : null,
          toJsonParameter(input.payload ?? {}),
          input.role === "assistant" ? input.grounded : null,
          replyToId === undefined,
          ...(replyToId ? [replyToId] : []),
        ],
      );
      // The text just sealed is the input's: the row is read back without opening it again.
      const [message] = parseRows(
        ChatMessageSchema,
        rows.map((row) => ({ ...row, text: input.text })),
        "chat_messages",
      );
      if (message) return { status: "appended", message };
      if (replyToId === undefined) return { status: "session_not_found" };
      const session = await client.query("select id from chat_sessions where id = $1", [input.sessionId]);
      return { status: session.length === 0 ? "session_not_found" : "reply_to_not_found" };
    },

    async appendTurn({ session, userText, reply }) {
      const creating = "create" in session ? session.create : undefined;
      const sessionId = creating?.id ?? ("id" in session ? session.id : "");
      if (!isUuid(sessionId)) return { status: "session_not_found" };
      const scope = sessionScope(sessionId);
      let sealed: [string, string];
      try {
        // A new session's data key is made here, by the first seal (its id was just made: no key is
        // looked for first); the second finds it in memory.
        sealed = [
          await cipher.seal(scope, userText, { freshScope: creating !== undefined }),
          await cipher.seal(scope, reply.text),
        ];
      } catch (error) {
        if (error instanceof DestroyedKeyError) return { status: "session_not_found" };
        throw error;
      }
      const [userId, replyId] = [randomUUID(), randomUUID()];
      // The session row is written first (created, or updated and so locked for the statement, as
      // `append` does); no row back means a continued session is gone. The two messages are inserted in
      // their order, so `position` keeps the person's message before the reply.
      const target = creating
        ? `insert into chat_sessions (id, client_key, user_id, state) values ($1::uuid, $9::text, $10::text, $11::jsonb)
             returning id`
        : `update chat_sessions set updated_at = now(), state = coalesce($9::jsonb, state),
             version = version + (case when $9::jsonb is null then 0 else 1 end)
             where id = $1::uuid returning id`;
      const rows = await client.query(
        `with target as (${target})
         insert into chat_messages (id, session_id, role, text, normalized_text, reply_to_id, payload, grounded)
           select turn.id, target.id, turn.role, turn.text, turn.normalized_text, turn.reply_to_id, turn.payload,
             turn.grounded
           from target cross join (values
             (1, $2::uuid, 'user', $3::text, $4::text, null::uuid, '{}'::jsonb, null::boolean),
             (2, $5::uuid, 'assistant', $6::text, null::text, $2::uuid, $7::jsonb, $8::boolean)
           ) as turn (ordinal, id, role, text, normalized_text, reply_to_id, payload, grounded)
           order by turn.ordinal
         returning ${COLUMNS}`,
        [
          sessionId,
          userId,
          sealed[0],
          cipher.digest(normalizeQuestion(userText)),
          replyId,
          sealed[1],
          toJsonParameter(reply.payload ?? {}),
          reply.grounded,
          ...(creating
            ? [creating.clientKey, creating.userId ?? null, toJsonParameter(creating.state)]
            : ["state" in session && session.state ? toJsonParameter(session.state) : null]),
        ],
      );
      // The texts just sealed are the input's: the rows are read back without opening them again.
      const messages = parseRows(
        ChatMessageSchema,
        rows.map((row) => ({ ...row, text: row.id === userId ? userText : reply.text })),
        "chat_messages",
      );
      const userMessage = messages.find((message) => message.id === userId);
      const replyMessage = messages.find((message) => message.id === replyId);
      if (!userMessage || !replyMessage) return { status: "session_not_found" };
      return { status: "appended", sessionId, userMessage, reply: replyMessage };
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
