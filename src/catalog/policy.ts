import { z } from "zod";
import { IdSchema, NonEmptyTextSchema, SampleFlagSchema } from "./common.js";

const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD");

/**
 * Front matter of a policy file in knowledge/policies. The body below it is the
 * official text verbatim (including its flaws); only the index normalises it.
 */
export const PolicyMetaSchema = z
  .object({
    /** Policies are official texts, not sample content, but the set indexed is a sample. */
    sample: SampleFlagSchema,
    id: IdSchema,
    title: NonEmptyTextSchema,
    issuer: NonEmptyTextSchema,
    /** Document number, e.g. 国发〔2024〕3号; commentaries have none. */
    number: NonEmptyTextSchema.optional(),
    date: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, "expected a date YYYY-MM or YYYY-MM-DD"),
    script: z.enum(["simplified", "traditional"]),
    kind: z.enum(["regulation", "commentary"]),
    /** For a commentary: the regulation it explains. */
    explains: IdSchema.optional(),
    /** Short names people use for the document ("工信部解读"); the number is recognised without them. */
    aliases: z.array(NonEmptyTextSchema).default([]),
    /** 施行日期: from when it applies, when that differs from `date`. */
    effective: DaySchema.optional(),
    /** 废止日期: from when it no longer applies; answers then do not cite it as in force. */
    repealed: DaySchema.optional(),
    /** The policy that replaced it, if it is in the catalog. */
    repealedBy: IdSchema.optional(),
    /** The file in shared/seeds it was taken from. */
    origin: NonEmptyTextSchema,
    notes: z.array(NonEmptyTextSchema).optional(),
  })
  .strict();
export type PolicyMeta = z.infer<typeof PolicyMetaSchema>;

export interface Policy extends PolicyMeta {
  /** The verbatim text. */
  text: string;
}

export type PolicyStatus = "in_force" | "not_yet_effective" | "repealed";

/** Whether a policy applies on a day (`YYYY-MM-DD`): repealed on or after its repeal date, not yet before it takes effect. */
export function policyStatus(policy: Pick<PolicyMeta, "effective" | "repealed">, day: string): PolicyStatus {
  if (policy.repealed && day >= policy.repealed) return "repealed";
  if (policy.effective && day < policy.effective) return "not_yet_effective";
  return "in_force";
}
