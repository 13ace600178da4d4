import { z } from "zod";
import { IdSchema, NonEmptyTextSchema, LIST_FILE_HEAD } from "./common.js";

/**
 * A colloquial phrase written with alternatives, "{爸|妈|老爷子}…{走了|没了}", stands for every
 * combination ("爸…走了", "爸…没了", …): one line for the ways people put one situation.
 */
export function expandAlternatives(phrase: string): string[] {
  const open = phrase.indexOf("{");
  if (open < 0) return [phrase];
  const close = phrase.indexOf("}", open);
  const options = phrase.slice(open + 1, close).split("|");
  const rest = expandAlternatives(phrase.slice(close + 1));
  return options.flatMap((option) => rest.map((tail) => `${phrase.slice(0, open)}${option}${tail}`));
}

export const ColloquialSchema = NonEmptyTextSchema.refine(
  (phrase) => /^([^{}|]|\{[^{}|]+(\|[^{}|]+)+\})*$/u.test(phrase),
  "alternatives are written {a|b|…}, with two or more non-empty options and no nesting",
);

/** At least one phrase, read as every phrase its alternatives stand for (once each). */
export function phraseListSchema(phrase: typeof ColloquialSchema) {
  return z
    .array(phrase)
    .min(1)
    .transform((phrases) => [...new Set(phrases.flatMap(expandAlternatives))]);
}

/** Colloquial words people type → the official terms guides use. */
export const LexiconEntrySchema = z
  .object({
    colloquial: phraseListSchema(ColloquialSchema),
    official: z.array(NonEmptyTextSchema).min(1),
    /** Bundles or matters the words point to, when they are unambiguous. */
    targets: z.array(IdSchema).optional(),
  })
  .strict();
export type LexiconEntry = z.infer<typeof LexiconEntrySchema>;

export const LexiconFileSchema = z
  .object({
    ...LIST_FILE_HEAD,
    entries: z.array(LexiconEntrySchema).min(1),
  })
  .strict();
export type LexiconFile = z.infer<typeof LexiconFileSchema>;
