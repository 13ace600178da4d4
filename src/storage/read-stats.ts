// Staff analytics over the existing schema: the same SQL on PGlite and PostgreSQL. Days are counted in
// China Standard Time (UTC+8, no daylight saving), so a fixed offset is exact and needs no tz database.
import { z } from "zod";
import { type FieldCipher, plainFieldCipher } from "../data-protection/index.js";
import { ruleLabel } from "../prereview/vocabulary.js";
import { clusterQuestions } from "./cluster-questions.js";
import { listUnanswered } from "./list-unanswered.js";
import { sessionScope } from "./message-repository.js";
import { parseRows } from "./parse-rows.js";
import type { SqlExecutor } from "./sql-client.js";
import type { Stats } from "./stats-schema.js";

export const STATS_TIME_ZONE = "Asia/Shanghai";
const DAY = `to_char((%s at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD')`;
const day = (column: string) => DAY.replace("%s", column);
/** The citations of an assistant message as a set of guide documents (`matter:x`, `bundle:y`). */
const DOCUMENTS = `(select distinct split_part(value, '#', 1) as document
   from jsonb_array_elements_text(case when jsonb_typeof(a.payload->'citations') = 'array'
     then a.payload->'citations' else '[]'::jsonb end)
   where value like 'matter:%' or value like 'bundle:%')`;
/** How many of the most frequent rows lists keep. */
const TOP = 30;

export interface ReadStatsOptions {
  /** Start, inclusive. */
  from: Date;
  /** End, exclusive. */
  to: Date;
}

const n = z.coerce.number();
/** A stats row with its rule named in Chinese (pure data of the pre-review, no pipeline code). */
const labelled = <T extends { ruleId: string }>(row: T) => ({ ...row, ruleLabel: ruleLabel(row.ruleId) });
const CountRow = z.object({
  key: z
    .string()
    .nullable()
    .transform((value) => value ?? "—"),
  count: n,
});

export async function readStats(
  executor: SqlExecutor,
  options: ReadStatsOptions,
  cipher: FieldCipher = plainFieldCipher,
  normalizeQuestion?: (text: string) => string,
): Promise<Stats> {
  const range = [options.from, options.to];
  const query = async <T extends z.ZodType>(schema: T, sql: string) =>
    parseRows(schema, await executor.query(sql, range), "stats");

  const perDay = await query(
    z.object({ day: z.string(), questions: n, unanswered: n, refused: n, handoffs: n }),
    `select ${day("q.created_at")} as day, count(*) as questions,
       count(*) filter (where a.grounded = false and coalesce(a.payload->>'intent', '') not in ('greeting', 'handoff')) as unanswered,
       count(*) filter (where a.payload->>'intent' in ('out_of_scope', 'injection')) as refused,
       count(*) filter (where a.payload->>'intent' = 'handoff' or a.payload->>'handoff' = 'true') as handoffs
     from chat_messages q
     left join chat_messages a on a.reply_to_id = q.id and a.role = 'assistant'
     where q.role = 'user' and q.created_at >= $1 and q.created_at < $2
     group by 1 order by 1`,
  );
  const intents = await query(
    CountRow,
    `select a.payload->>'intent' as key, count(*) as count from chat_messages a
     where a.role = 'assistant' and a.created_at >= $1 and a.created_at < $2
     group by 1 order by 2 desc, 1`,
  );
  const documents = await query(
    CountRow,
    `select d.document as key, count(*) as count from chat_messages a cross join lateral ${DOCUMENTS} d
     where a.role = 'assistant' and a.created_at >= $1 and a.created_at < $2
     group by 1 order by 2 desc, 1 limit ${TOP}`,
  );
  const ratings = await query(
    z.object({ key: z.string(), up: n, down: n }),
    `select coalesce(d.document, '—') as key, count(*) filter (where f.rating = 'up') as up,
       count(*) filter (where f.rating = 'down') as down
     from feedback f join chat_messages a on a.id = f.message_id
     left join lateral ${DOCUMENTS} d on true
     where f.updated_at >= $1 and f.updated_at < $2
     group by 1 order by 3 desc, 2 desc, 1 limit ${TOP}`,
  );
  const commentRows = await query(
    z.object({
      key: z.string(),
      sessionId: z.string(),
      rating: z.enum(["up", "down"]),
      comment: z.string(),
      at: z.coerce.date(),
    }),
    `select coalesce(d.document, '—') as key, f.session_id::text as "sessionId", f.rating, f.comment, f.updated_at as at
     from feedback f join chat_messages a on a.id = f.message_id
     left join lateral ${DOCUMENTS} d on true
     where f.comment is not null and f.updated_at >= $1 and f.updated_at < $2
     order by f.updated_at desc limit 300`,
  );
  const comments = new Map<string, Stats["chat"]["ratings"][number]["comments"]>();
  for (const row of commentRows) {
    const list = comments.get(row.key) ?? [];
    if (list.length >= 3) continue;
    // Comments are sealed with their session's key; a deleted session's comment no longer opens.
    const text = await cipher.open(sessionScope(row.sessionId), row.comment);
    if (text === undefined) continue;
    list.push({ rating: row.rating, text, createdAt: row.at.toISOString() });
    comments.set(row.key, list);
  }
  const unanswered = await listUnanswered(
    executor,
    { since: options.from, until: options.to, limit: 1000 },
    cipher,
    normalizeQuestion,
  );

  const sum = (key: "questions" | "unanswered" | "refused" | "handoffs") =>
    perDay.reduce((total, row) => total + row[key], 0);
  const totals = {
    questions: sum("questions"),
    unanswered: sum("unanswered"),
    refused: sum("refused"),
    handoffs: sum("handoffs"),
  };
  const share = (part: number) => (totals.questions === 0 ? null : part / totals.questions);

  return {
    range: { from: options.from.toISOString(), to: options.to.toISOString(), timeZone: STATS_TIME_ZONE },
    chat: {
      totals: {
        ...totals,
        unansweredRate: share(totals.unanswered),
        refusalRate: share(totals.refused),
        handoffRate: share(totals.handoffs),
      },
      perDay,
      intents: intents.map(({ key, count }) => ({ intent: key, count })),
      documents: documents.map(({ key, count }) => ({ documentId: key, count })),
      ratings: ratings.map(({ key, up, down }) => ({ documentId: key, up, down, comments: comments.get(key) ?? [] })),
      unanswered: clusterQuestions(
        unanswered.questions.map(({ question, count, lastSeenAt }) => ({ question, count, lastSeenAt })),
      )
        .slice(0, TOP)
        .map((cluster) => ({ ...cluster, lastSeenAt: cluster.lastSeenAt.toISOString() })),
    },
    prereview: await readPrereviewStats(query),
  };
}

type Query = <T extends z.ZodType>(schema: T, sql: string) => Promise<z.infer<T>[]>;

const FINDINGS = `prereview_cases p cross join lateral jsonb_array_elements(
  case when jsonb_typeof(p.finding_rules) = 'array' then p.finding_rules else '[]'::jsonb end) f`;

async function readPrereviewStats(query: Query): Promise<Stats["prereview"]> {
  const perDay = await query(
    z.object({ day: z.string(), cases: n }),
    `select ${day("created_at")} as day, count(*) as cases from prereview_cases
     where created_at >= $1 and created_at < $2 group by 1 order by 1`,
  );
  const verdicts = await query(
    CountRow,
    `select verdict as key, count(*) as count from prereview_cases
     where verdict is not null and created_at >= $1 and created_at < $2 group by 1 order by 2 desc, 1`,
  );
  const findingsByRule = await query(
    z.object({ ruleId: z.string(), count: n, errors: n }),
    `select f->>'ruleId' as "ruleId", count(*) as count, count(*) filter (where f->>'severity' = 'error') as errors
     from ${FINDINGS} where p.created_at >= $1 and p.created_at < $2 group by 1 order by 2 desc, 1`,
  );
  const findingsByMatter = await query(
    z.object({ documentId: z.string(), ruleId: z.string(), count: n }),
    `select case when p.bundle_id is not null then 'bundle:' || p.bundle_id else 'matter:' || coalesce(p.matter_id, '—') end
       as "documentId", f->>'ruleId' as "ruleId", count(*) as count
     from ${FINDINGS} where p.created_at >= $1 and p.created_at < $2 group by 1, 2 order by 3 desc, 1, 2 limit ${TOP}`,
  );
  // A finding counts once, by the clerk's latest decision on it.
  const overrides = await query(
    z.object({ ruleId: z.string(), reviewed: n, overridden: n }),
    `select f->>'ruleId' as "ruleId", count(*) as reviewed, count(*) filter (where r.decision = 'override') as overridden
     from ${FINDINGS}
     join (select distinct on (case_id, finding_id) case_id, finding_id, decision from prereview_reviews
           order by case_id, finding_id, position desc) r on r.case_id = p.id and r.finding_id = f->>'id'
     where p.created_at >= $1 and p.created_at < $2 group by 1 order by 3 desc, 2 desc, 1`,
  );
  const [timing] = await query(
    z.object({ cases: n, pages: n.nullable(), seconds: n.nullable(), median: n.nullable(), max: n.nullable() }),
    `select count(*) as cases, avg((detail->>'pages')::numeric) as pages,
       avg((detail->>'milliseconds')::numeric) / 1000 as seconds,
       percentile_cont(0.5) within group (order by (detail->>'milliseconds')::numeric) / 1000 as median,
       max((detail->>'milliseconds')::numeric) / 1000 as max
     from audit_events where action = 'job_done' and created_at >= $1 and created_at < $2
       and detail->>'milliseconds' ~ '^[0-9]+$' and coalesce(detail->>'pages', '0') ~ '^[0-9]+$'`,
  );
  const round = (value: number | null | undefined, digits = 1) =>
    value === null || value === undefined ? null : Number(value.toFixed(digits));
  return {
    perDay,
    verdicts: verdicts.map(({ key, count }) => ({ verdict: key, count })),
    findingsByRule: findingsByRule.map(labelled),
    findingsByMatter: findingsByMatter.map(labelled),
    overrides: overrides.map((row) => ({
      ...labelled(row),
      rate: row.reviewed === 0 ? null : row.overridden / row.reviewed,
    })),
    timing: {
      cases: timing?.cases ?? 0,
      pagesPerCase: round(timing?.pages),
      secondsPerCase: round(timing?.seconds),
      secondsMedian: round(timing?.median),
      secondsMax: round(timing?.max),
    },
  };
}
