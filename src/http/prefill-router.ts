import { type Request, type Response, Router } from "express";
import { DialogueStateSchema } from "../agents/index.js";
import type { Catalog } from "../catalog/index.js";
import { AppError } from "../errors.js";
import {
  checkFieldValue,
  describeForm,
  type PrefillResult,
  type PrereviewPipeline,
  prefillForm,
  prefillFromReport,
  renderFilePage,
} from "../prereview/index.js";
import { resolvePrereviewLimits } from "../prereview/intake/index.js";
import type { CaseUseCases } from "../prereview/cases/index.js";
import type { Storage } from "../storage/index.js";
import { PORTAL_TOKEN_HEADER } from "./chat-router.js";
import { badRequestFromZod } from "./error-handler.js";
import {
  FormTargetParamsSchema,
  type PrefillJsonRequest,
  PrefillJsonRequestSchema,
  type PrefillResponse,
  PrefillResponseSchema,
} from "./prefill-schemas.js";
import { readPortalUser } from "./portal-token.js";
import { authorizeCaseCaller, type ClerkToken, createClerkCheck } from "./prereview-access.js";
import {
  acceptFiles,
  createMultipartReceiver,
  createUploadReader,
  DEFAULT_PREREVIEW_UPLOAD_LIMITS,
  type PrereviewUploadLimits,
} from "./prereview-upload.js";
import { parsePageNumber, sendPageImage, unreadableFileError } from "./page-image.js";
import { reportOf } from "./prereview-views.js";
import { memoryRateLimiters, type RateLimiterFactory } from "./rate-limiter.js";

export interface PrefillRouterDependencies {
  catalog: Catalog;
  /** Reads uploaded materials for a multipart prefill; without it only JSON requests are served. */
  pipeline?: Pick<PrereviewPipeline, "run" | "validateRequest" | "renderPage">;
  /** Pre-review cases (`caseId` requests) and the audit trail; without them `caseId` is refused. */
  /** Finished cases (the case service) and the audit trail a clerk's view is recorded in. */
  cases?: Pick<CaseUseCases, "get" | "getWithSecret">;
  storage?: Pick<Storage, "audit">;
  /** Chat sessions (`sessionId` requests); without them `sessionId` is refused. */
  sessions?: Pick<Storage, "sessions">["sessions"];
  clerkTokens?: readonly ClerkToken[];
  /** PORTAL_TOKEN_SECRET: the signed portal user's name and ID number become the portal profile. */
  portalTokenSecret?: string;
  limits?: Partial<PrereviewUploadLimits>;
  rateLimiters?: RateLimiterFactory;
  /** Today, for requests without a report (tests fix it). Default the clock. */
  now?: () => Date;
}

const today = (now: () => Date) => now().toISOString().slice(0, 10);

/** The typed application date when it is a real date, else `fallback` (its problem is shown on the field). */
const realDateOr = (value: string | undefined, fallback: string) =>
  value && !checkFieldValue({ name: "applicationDate", type: "date" }, value, "9999-12-31") ? value : fallback;

/**
 * Prefill (智能预填) over HTTP: POST /api/prefill fills the application form from uploaded materials
 * (multipart, read at once and not kept), a finished pre-review (`caseId`), a chat session
 * (`sessionId`), or a bundle or matter with what is known; GET /api/bundles/:id/form and
 * /api/matters/:id/form give the form's schema for a portal to render.
 *
 * Personal data goes only to who gave it or may see it: the uploader gets back what they uploaded;
 * a case's prefill needs its secret or a clerk token (as the case itself); a session of a signed-in
 * user needs that user's portal token. Logs carry counts, never values.
 */
export function createPrefillRouter(dependencies: PrefillRouterDependencies): Router {
  const { catalog, pipeline } = dependencies;
  const now = dependencies.now ?? (() => new Date());
  const checkClerk = createClerkCheck(dependencies.clerkTokens ?? []);
  const limits = { ...DEFAULT_PREREVIEW_UPLOAD_LIMITS, ...dependencies.limits };
  const readUpload = createUploadReader(limits);
  const uploads = (dependencies.rateLimiters ?? memoryRateLimiters)({
    name: "prefill-uploads",
    limit: limits.submissionsPerHour,
    windowMs: 3_600_000,
  });
  // A page image of a file the uploader holds: one per file of each upload the hour allows.
  const receivePage = createMultipartReceiver({ ...limits, maxFiles: 1 });
  // The limits a page is rendered under: worked out once, not per request.
  const renderLimits = resolvePrereviewLimits({ maxFileBytes: limits.maxFileBytes });
  const pageImages = (dependencies.rateLimiters ?? memoryRateLimiters)({
    name: "prefill-page-images",
    limit: limits.submissionsPerHour * limits.maxFiles,
    windowMs: 3_600_000,
  });
  const router = Router();

  const send = (
    request: Request,
    response: Response,
    origin: PrefillResponse["origin"],
    result: PrefillResult,
    pages?: PrefillResponse["pages"],
  ) => {
    request.log?.info({ origin, counts: result.counts }, "prefill served");
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.json(PrefillResponseSchema.parse({ origin, ...result, ...(pages ? { pages } : {}) }));
  };

  const fromUpload = async (request: Request, response: Response) => {
    if (!pipeline)
      throw new AppError(
        "unsupported_media_type",
        "本服务未启用材料识别：请以 JSON 提交 caseId、sessionId 或 bundleId",
      );
    const clerk = checkClerk(request);
    if (clerk.status !== "clerk" && !(await uploads.take(request.ip ?? "unknown")))
      throw new AppError("rate_limited", "上传材料预填过于频繁，请一小时后再试");
    const { request: prereviewRequest, files } = await readUpload(request, response);
    pipeline.validateRequest(prereviewRequest);
    const pages: NonNullable<PrefillResponse["pages"]> = [];
    const report = await pipeline.run({
      request: prereviewRequest,
      files,
      now: now(),
      observeExtracted: (extracted) => {
        for (const file of extracted)
          for (const page of file.pages)
            if (page.width && page.height)
              pages.push({ fileId: file.fileId, page: page.page, width: page.width, height: page.height });
      },
    });
    const portal = readPortalUser(request.get(PORTAL_TOKEN_HEADER), dependencies.portalTokenSecret);
    send(
      request,
      response,
      "upload",
      prefillFromReport({
        catalog,
        report,
        scenario: prereviewRequest.scenario,
        typed: prereviewRequest.form,
        portalProfile: portal?.profile,
      }),
      pages,
    );
  };

  const fromCase = async (request: Request, response: Response, caseId: string) => {
    const { storage, cases } = dependencies;
    if (!storage || !cases) throw new AppError("not_found", "本服务未启用预审，无法按预审编号预填");
    const { caller, record } = await authorizeCaseCaller({
      clerk: checkClerk(request),
      secret: request.get("x-case-secret"),
      caseId: caseId.toLowerCase(),
      cases,
    });
    const report = reportOf(record);
    if (caller.role === "clerk")
      await storage.audit.record({
        caseId: record.id,
        actor: caller.actor,
        action: "case_viewed",
        detail: { view: "prefill" },
      });
    send(
      request,
      response,
      "case",
      // The prefill computed when the case finished; reports of older releases are prefilled now.
      report.prefill ?? prefillFromReport({ catalog, report, scenario: record.scenario, typed: record.form }),
    );
  };

  const fromSession = async (request: Request, response: Response, sessionId: string) => {
    const sessions = dependencies.sessions;
    if (!sessions) throw new AppError("not_found", "本服务未启用智能问答，无法按会话预填");
    const portal = readPortalUser(request.get(PORTAL_TOKEN_HEADER), dependencies.portalTokenSecret);
    const session = await sessions.get(sessionId);
    // A signed-in user's session is theirs alone; an anonymous one is reached by its id, as the chat is.
    if (!session || (session.userId !== undefined && session.userId !== portal?.userId))
      throw new AppError("not_found", "没有找到您的这段对话");
    const state = DialogueStateSchema.parse(session.state);
    const bundleId = state.scenario?.bundleId ?? (state.target?.kind === "bundle" ? state.target.id : undefined);
    const matterId = bundleId ? undefined : state.target?.kind === "matter" ? state.target.id : undefined;
    if (!bundleId && !matterId)
      throw new AppError("conflict", "这段对话还没有确定要办理的事项，请先在对话中说明要办什么");
    const scenario = state.scenario?.bundleId === bundleId ? state.scenario?.answers : undefined;
    send(
      request,
      response,
      "session",
      prefillForm({ catalog, bundleId, matterId, scenario, portalProfile: portal?.profile, referenceDate: today(now) }),
    );
  };

  const fromTarget = (request: Request, response: Response, body: PrefillJsonRequest) => {
    const portal = readPortalUser(request.get(PORTAL_TOKEN_HEADER), dependencies.portalTokenSecret);
    send(
      request,
      response,
      "form",
      prefillForm({
        catalog,
        bundleId: body.bundleId,
        matterId: body.matterId,
        scenario: body.scenario,
        typed: body.form,
        portalProfile: portal?.profile,
        referenceDate: realDateOr(body.form?.applicationDate, today(now)),
      }),
    );
  };

  router.post("/prefill", async (request, response) => {
    if (request.is("multipart/form-data")) return fromUpload(request, response);
    if (!request.is("application/json"))
      throw new AppError(
        "unsupported_media_type",
        "请以 JSON 提交 caseId、sessionId 或 bundleId/matterId，或以 multipart/form-data 上传材料",
      );
    const body = PrefillJsonRequestSchema.safeParse(request.body ?? {});
    if (!body.success) throw badRequestFromZod(body.error, "request");
    if (body.data.caseId) return fromCase(request, response, body.data.caseId);
    if (body.data.sessionId) return fromSession(request, response, body.data.sessionId);
    return fromTarget(request, response, body.data);
  });

  // The page image a prefilled value's evidence box is drawn on, for a file the uploader still holds
  // (a PDF or TIFF, which a browser cannot show as OCR read it): the same rendering as a case's page
  // image, behind the same intake checks; the file is read at once and not kept.
  router.post("/prefill/pages/:page", async (request, response) => {
    if (!pipeline) throw new AppError("unsupported_media_type", "本服务未启用材料识别，无法显示材料页面");
    const page = parsePageNumber(String(request.params.page));
    if (!request.is("multipart/form-data"))
      throw new AppError("unsupported_media_type", "请以 multipart/form-data 上传一个文件（字段 files）");
    const clerk = checkClerk(request);
    if (clerk.status !== "clerk" && !(await pageImages.take(request.ip ?? "unknown")))
      throw new AppError("rate_limited", "查看材料页面过于频繁，请一小时后再试");
    const upload = await receivePage(request, response);
    const [file] = acceptFiles(upload.files, undefined);
    if (!file) throw new AppError("bad_request", "请上传一个材料文件（字段 files）");
    const rendered = await renderFilePage({
      pipeline,
      bytes: file.bytes,
      page,
      limits: renderLimits,
    });
    if (rendered.status === "no_page") throw new AppError("not_found", `文件“${file.originalName}”没有第 ${page} 页`);
    if (rendered.status === "unreadable") throw unreadableFileError({ name: file.originalName }, rendered.problem);
    sendPageImage(response, rendered);
  });

  for (const kind of ["bundles", "matters"] as const)
    router.get(`/${kind}/:id/form`, (request, response) => {
      const params = FormTargetParamsSchema.safeParse(request.params);
      if (!params.success) throw badRequestFromZod(params.error, "id");
      const target = kind === "bundles" ? { bundleId: params.data.id } : { matterId: params.data.id };
      response.json(describeForm(catalog, target));
    });

  return router;
}
