import { z } from "zod";
import { AppError } from "../errors.js";
import { type FieldCipher, plainFieldCipher } from "../data-protection/index.js";
import { sessionScope } from "./message-repository.js";
import { normalizeQuestionText } from "./normalize-question-text.js";
import { parseRows } from "./parse-rows.js";
import type { SqlExecutor } from "./sql-client.js";

export const ListUnansweredOptionsSchema = z.object({
  /** Most groups returned, 1–1000. Default 50. */
  limit: z.number().int().min(1).max(1000).default(50),
  /** Only questions asked at or after this instant. Default: all time. */
  since: z.date().optional(),
  /** Only questions asked before this instant. Default: up to now. */
  until: z.date().optional(),
});
export type ListUnansweredOptions = z.input<typeof ListUnansweredOptionsSchema>;

export const UnansweredQuestionSchema = z.object({
  /** The folded question text the group is keyed by. */
  normalizedText: z.string(),
  /** The latest wording a user used. */
  question: z.string(),
  /** How many times it was asked and not answered well. */
  count: z.coerce.number().int(),
  /** Of those, how many answers were not grounded. */
  ungrounded: z.coerce.number().int(),
  /** Of those, how many answers were rated down. */
  downRated: z.coerce.number().int(),
  lastSeenAt: z.coerce.date(),
});
export type UnansweredQuestion = z.infer<typeof UnansweredQuestionSchema>;

export interface ListUnansweredResult {
  /** Most frequent first; ties by most recent. */
  questions: UnansweredQuestion[];
}

/**
 * User questions whose answer was not grounded or was rated down, grouped by normalised text, so
 * maintainers see what the knowledge base lacks. A question counts once even if several answers to
 * it were flagged.
 */
export async function listUnanswered(
  executor: SqlExecutor,
  options: ListUnansweredOptions = {},
  /** Opens the sealed question texts (default: none). */
  cipher: FieldCipher = plainFieldCipher,
  normalizeQuestion: (text: string) => string = normalizeQuestionText,
): Promise<ListUnansweredResult> {
  const parsed = ListUnansweredOptionsSchema.safeParse(options);
  if (!parsed.success) throw new AppError("bad_request", "invalid listUnanswered options", { cause: parsed.error });
  const { limit, since, until } = parsed.data;
  const rows = await executor.query(
    `select
       question.normalized_text as "normalizedText",
       (array_agg(question.text order by question.position desc))[1] as question,
       (array_agg(question.session_id::text order by question.position desc))[1] as "sessionId",
       count(distinct question.id)::integer as count,
       count(distinct question.id) filter (where answer.grounded = false)::integer as ungrounded,
       count(distinct question.id) filter (where feedback.rating = 'down')::integer as "downRated",
       max(question.created_at) as "lastSeenAt"
     from chat_messages answer
     join chat_messages question on question.id = answer.reply_to_id and question.role = 'user'
     left join feedback on feedback.message_id = answer.id
     where answer.role = 'assistant'
       and (answer.grounded = false or feedback.rating = 'down')
       and ($2::timestamptz is null or question.created_at >= $2::timestamptz)
       and ($3::timestamptz is null or question.created_at < $3::timestamptz)
     group by question.normalized_text
     order by count desc, "lastSeenAt" desc, "normalizedText"
     limit $1`,
    [limit, since ?? null, until ?? null],
  );
  // Grouped by a keyed digest of the folded text; the text shown is the latest wording, opened with
  // its session's key (a deleted session's questions drop out).
  const opened = await Promise.all(
    rows.map(async ({ sessionId, ...row }) => {
      const question = await cipher.open(sessionScope(String(sessionId)), String(row.question));
      return question === undefined ? undefined : { ...row, question, normalizedText: normalizeQuestion(question) };
    }),
  );
  return {
    questions: parseRows(
      UnansweredQuestionSchema,
      opened.filter((row) => row !== undefined),
      "unanswered question",
    ),
  };
}
