import { AppError } from "../errors.js";
import { type PrereviewReport, PrereviewReportSchema } from "../prereview/index.js";
import type { PrefillConfirmation, PrereviewCase, PrereviewCaseFile, PrereviewReview } from "../storage/index.js";
import type { Caller } from "./prereview-access.js";

const iso = (date: Date | undefined) => date?.toISOString();

/** Where the correction notice of a case is served. */
export const noticeLink = (caseId: string) => `/api/prereview/${caseId}/notice`;

/** The stored report of a done case, or 409 saying why there is none. */
export function reportOf(record: PrereviewCase): PrereviewReport {
  if (record.status !== "done" || !record.report) {
    const why: Record<PrereviewCase["status"], string> = {
      queued: "预审正在排队，尚未完成，请稍后再试",
      running: "预审正在进行，尚未完成，请稍后再试",
      failed: `预审未能完成：${record.failureReason ?? "请重新提交"}`,
      deleted: "该预审已删除",
      done: "该预审没有报告",
    };
    throw new AppError("conflict", why[record.status], { details: { status: record.status } });
  }
  const parsed = PrereviewReportSchema.safeParse(record.report);
  if (!parsed.success) throw new AppError("internal", "stored pre-review report does not fit the schema");
  return parsed.data;
}

export function reviewView(review: PrereviewReview, forClerk: boolean) {
  return {
    findingId: review.findingId,
    decision: review.decision,
    comment: review.comment,
    ...(forClerk ? { reviewer: review.reviewer } : {}),
    createdAt: review.createdAt.toISOString(),
  };
}

export function outcomeView(record: PrereviewCase, forClerk: boolean) {
  if (!record.reviewOutcome) return undefined;
  return {
    outcome: record.reviewOutcome,
    comment: record.reviewComment,
    ...(forClerk ? { reviewer: record.reviewedBy } : {}),
    reviewedAt: iso(record.reviewedAt),
  };
}

export function prefillConfirmationView(confirmation: PrefillConfirmation) {
  return {
    field: confirmation.field,
    decision: confirmation.decision,
    previousValue: confirmation.previousValue,
    value: confirmation.value,
    source: confirmation.source as { kind: string } | undefined,
    clerk: confirmation.clerk,
    createdAt: confirmation.createdAt.toISOString(),
  };
}

export function caseView(
  record: PrereviewCase,
  reviews: PrereviewReview[],
  caller: Caller,
  files?: PrereviewCaseFile[],
  prefillConfirmations?: PrefillConfirmation[],
) {
  const forClerk = caller.role === "clerk";
  return {
    caseId: record.id,
    status: record.status,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    bundleId: record.bundleId,
    matterId: record.matterId,
    failureReason: record.status === "failed" ? record.failureReason : undefined,
    filesPurgedAt: iso(record.filesPurgedAt),
    report: record.status === "done" ? record.report : undefined,
    reviews: reviews.map((review) => reviewView(review, forClerk)),
    review: outcomeView(record, forClerk),
    files: files?.map((file) => ({
      fileId: file.fileId,
      originalName: file.originalName,
      kind: file.kind,
      sizeBytes: file.sizeBytes,
      declaredMaterialId: file.declaredMaterialId,
    })),
    prefillConfirmations: forClerk ? prefillConfirmations?.map(prefillConfirmationView) : undefined,
    links: { notice: noticeLink(record.id) },
  };
}
