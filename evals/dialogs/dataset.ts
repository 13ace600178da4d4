import { z } from "zod";
import { loadJsonl } from "../load-jsonl.js";

export const DialogCaseSchema = z
  .object({
    id: z.string(),
    category: z.enum([
      "routing",
      "scenario",
      "consult",
      "policy",
      "unknown",
      "out_of_scope",
      "injection",
      "greeting",
      "handoff",
    ]),
    turns: z.array(z.string().min(1)).min(1),
    expect: z
      .object({
        route: z.array(z.string()).optional(),
        bundleId: z.string().optional(),
        answers: z.record(z.string(), z.string()).optional(),
        checklist: z.object({ matters: z.array(z.string()), materials: z.array(z.string()) }).optional(),
        facts: z.array(z.string()).optional(),
        sources: z.array(z.string()).optional(),
        refusal: z.enum(["unknown", "out_of_scope", "injection"]).optional(),
        intent: z.enum(["greeting", "handoff"]).optional(),
      })
      .strict(),
  })
  .strict();
export type DialogCase = z.infer<typeof DialogCaseSchema>;

export function loadDialogCases(file: string): Promise<DialogCase[]> {
  return loadJsonl(file, DialogCaseSchema);
}
