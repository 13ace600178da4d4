import { z } from "zod";
import { IdSchema, NonEmptyTextSchema, SampleFlagSchema, SourceSchema } from "./common.js";

/** Colloquial words people type → the official terms guides use. */
export const LexiconEntrySchema = z
  .object({
    colloquial: z.array(NonEmptyTextSchema).min(1),
    official: z.array(NonEmptyTextSchema).min(1),
    /** Bundles or matters the words point to, when they are unambiguous. */
    targets: z.array(IdSchema).optional(),
  })
  .strict();
export type LexiconEntry = z.infer<typeof LexiconEntrySchema>;

export const LexiconFileSchema = z
  .object({
    sample: SampleFlagSchema,
    sources: z.array(SourceSchema).min(1, "expected at least one source"),
    entries: z.array(LexiconEntrySchema).min(1),
  })
  .strict();
export type LexiconFile = z.infer<typeof LexiconFileSchema>;
