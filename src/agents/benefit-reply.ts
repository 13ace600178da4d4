// The policy-matching part of a chat reply (「您可能还可以享受」), defined once: the benefit turn
// builds it, the chat reply schema carries it, the widget renders it.
import { z } from "zod";
import { MatchClaimSchema } from "../benefits/index.js";

export const BenefitOfferItemSchema = z.object({
  benefitId: z.string(),
  name: z.string(),
  decision: z.enum(["eligible", "possible"]),
  /** Each condition and its source clause, one line each (符合：… / 待确认：…). */
  reasons: z.array(z.string()),
  /** For `possible`: what is still needed, by label. */
  missing: z.array(z.string()),
  amount: z.string(),
  claim: MatchClaimSchema,
  document: z.string(),
});
export type BenefitOfferItem = z.infer<typeof BenefitOfferItemSchema>;

export const BenefitOfferSchema = z.object({
  title: z.string(),
  items: z.array(BenefitOfferItemSchema),
  /** The one fact asked next, when the dialogue is finding out what decides. */
  question: z
    .object({
      fact: z.string(),
      text: z.string(),
      /** Answers to offer as buttons (是/否, an option's labels); empty for a number. */
      options: z.array(z.string()),
    })
    .optional(),
});
export type BenefitOffer = z.infer<typeof BenefitOfferSchema>;

/** What the benefit dialogue remembers between turns. */
export const BenefitDialogueStateSchema = z.object({
  subject: z.enum(["individual", "enterprise"]),
  facts: z.record(z.string(), z.union([z.number(), z.boolean(), z.string()])),
  /** The fact asked in the last reply. */
  awaiting: z.string().optional(),
  /** Facts asked and not answered: not asked again. */
  skipped: z.array(z.string()),
  asked: z.number(),
});
export type BenefitDialogueState = z.infer<typeof BenefitDialogueStateSchema>;
