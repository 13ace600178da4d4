import { z } from "zod";
import { NonEmptyTextSchema, LIST_FILE_HEAD } from "./common.js";
import { ColloquialSchema, phraseListSchema } from "./lexicon.js";

/** Written as the lexicon's colloquial phrases, but whole: no "…" between parts. */
const WordSchema = ColloquialSchema.refine((phrase) => !phrase.includes("…"), "a word is matched whole: no …");

/**
 * A public service (政务服务) this knowledge base holds no guide for ("护照", "契税"): a question about it is
 * answered that the knowledge base has nothing on it, with the hotline, never that it is no government matter.
 */
export const OutsideServiceSchema = z
  .object({
    /** How a reply names it: 知识库中没有关于“护照”的办事指南或政策规定. */
    name: NonEmptyTextSchema,
    /**
     * The words that name it in a question, each specific to the service ("离婚登记", "离婚冷静期"; not "离婚",
     * which gossip says too). An answer that says one of them speaks of it.
     */
    words: phraseListSchema(WordSchema),
  })
  .strict();
export type OutsideService = z.infer<typeof OutsideServiceSchema>;

export const OutsideFileSchema = z
  .object({
    ...LIST_FILE_HEAD,
    services: z.array(OutsideServiceSchema).min(1),
  })
  .strict();
export type OutsideFile = z.infer<typeof OutsideFileSchema>;
