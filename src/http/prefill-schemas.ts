import { z } from "zod";
import { PrefillResultSchema } from "../prereview/index.js";

const IdSchema = z.string().min(1).max(100);

/**
 * JSON body of POST /api/prefill: exactly one of a finished pre-review (`caseId`), a chat session
 * (`sessionId`), or a bundle or matter with the scenario answers and form values known so far.
 */
export const PrefillJsonRequestSchema = z
  .object({
    caseId: z.uuid({ error: "caseId 应为预审编号（UUID）" }).optional(),
    sessionId: z.uuid({ error: "sessionId 应为会话编号（UUID）" }).optional(),
    bundleId: IdSchema.optional(),
    matterId: IdSchema.optional(),
    /** Scenario id → option value. */
    scenario: z.record(IdSchema, IdSchema).optional(),
    /** Form values the applicant already typed: field name → value. */
    form: z.record(IdSchema, z.string().max(500)).optional(),
  })
  .strict()
  .refine(
    (body) =>
      [body.caseId, body.sessionId, body.bundleId ?? body.matterId].filter(Boolean).length === 1 &&
      !(body.bundleId && body.matterId),
    { message: "请只提供以下一项：caseId、sessionId、bundleId 或 matterId" },
  );
export type PrefillJsonRequest = z.infer<typeof PrefillJsonRequestSchema>;

/** Path of GET /api/bundles/:bundleId/form and /api/matters/:matterId/form. */
export const FormTargetParamsSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "编号格式不正确")
    .max(100),
});

/** Answer of POST /api/prefill: the filled form and what it was filled from. */
export const PrefillResponseSchema = PrefillResultSchema.extend({
  /** `upload`: files in this request; `case`: a finished pre-review; `session`: a chat session; `form`: the body's values. */
  origin: z.enum(["upload", "case", "session", "form"]),
  /**
   * For an upload: the pixel size of each page image OCR read (an image file as it was oriented and
   * scaled for OCR), which evidence boxes are in, so the uploader can draw a box on their own file.
   */
  pages: z
    .array(
      z.object({
        fileId: z.string(),
        page: z.number().int().positive(),
        width: z.number().positive(),
        height: z.number().positive(),
      }),
    )
    .optional(),
}).meta({ id: "PrefillResponse" });
export type PrefillResponse = z.infer<typeof PrefillResponseSchema>;
