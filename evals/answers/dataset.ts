import { z } from "zod";
import { loadJsonl } from "../load-jsonl.js";

export const AnswerCaseTypeSchema = z.enum(["policy", "guide", "followup", "unanswerable", "offtopic", "injection"]);
export type AnswerCaseType = z.infer<typeof AnswerCaseTypeSchema>;

/** One question (or conversation) with the facts a right answer holds, or the refusal expected. */
export const AnswerCaseSchema = z
  .object({
    id: z.string(),
    type: AnswerCaseTypeSchema,
    answerType: z.string(),
    turns: z.array(z.string().min(1)).min(1),
    expect: z
      .object({
        facts: z.array(z.string()).optional(),
        sources: z.array(z.string()).optional(),
        /** Bundles or matters a right reply may be routed to; empty or absent when none is asked (a benefit's question). */
        route: z.array(z.string()).optional(),
        refusal: z.enum(["unknown", "out_of_scope", "injection"]).optional(),
      })
      .strict(),
  })
  .strict();
export type AnswerCase = z.infer<typeof AnswerCaseSchema>;

export function loadAnswerCases(file: string): Promise<AnswerCase[]> {
  return loadJsonl(file, AnswerCaseSchema);
}

/** Questions the knowledge base answers; the others expect a refusal. */
export const isAnswerable = (item: AnswerCase) =>
  item.type === "policy" || item.type === "guide" || item.type === "followup";
