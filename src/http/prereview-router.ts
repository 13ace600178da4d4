import { type Request, type Response, Router } from "express";
import { AppError } from "../errors.js";
import type { CaseUseCases } from "../prereview/cases/index.js";
import type { PrereviewCase } from "../storage/index.js";
import { badRequestFromZod } from "./error-handler.js";
import { parsePageNumber, sendPageImage, unreadableFileError } from "./page-image.js";
import {
  authorizeCaseCaller,
  type Caller,
  type ClerkToken,
  createClerkCheck,
  NOT_CLERK_MESSAGE,
  requireClerk,
} from "./prereview-access.js";
import {
  CaseIdParamsSchema,
  CaseQuerySchema,
  ListCasesQuerySchema,
  NoticeQuerySchema,
  PrefillConfirmationRequestSchema,
  PrereviewReviewRequestSchema,
} from "./prereview-schemas.js";
import {
  acceptFiles,
  createMultipartReceiver,
  DEFAULT_PREREVIEW_UPLOAD_LIMITS,
  type PrereviewUploadLimits,
  parsePrereviewFields,
} from "./prereview-upload.js";
import { memoryRateLimiters, type RateLimiterFactory } from "./rate-limiter.js";
import { caseView, noticeLink, outcomeView, prefillConfirmationView, reportOf, reviewView } from "./prereview-views.js";

export interface PrereviewRouterDependencies {
  /** The case use cases (`createCaseService` in src/prereview/cases). */
  cases: CaseUseCases;
  /** Bearer tokens of clerks (`CLERK_TOKENS`); none disables the clerk endpoints. */
  clerkTokens?: readonly ClerkToken[];
  limits?: Partial<PrereviewUploadLimits>;
  /** Where the submission limit counts (REDIS_URL: shared by all nodes). Default: in memory. */
  rateLimiters?: RateLimiterFactory;
}

/** The router's dependencies from the case service and the pre-review settings (`config.prereview`). */
export function prereviewRouterDependencies(
  cases: CaseUseCases,
  settings: { clerkTokens: readonly ClerkToken[] } & PrereviewUploadLimits,
): PrereviewRouterDependencies {
  const { clerkTokens, maxFileBytes, maxFiles, submissionsPerHour } = settings;
  return { cases, clerkTokens, limits: { maxFileBytes, maxFiles, submissionsPerHour } };
}

const iso = (date: Date | undefined) => date?.toISOString();
const caseNotFound = (caseId: string) => new AppError("not_found", `没有编号为 ${caseId} 的预审`);

/**
 * Pre-review over HTTP: POST /api/prereview (multipart upload, 202 at once), GET /api/prereview/:caseId
 * (poll), GET …/notice (correction notice), POST …/review (clerk), GET /api/prereview (clerk list),
 * DELETE /api/prereview/:caseId.
 *
 * Access: a clerk presents a bearer token from CLERK_TOKENS; the applicant presents the case secret
 * returned at submission (X-Case-Secret, or ?secret= on GETs so the notice link can be printed/opened).
 * No credentials → 401; a wrong bearer token → 401; a secret that does not match, or a case that does
 * not exist, → the same 403, so a secret holder cannot learn whether other case ids exist. Only clerks get
 * 404 for a missing case. A malformed case id is 400 for everyone (it reveals nothing).
 */
export function createPrereviewRouter(dependencies: PrereviewRouterDependencies): Router {
  const { cases } = dependencies;
  const clerkTokens = dependencies.clerkTokens ?? [];
  const checkClerk = createClerkCheck(clerkTokens);
  const limits = { ...DEFAULT_PREREVIEW_UPLOAD_LIMITS, ...dependencies.limits };
  const receive = createMultipartReceiver(limits);
  // Per client (in Redis when configured, shared by all nodes); clerks at a service window are not limited.
  const submissions = (dependencies.rateLimiters ?? memoryRateLimiters)({
    name: "prereview-submissions",
    limit: limits.submissionsPerHour,
    windowMs: 3_600_000,
  });
  const router = Router();

  const caseIdOf = (request: Request): string => {
    const parsed = CaseIdParamsSchema.safeParse(request.params);
    if (!parsed.success) throw badRequestFromZod(parsed.error, "caseId");
    return parsed.data.caseId.toLowerCase();
  };

  /** The caller and the case, or the error the access rules call for. */
  const authorize = (
    request: Request,
    caseId: string,
    secretFromQuery: string | undefined,
  ): Promise<{ caller: Caller; record: PrereviewCase }> =>
    authorizeCaseCaller({
      clerk: checkClerk(request),
      secret: request.get("x-case-secret") ?? secretFromQuery,
      caseId,
      cases,
    });

  const privateResponse = (response: Response) => {
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
  };

  router.post("/prereview", async (request, response) => {
    if (!request.is("multipart/form-data"))
      throw new AppError(
        "unsupported_media_type",
        "请以 multipart/form-data 格式提交材料：文件放在 files 字段，其余信息放在 bundleId/matterId、scenario、form、materialIds 字段",
      );
    const clerk = checkClerk(request);
    if (clerk.status === "invalid") throw new AppError("unauthorized", NOT_CLERK_MESSAGE);
    if (clerk.status !== "clerk" && !(await submissions.take(request.ip ?? "unknown")))
      throw new AppError("rate_limited", "提交预审过于频繁，请一小时后再试；如需帮助，请联系窗口工作人员或拨打12345");
    const upload = await receive(request, response);
    const { request: prereviewRequest, materialIds } = parsePrereviewFields(upload.fields);
    const files = acceptFiles(upload.files, materialIds);
    const submitted = await cases.submit({ request: prereviewRequest, files });
    if (submitted.status === "unavailable")
      throw new AppError("prereview_unavailable", `pre-review ${submitted.dependency} unreachable`);
    const { caseId, secret } = submitted;
    request.log?.info({ caseId, files: files.length }, "pre-review case submitted");
    const self = `/api/prereview/${caseId}`;
    privateResponse(response);
    response
      .status(202)
      .location(self)
      .json({
        caseId,
        secret,
        status: "queued",
        links: { self, notice: `${noticeLink(caseId)}?secret=${encodeURIComponent(secret)}` },
      });
  });

  router.get("/prereview", async (request, response) => {
    requireClerk(checkClerk(request), clerkTokens.length > 0);
    const query = ListCasesQuerySchema.safeParse(request.query);
    if (!query.success) throw badRequestFromZod(query.error, "query");
    const { status, limit, offset } = query.data;
    const result = await cases.list({ status, limit, offset });
    privateResponse(response);
    response.json({
      cases: result.cases.map((summary) => ({
        caseId: summary.id,
        status: summary.status,
        verdict: summary.verdict,
        reviewOutcome: summary.reviewOutcome,
        bundleId: summary.bundleId,
        matterId: summary.matterId,
        fileCount: summary.fileCount,
        findingCounts: summary.findingCounts,
        reviewCount: summary.reviewCount,
        createdAt: iso(summary.createdAt),
        updatedAt: iso(summary.updatedAt),
        finishedAt: iso(summary.finishedAt),
      })),
      total: result.total,
      limit,
      offset,
    });
  });

  router.get("/prereview/:caseId", async (request, response) => {
    const caseId = caseIdOf(request);
    const query = CaseQuerySchema.safeParse(request.query);
    if (!query.success) throw badRequestFromZod(query.error, "query");
    const { caller, record } = await authorize(request, caseId, query.data.secret);
    const { reviews, files, prefillConfirmations } = await cases.details(
      caseId,
      caller.role === "clerk" ? { clerk: caller.actor } : undefined,
    );
    privateResponse(response);
    response.json(caseView(record, reviews, caller, files, prefillConfirmations));
  });

  router.get("/prereview/:caseId/notice", async (request, response) => {
    const caseId = caseIdOf(request);
    const query = NoticeQuerySchema.safeParse(request.query);
    if (!query.success) throw badRequestFromZod(query.error, "format");
    const { record } = await authorize(request, caseId, query.data.secret);
    const report = reportOf(record);
    const notice = cases.notice(record, report);
    privateResponse(response);
    if (query.data.format === "json") return void response.json({ caseId, text: notice.text, html: notice.html });
    if (query.data.format === "text") return void response.type("text/plain; charset=utf-8").send(notice.text);
    // The notice quotes what applicants typed and file names: no scripts, no outside resources.
    response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.type("text/html; charset=utf-8").send(notice.html);
  });

  // The audit trail of a case for a clerk or an auditor: who did what and when (details hold ids,
  // counts and codes, never personal data). It outlives the case's deletion.
  router.get("/prereview/:caseId/audit", async (request, response) => {
    const caseId = caseIdOf(request);
    requireClerk(checkClerk(request), clerkTokens.length > 0);
    const events = await cases.auditTrail(caseId);
    if (!events) throw caseNotFound(caseId);
    privateResponse(response);
    response.json({
      caseId,
      events: events.map((event) => ({
        action: event.action,
        actor: event.actor,
        detail: event.detail,
        createdAt: iso(event.createdAt),
      })),
    });
  });

  // The clerk console draws evidence boxes on this image: its pixels are the OCR image's pixels
  // (X-Page-Width/X-Page-Height say the size the boxes are measured in). One gate with intake: a
  // file intake or reading refused is never decoded again, and a page beyond the file's is 404.
  router.get("/prereview/:caseId/files/:fileId/pages/:page", async (request, response) => {
    const params = CaseIdParamsSchema.safeParse({ caseId: request.params.caseId });
    if (!params.success) throw badRequestFromZod(params.error, "caseId");
    const caseId = params.data.caseId.toLowerCase();
    requireClerk(checkClerk(request), clerkTokens.length > 0);
    const fileId = String(request.params.fileId);
    const page = parsePageNumber(String(request.params.page));
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(fileId)) throw new AppError("bad_request", "fileId 格式不正确");
    const rendered = await cases.renderPage({ caseId, fileId, page });
    if (rendered.status === "case_not_found") throw caseNotFound(caseId);
    if (rendered.status === "file_not_found") throw new AppError("not_found", `该预审没有文件 ${fileId}`);
    if (rendered.status === "file_gone") throw new AppError("not_found", "该文件已清除或无法显示");
    if (rendered.status === "no_page") throw new AppError("not_found", `文件 ${fileId} 没有第 ${page} 页`);
    if (rendered.status === "unreadable") throw unreadableFileError({ fileId }, rendered.problem);
    sendPageImage(response, rendered);
  });

  router.post("/prereview/:caseId/review", async (request, response) => {
    const caseId = caseIdOf(request);
    const reviewer = requireClerk(checkClerk(request), clerkTokens.length > 0);
    const body = PrereviewReviewRequestSchema.safeParse(request.body ?? {});
    if (!body.success) throw badRequestFromZod(body.error, "decisions");
    const result = await cases.review({ caseId, reviewer, ...body.data });
    if (result.status === "not_found") throw caseNotFound(caseId);
    if (result.status === "no_report") reportOf(result.record);
    if (result.status === "unknown_findings")
      throw new AppError("bad_request", `该预审报告中没有这些预审意见：${result.findingIds.join("、")}`, {
        details: { unknownFindingIds: result.findingIds },
      });
    if (result.status === "not_reviewable")
      throw new AppError("conflict", `该预审当前状态为 ${result.caseStatus}，不能审核`);
    if (result.status !== "reviewed") throw new AppError("internal", "unexpected review result");
    privateResponse(response);
    response.status(201).json({
      caseId,
      reviews: result.reviews.map((review) => reviewView(review, true)),
      review: result.record ? outcomeView(result.record, true) : undefined,
    });
  });

  // The clerk confirms or edits the case's prefilled form values; each is kept with the value before
  // and after, its source and the clerk, and audited (the audit event names fields, not values).
  router.post("/prereview/:caseId/prefill-confirmations", async (request, response) => {
    const caseId = caseIdOf(request);
    const clerk = requireClerk(checkClerk(request), clerkTokens.length > 0);
    const body = PrefillConfirmationRequestSchema.safeParse(request.body ?? {});
    if (!body.success) throw badRequestFromZod(body.error, "fields");
    const result = await cases.confirmPrefill({ caseId, clerk, fields: body.data.fields });
    if (result.status === "not_found") throw caseNotFound(caseId);
    if (result.status === "no_report") reportOf(result.record);
    if (result.status === "no_prefill") throw new AppError("conflict", "该预审报告没有预填的申请表");
    if (result.status === "unknown_fields")
      throw new AppError("bad_request", `申请表中没有这些项目：${result.fields.join("、")}`, {
        details: { unknownFields: result.fields },
      });
    if (result.status === "invalid_values")
      throw new AppError(
        "unprocessable",
        `以下内容未通过校验，请更正后再提交：${result.problems.map((item) => `${item.label}：${item.problem.message}`).join("；")}`,
        {
          details: { problems: result.problems.map((item) => ({ field: item.field, code: item.problem.code })) },
          logMessage: `prefill confirmation refused: ${result.problems.map((item) => `${item.field} ${item.problem.code}`).join(", ")}`,
        },
      );
    if (result.status === "not_reviewable")
      throw new AppError("conflict", `该预审当前状态为 ${result.caseStatus}，不能确认预填内容`);
    if (result.status !== "recorded") throw new AppError("internal", "unexpected prefill confirmation result");
    privateResponse(response);
    response.status(201).json({ caseId, prefillConfirmations: result.confirmations.map(prefillConfirmationView) });
  });

  router.delete("/prereview/:caseId", async (request, response) => {
    const caseId = caseIdOf(request);
    const { caller } = await authorize(request, caseId, undefined);
    if ((await cases.delete({ caseId, actor: caller.actor })) === "not_found") throw caseNotFound(caseId);
    privateResponse(response);
    response.status(204).end();
  });

  return router;
}
