import { z } from "zod";
import { IdSchema, NonEmptyTextSchema, SampleFlagSchema } from "./common.js";

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
