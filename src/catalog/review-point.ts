import { z } from "zod";
import { IdSchema, NonEmptyTextSchema } from "./common.js";

// 审查要点: what a clerk checks on one material. The text is for the clerk, in Chinese; the id lets
// pre-review rules say which point they enforce (a declared rule names {material, point}; a built-in
// check names a point id in src/prereview/review-points.ts), so a clerk sees why a rule exists.

/** One review point of a material. */
export const ReviewPointSchema = z
  .object({
    /**
     * Unique within the material. Built-in checks enforce points by these ids wherever a material
     * carries them: `right-document`, `both-sides`, `legible`, `in-validity`, `id-number-valid`,
     * `credit-code-valid`.
     */
    id: IdSchema,
    /** What the clerk checks, in Chinese. */
    text: NonEmptyTextSchema,
    /** The title of one of the file's `sources` this point rests on, when the guide states it. */
    source: NonEmptyTextSchema.optional(),
  })
  .strict();
export type ReviewPoint = z.infer<typeof ReviewPointSchema>;

/** A material's review points, ids unique. */
export const ReviewPointListSchema = z.array(ReviewPointSchema).superRefine((points, context) => {
  const seen = new Set<string>();
  points.forEach((point, index) => {
    if (seen.has(point.id))
      context.addIssue({ code: "custom", path: [index, "id"], message: `duplicate review point '${point.id}'` });
    seen.add(point.id);
  });
});

/** A declared rule's claim: it enforces this point of this material. */
export const ReviewPointRefSchema = z.object({ material: IdSchema, point: IdSchema }).strict();
export type ReviewPointRef = z.infer<typeof ReviewPointRefSchema>;
