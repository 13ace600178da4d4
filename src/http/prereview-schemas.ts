import { z } from "zod";
import { PrereviewReportSchema } from "../prereview/index.js";
import { PrereviewCaseStatusSchema, ReviewDecisionSchema, ReviewOutcomeSchema } from "../storage/index.js";

export const CaseIdParamsSchema = z.object({ caseId: z.uuid({ error: "caseId 应为预审编号（UUID）" }) }).strict();

/** Query of GET /api/prereview/:caseId: the applicant may give the case secret here (printable links). */
export const CaseQuerySchema = z
  .object({ secret: z.string({ error: "secret 只能提交一次" }).max(200, "secret 过长").optional() })
  .strict();

export const NoticeQuerySchema = CaseQuerySchema.extend({
  format: z
    .enum(["html", "text", "json"], { error: "format 只能是 html、text 或 json" })
    .default("html")
    .meta({ description: "html (printable, default), text (plain) or json ({caseId, text, html})" }),
}).strict();

export const ListCasesQuerySchema = z
  .object({
    status: PrereviewCaseStatusSchema.optional().meta({ description: "Only cases in this status" }),
    limit: z.coerce
      .number({ error: "limit 应为数字" })
      .int("limit 应为整数")
      .min(1, "limit 至少为 1")
      .max(100, "limit 不能超过 100")
      .default(20),
    offset: z.coerce
      .number({ error: "offset 应为数字" })
      .int("offset 应为整数")
      .min(0, "offset 不能为负数")
      .max(1_000_000, "offset 过大")
      .default(0),
  })
  .strict();

const ReviewDecisionInputSchema = z
  .object({
    findingId: z.string({ error: "findingId 应为预审意见编号" }).min(1, "findingId 不能为空").max(200),
    decision: z.enum(["accept", "override"], { error: "decision 只能是 accept（采纳）或 override（推翻）" }),
    comment: z.string({ error: "comment 应为文字" }).trim().max(1000, "comment 不能超过 1000 个字符").optional(),
  })
  .strict()
  .refine((decision) => decision.decision !== "override" || Boolean(decision.comment), {
    message: "推翻（override）预审意见时必须在 comment 中说明理由",
    path: ["comment"],
  });

export const PrereviewReviewRequestSchema = z
  .object({
    decisions: z
      .array(ReviewDecisionInputSchema, { error: "decisions 应为数组" })
      .max(500, "一次最多提交 500 条 decisions")
      .default([]),
    outcome: ReviewOutcomeSchema.optional().meta({
      description: "The clerk's decision on the case: accepted, returned_for_correction or rejected",
    }),
    comment: z.string({ error: "comment 应为文字" }).trim().max(2000, "comment 不能超过 2000 个字符").optional(),
  })
  .strict()
  .refine((body) => body.decisions.length > 0 || body.outcome !== undefined, {
    message: "请至少提交一条 decisions 或 outcome",
    path: ["decisions"],
  })
  .refine((body) => new Set(body.decisions.map((decision) => decision.findingId)).size === body.decisions.length, {
    message: "同一条预审意见在一次提交中只能出现一次",
    path: ["decisions"],
  })
  .meta({ id: "PrereviewReviewRequest" });

export const PrefillConfirmationRequestSchema = z
  .object({
    fields: z
      .array(
        z
          .object({
            name: z.string({ error: "name 应为字段名" }).min(1).max(64, "name 过长"),
            value: z
              .string({ error: "value 应为文字" })
              .trim()
              .min(1, "value 不能为空")
              .max(200, "value 不能超过 200 个字符"),
          })
          .strict(),
        { error: "fields 应为数组" },
      )
      .min(1, "请至少提交一项")
      .max(100, "一次最多提交 100 项"),
  })
  .strict()
  .refine((body) => new Set(body.fields.map((field) => field.name)).size === body.fields.length, {
    message: "同一项在一次提交中只能出现一次",
    path: ["fields"],
  })
  .meta({ id: "PrefillConfirmationRequest" });

/** The clerk's confirmation or edit of one prefilled value (clerks only). */
export const PrefillConfirmationViewSchema = z
  .object({
    field: z.string(),
    decision: z.enum(["confirm", "edit"]),
    previousValue: z.string().optional().meta({ description: "Absent when there was none, or once cleared" }),
    value: z.string().optional().meta({ description: "Absent once cleared (deletion, retention)" }),
    source: z
      .object({
        kind: z.string(),
        documentType: z.string().optional(),
        documentId: z.string().optional(),
        fileId: z.string().optional(),
        page: z.number().optional(),
        field: z.string().optional(),
      })
      .loose()
      .optional()
      .meta({ description: "Where the prefilled value came from: codes and ids" }),
    clerk: z.string(),
    createdAt: z.string().meta({ format: "date-time" }),
  })
  .meta({ id: "PrefillConfirmation" });

export const PrefillConfirmationResponseSchema = z
  .object({ caseId: z.string(), prefillConfirmations: z.array(PrefillConfirmationViewSchema) })
  .meta({ id: "PrefillConfirmationsRecorded" });

/** The multipart body of POST /api/prereview, for the OpenAPI document (the router parses it by hand). */
export const PrereviewSubmitFormSchema = {
  type: "object",
  required: ["files"],
  properties: {
    files: {
      type: "array",
      items: { type: "string", format: "binary" },
      description: "The materials: PDF, JPEG, PNG, WebP or TIFF, recognised by content (not by name)",
    },
    bundleId: { type: "string", maxLength: 100, description: "The bundle (一件事); exactly one of bundleId, matterId" },
    matterId: { type: "string", maxLength: 100, description: "A single matter (事项)" },
    scenario: {
      type: "string",
      description: 'JSON object: scenario id → option value, e.g. {"parents-married":"married"}',
    },
    form: {
      type: "string",
      description: 'JSON object of the application form\'s fields, e.g. {"name":"…","idNumber":"…"}',
    },
    materialIds: {
      type: "array",
      items: { type: "string" },
      description: "The material each file is, in the order of the files ('' = not declared); or one JSON array string",
    },
  },
} as const;

export const PrereviewSubmitResponseSchema = z
  .object({
    caseId: z.string(),
    secret: z.string().meta({
      description: "The applicant's credential for this case (X-Case-Secret or ?secret=); shown once, never stored",
    }),
    status: z.literal("queued"),
    links: z.object({
      self: z.string(),
      notice: z.string().meta({ description: "The printable correction notice, with the secret in the query" }),
    }),
  })
  .meta({ id: "PrereviewSubmitted" });

const isoDate = z.string().meta({ format: "date-time" });

export const PrereviewCaseResponseSchema = z
  .object({
    caseId: z.string(),
    status: PrereviewCaseStatusSchema,
    createdAt: isoDate,
    updatedAt: isoDate,
    bundleId: z.string().optional(),
    matterId: z.string().optional(),
    failureReason: z.string().optional().meta({ description: "Plain Chinese, when status is failed" }),
    filesPurgedAt: isoDate.optional().meta({ description: "When the uploads were deleted (retention or deletion)" }),
    report: PrereviewReportSchema.optional(),
    reviews: z.array(
      z.object({
        findingId: z.string(),
        decision: ReviewDecisionSchema,
        comment: z.string().optional(),
        reviewer: z.string().optional().meta({ description: "Clerks only" }),
        createdAt: isoDate,
      }),
    ),
    review: z
      .object({
        outcome: ReviewOutcomeSchema,
        comment: z.string().optional(),
        reviewer: z.string().optional().meta({ description: "Clerks only" }),
        reviewedAt: isoDate.optional(),
      })
      .optional(),
    files: z
      .array(
        z.object({
          fileId: z.string(),
          originalName: z.string(),
          kind: z.string().optional(),
          sizeBytes: z.number(),
          declaredMaterialId: z.string().optional(),
        }),
      )
      .optional()
      .meta({ description: "Clerks only" }),
    prefillConfirmations: z
      .array(PrefillConfirmationViewSchema)
      .optional()
      .meta({ description: "Clerks only: confirmations and edits of the prefilled form, oldest first" }),
    links: z.object({ notice: z.string() }),
  })
  .meta({ id: "PrereviewCase" });

export const PrereviewReviewResponseSchema = z
  .object({
    caseId: z.string(),
    reviews: PrereviewCaseResponseSchema.shape.reviews,
    review: PrereviewCaseResponseSchema.shape.review,
  })
  .meta({ id: "PrereviewReviewRecorded" });

export const PrereviewListResponseSchema = z
  .object({
    cases: z.array(
      z.object({
        caseId: z.string(),
        status: PrereviewCaseStatusSchema,
        verdict: z.string().optional(),
        reviewOutcome: ReviewOutcomeSchema.optional(),
        bundleId: z.string().optional(),
        matterId: z.string().optional(),
        fileCount: z.number(),
        findingCounts: z.object({ error: z.number(), warning: z.number(), info: z.number() }),
        reviewCount: z.number(),
        createdAt: isoDate,
        updatedAt: isoDate,
        finishedAt: isoDate.optional(),
      }),
    ),
    total: z.number(),
    limit: z.number(),
    offset: z.number(),
  })
  .meta({ id: "PrereviewCaseList" });

export const PrereviewNoticeJsonSchema = z
  .object({ caseId: z.string(), text: z.string(), html: z.string() })
  .meta({ id: "PrereviewNotice" });

export const PrereviewAuditResponseSchema = z
  .object({
    caseId: z.string(),
    events: z.array(
      z.object({
        action: z
          .string()
          .meta({ description: "case_created, job_started, job_done, review_recorded, files_purged, …" }),
        actor: z.string().meta({ description: "clerk:<label>, applicant or system" }),
        detail: z.record(z.string(), z.unknown()).meta({ description: "ids, counts and codes; never personal data" }),
        createdAt: z.string(),
      }),
    ),
  })
  .meta({ id: "PrereviewAudit" });
