// The chat reply, defined once: the service builds it, the HTTP layer validates and documents it
// (OpenAPI) from this schema, and the widget takes its types from it.
import { z } from "zod";
import { ChecklistSchema, CitationSchema } from "../catalog/index.js";
import { BenefitOfferSchema } from "./benefit-reply.js";

export const IntentSchema = z.enum([
  "greeting",
  "handoff",
  "out_of_scope",
  "injection",
  "consult",
  "route",
  "scenario_answer",
  "skip",
]);
export type Intent = z.infer<typeof IntentSchema>;

export const RouteCandidateSchema = z.object({
  id: z.string(),
  kind: z.enum(["bundle", "matter"]),
  name: z.string(),
  /** 0–1: how sure the router is that this is what the person needs. */
  confidence: z.number(),
});
export type RouteCandidate = z.infer<typeof RouteCandidateSchema>;

/** One sentence of an answer and the citations (ids in `citations`) it rests on. */
export const AnswerSentenceSchema = z.object({ text: z.string(), citationIds: z.array(z.string()) });
export type AnswerSentence = z.infer<typeof AnswerSentenceSchema>;

/**
 * Why a reply was given without the conversation store (the database unreachable): `not_saved`, the
 * turn was answered but not stored; `history_not_loaded`, an earlier conversation could not be read,
 * so the message was answered as a new one (and not stored either).
 */
export const DegradedReasonSchema = z.enum(["not_saved", "history_not_loaded"]);
export type DegradedReason = z.infer<typeof DegradedReasonSchema>;

/** What the person is told when the conversation store cannot be reached (shown with the answer). */
export const DEGRADED_NOTICES = {
  not_saved: "系统暂时无法保存对话记录：本次回答照常给出，但不会被保存，也暂时不能评价。",
  history_not_loaded:
    "系统暂时无法读取您之前的对话，本次按新的提问回答，对话记录也暂未保存；如需继续之前的办理情形，请稍后再试或重新说明您的情况。",
} as const satisfies Record<DegradedReason, string>;

export const ChatReplySchema = z
  .object({
    /** The conversation to continue with; absent when the reply could not be stored (`degraded`). */
    sessionId: z.string().optional(),
    /** The stored answer (what feedback names); absent when the reply could not be stored (`degraded`). */
    messageId: z.string().optional(),
    /** `llm` when a configured model wrote the sentences (still checked against the quotes); otherwise `extractive`. */
    mode: z.enum(["extractive", "llm"]),
    intent: IntentSchema,
    /** The script of the reply: the person's own (traditional in, traditional out). */
    script: z.enum(["simplified", "traditional"]),
    answer: z.object({
      /** The whole reply as text: a fact-free frame and the cited sentences. */
      text: z.string(),
      /** Each cited source once. */
      citations: z.array(CitationSchema),
      /** The sentences that state facts, each with the citations it rests on (empty for fixed replies). */
      sentences: z.array(AnswerSentenceSchema),
    }),
    route: z.object({ candidates: z.array(RouteCandidateSchema) }).optional(),
    clarify: z
      .object({
        question: z.string(),
        options: z.array(z.object({ id: z.string(), kind: z.enum(["bundle", "matter"]), label: z.string() })),
      })
      .optional(),
    scenario: z
      .object({
        bundleId: z.string(),
        scenarioId: z.string(),
        question: z.string(),
        help: z.string().optional(),
        options: z.array(z.object({ value: z.string(), label: z.string() })),
      })
      .optional(),
    /** The personal checklist (一次告知单); the answer text then only introduces it. */
    checklist: ChecklistSchema.optional(),
    /** Benefits the person may also qualify for (「您可能还可以享受」), with reasons and where to claim. */
    benefits: BenefitOfferSchema.optional(),
    /** Where a person can get human help; nothing is transferred automatically. */
    handoff: z.object({ channel: z.literal("12345"), text: z.string() }).optional(),
    /** The knowledge base version (content hash) the reply was given under, when the service knows it. */
    knowledgeVersion: z.string().optional(),
    /**
     * Present when the conversation store could not be reached: the answer still comes from the index,
     * but nothing of this turn was stored; `notice` says so in Chinese.
     */
    degraded: z.object({ reason: DegradedReasonSchema, notice: z.string() }).optional(),
    /** False when the reply had no grounded answer (unknown, refusal): such questions feed the maintainers' list. */
    grounded: z.boolean(),
  })
  .meta({ id: "ChatReply" });
export type ChatReply = z.infer<typeof ChatReplySchema>;

/** A reply before it is stored: the service adds the session and message ids. */
export type DraftReply = Omit<ChatReply, "sessionId" | "messageId" | "knowledgeVersion" | "degraded">;
