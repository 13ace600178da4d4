import { randomUUID } from "node:crypto";
import { z } from "zod";
import { AppError } from "../errors.js";
import { isUuid } from "./json-object.js";
import { DestroyedKeyError, type FieldCipher, plainFieldCipher } from "../data-protection/index.js";
import { sessionScope } from "./message-repository.js";
import { parseRows } from "./parse-rows.js";
import type { SqlClient, SqlRow } from "./sql-client.js";

export const FeedbackRatingSchema = z.enum(["up", "down"]);
export type FeedbackRating = z.infer<typeof FeedbackRatingSchema>;

export const FeedbackSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  messageId: z.string(),
  rating: FeedbackRatingSchema,
  comment: z
    .string()
    .nullish()
    .transform((value) => value ?? undefined),
  /** When the message was first rated. */
  createdAt: z.coerce.date(),
  /** When the current rating was given. */
  updatedAt: z.coerce.date(),
});
export type Feedback = z.infer<typeof FeedbackSchema>;

export interface RecordFeedbackOptions {
  sessionId: string;
  /** An assistant message of that session. */
  messageId: string;
  rating: FeedbackRating;
  /** Default: none (a replacing rating without a comment clears the earlier comment). */
  comment?: string;
}

export type RecordFeedbackResult =
  /** `replaced`: the message had a rating, which this one replaced. */
  | { status: "recorded"; feedback: Feedback; replaced: boolean }
  /** No message with this id in this session. */
  | { status: "message_not_found" }
  /** The message is the user's own; only answers are rated. */
  | { status: "not_an_answer" };

export interface FeedbackRepository {
  /** Records a rating (好差评); one per message, a second rating of the same message replaces the first. */
  record(options: RecordFeedbackOptions): Promise<RecordFeedbackResult>;
  /** The current rating of a message, or undefined. */
  getByMessage(messageId: string): Promise<Feedback | undefined>;
}

const COLUMNS = `id, session_id as "sessionId", message_id as "messageId", rating, comment,
  created_at as "createdAt", updated_at as "updatedAt"`;

export function createFeedbackRepository(options: { client: SqlClient; cipher?: FieldCipher }): FeedbackRepository {
  const { client, cipher = plainFieldCipher } = options;
  // Comments may quote personal details: sealed with the session's key.
  const parse = async (rows: SqlRow[]) =>
    parseRows(
      FeedbackSchema,
      await Promise.all(
        rows.map(async (row) => ({
          ...row,
          comment:
            typeof row.comment === "string"
              ? ((await cipher.open(sessionScope(String(row.sessionId)), row.comment)) ?? null)
              : row.comment,
        })),
      ),
      "feedback",
    );

  return {
    async record({ sessionId, messageId, rating, comment }) {
      if (!isUuid(sessionId) || !isUuid(messageId)) return { status: "message_not_found" };
      // Checked before sealing: sealing makes the session's data key, and a rating of a message that
      // does not exist must not leave a key behind (one per request, for anyone who sends them).
      const found = await client.query("select 1 from chat_messages where id = $1 and session_id = $2", [
        messageId,
        sessionId,
      ]);
      if (found.length === 0) return { status: "message_not_found" };
      let sealed: string | null = null;
      try {
        sealed = comment ? await cipher.seal(sessionScope(sessionId), comment) : null;
      } catch (error) {
        if (error instanceof DestroyedKeyError) return { status: "message_not_found" };
        throw error;
      }
      return client.transaction(async (executor): Promise<RecordFeedbackResult> => {
        // Locking the message serialises two ratings of it, so `replaced` is exact.
        const messages = await executor.query(
          "select role from chat_messages where id = $1 and session_id = $2 for update",
          [messageId, sessionId],
        );
        const role = messages[0]?.role;
        if (role === undefined) return { status: "message_not_found" };
        if (role !== "assistant") return { status: "not_an_answer" };
        const existing = await executor.query("select id from feedback where message_id = $1", [messageId]);
        const rows = await executor.query(
          `insert into feedback (id, session_id, message_id, rating, comment) values ($1, $2, $3, $4, $5)
           on conflict (message_id) do update
             set rating = excluded.rating, comment = excluded.comment, updated_at = now()
           returning ${COLUMNS}`,
          [randomUUID(), sessionId, messageId, rating, sealed],
        );
        const [feedback] = await parse(rows);
        if (!feedback) throw new AppError("internal", "insert into feedback returned no row");
        return { status: "recorded", feedback, replaced: existing.length > 0 };
      });
    },

    async getByMessage(messageId) {
      if (!isUuid(messageId)) return undefined;
      return (await parse(await client.query(`select ${COLUMNS} from feedback where message_id = $1`, [messageId])))[0];
    },
  };
}
