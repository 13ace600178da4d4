// The staff analytics (智能分析) shape, defined once: storage fills it, the HTTP layer validates and
// exports it as CSV, the console draws it. Pure zod, safe to bundle for the browser.
import { z } from "zod";

const count = z.number().int().nonnegative();
/** A share 0–1, null when there was nothing to divide by. */
const rate = z.number().min(0).max(1).nullable();

export const ChatDaySchema = z.object({
  day: z.string(),
  questions: count,
  /** Replies without a grounded answer (greetings and hand-offs aside). */
  unanswered: count,
  /** Replies that declined: out of scope or a prompt-injection attempt. */
  refused: count,
  /** Replies that pointed to 12345 or a person. */
  handoffs: count,
});

export const DocumentCountSchema = z.object({
  /** `matter:<id>` or `bundle:<id>`, as citations name guides. */
  documentId: z.string(),
  /** The guide's name, filled in from the catalog where known. */
  name: z.string().optional(),
  count,
});

export const RatingByDocumentSchema = z.object({
  documentId: z.string(),
  name: z.string().optional(),
  up: count,
  down: count,
  /** The latest comments, newest first (at most three). */
  comments: z.array(z.object({ rating: z.enum(["up", "down"]), text: z.string(), createdAt: z.string() })),
});

export const UnansweredClusterSchema = z.object({
  /** The most asked wording of the cluster. */
  label: z.string(),
  /** How many times any wording of it was asked and not answered well. */
  count,
  /** Other wordings, most asked first (at most five). */
  examples: z.array(z.string()),
  lastSeenAt: z.string(),
});

/** A rule's code (for programs) and its Chinese name (for people). */
const rule = {
  ruleId: z.string(),
  /** The rule's name in Chinese; a declared rule's also names what it compares or requires. */
  ruleLabel: z.string(),
};
export const RuleFindingsSchema = z.object({ ...rule, count, errors: count });
export const RuleOverridesSchema = z.object({ ...rule, reviewed: count, overridden: count, rate });

export const StatsSchema = z
  .object({
    range: z.object({ from: z.string(), to: z.string(), timeZone: z.string() }),
    chat: z.object({
      totals: z.object({
        questions: count,
        unanswered: count,
        refused: count,
        handoffs: count,
        unansweredRate: rate,
        refusalRate: rate,
        handoffRate: rate,
      }),
      perDay: z.array(ChatDaySchema),
      intents: z.array(z.object({ intent: z.string(), count })),
      documents: z.array(DocumentCountSchema),
      ratings: z.array(RatingByDocumentSchema),
      unanswered: z.array(UnansweredClusterSchema),
    }),
    prereview: z.object({
      perDay: z.array(z.object({ day: z.string(), cases: count })),
      verdicts: z.array(z.object({ verdict: z.string(), count })),
      findingsByRule: z.array(RuleFindingsSchema),
      findingsByMatter: z.array(z.object({ documentId: z.string(), name: z.string().optional(), ...rule, count })),
      overrides: z.array(RuleOverridesSchema),
      timing: z.object({
        cases: count,
        pagesPerCase: z.number().nullable(),
        secondsPerCase: z.number().nullable(),
        secondsMedian: z.number().nullable(),
        secondsMax: z.number().nullable(),
      }),
    }),
  })
  .meta({ id: "Stats" });
export type Stats = z.infer<typeof StatsSchema>;
