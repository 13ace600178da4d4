import { z } from "zod";
import { JsonObjectSchema } from "./json-object.js";

const optional = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((value: z.infer<T> | null | undefined) => value ?? undefined);

export const PrereviewCaseStatusSchema = z.enum(["queued", "running", "done", "failed", "deleted"]);
export type PrereviewCaseStatus = z.infer<typeof PrereviewCaseStatusSchema>;

export const ReviewOutcomeSchema = z.enum(["accepted", "returned_for_correction", "rejected"]);
export type ReviewOutcome = z.infer<typeof ReviewOutcomeSchema>;

export const ReviewDecisionSchema = z.enum(["accept", "override"]);
export type ReviewDecision = z.infer<typeof ReviewDecisionSchema>;

/**
 * A pre-review case as stored. `report` is the pipeline's report as JSON; storage does not interpret it
 * beyond the verdict and finding counts of the clerk's list.
 */
export const PrereviewCaseSchema = z.object({
  id: z.string(),
  /** sha256 (hex) of the applicant's secret. */
  secretHash: z.string(),
  status: PrereviewCaseStatusSchema,
  bundleId: optional(z.string()),
  matterId: optional(z.string()),
  scenario: z.record(z.string(), z.string()).catch({}),
  form: z.record(z.string(), z.string()).catch({}),
  report: optional(JsonObjectSchema),
  /** Plain Chinese, for the applicant, when failed. */
  failureReason: optional(z.string()),
  /** How many times a job started on this case. */
  attempts: z.coerce.number().int(),
  reviewOutcome: optional(ReviewOutcomeSchema),
  reviewComment: optional(z.string()),
  reviewedBy: optional(z.string()),
  reviewedAt: optional(z.coerce.date()),
  createdAt: z.coerce.date(),
  updatedAt: z.coerce.date(),
  startedAt: optional(z.coerce.date()),
  finishedAt: optional(z.coerce.date()),
  filesPurgedAt: optional(z.coerce.date()),
});
export type PrereviewCase = z.infer<typeof PrereviewCaseSchema>;

export const PrereviewCaseFileSchema = z.object({
  caseId: z.string(),
  fileId: z.string(),
  position: z.coerce.number().int(),
  originalName: z.string(),
  declaredMaterialId: optional(z.string()),
  kind: optional(z.string()),
  claimedMimeType: optional(z.string()),
  sizeBytes: z.coerce.number().int(),
  sha256: z.string(),
  storageKey: z.string(),
  createdAt: z.coerce.date(),
});
export type PrereviewCaseFile = z.infer<typeof PrereviewCaseFileSchema>;

export const PrereviewReviewSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  findingId: z.string(),
  decision: ReviewDecisionSchema,
  comment: optional(z.string()),
  reviewer: z.string(),
  createdAt: z.coerce.date(),
});
export type PrereviewReview = z.infer<typeof PrereviewReviewSchema>;

/** One row of the clerk's case list. */
export const PrereviewCaseSummarySchema = z.object({
  id: z.string(),
  status: PrereviewCaseStatusSchema,
  bundleId: optional(z.string()),
  matterId: optional(z.string()),
  /** The report's verdict when there is a report. */
  verdict: optional(z.string()),
  reviewOutcome: optional(ReviewOutcomeSchema),
  fileCount: z.coerce.number().int(),
  findingCounts: z.object({
    error: z.coerce.number().int(),
    warning: z.coerce.number().int(),
    info: z.coerce.number().int(),
  }),
  reviewCount: z.coerce.number().int(),
  createdAt: z.coerce.date(),
  updatedAt: z.coerce.date(),
  finishedAt: optional(z.coerce.date()),
});
export type PrereviewCaseSummary = z.infer<typeof PrereviewCaseSummarySchema>;
