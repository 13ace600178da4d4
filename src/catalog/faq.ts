import { z } from "zod";
import { IdSchema, NonEmptyTextSchema, LIST_FILE_HEAD } from "./common.js";

export const FaqItemSchema = z
  .object({
    id: IdSchema,
    question: NonEmptyTextSchema,
    answer: NonEmptyTextSchema,
    bundleId: IdSchema.optional(),
    matterIds: z.array(IdSchema).optional(),
  })
  .strict();
export type FaqItem = z.infer<typeof FaqItemSchema>;

/** One FAQ file: question–answer pairs written in our own words, with their sources. */
export const FaqFileSchema = z
  .object({
    ...LIST_FILE_HEAD,
    items: z.array(FaqItemSchema).min(1),
  })
  .strict();
export type FaqFile = z.infer<typeof FaqFileSchema>;
