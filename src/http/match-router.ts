import express, { type Request, Router } from "express";
import { z } from "zod";
import {
  decodeCsv,
  MatchResultSchema,
  matchCsv,
  matchProfile,
  mergeProfiles,
  parseCsv,
  ProfileSchema,
  profileFromCaseForm,
  todayInChina,
} from "../benefits/index.js";
import type { Benefit } from "../catalog/index.js";
import { DEFAULT_LIMITS } from "../config.js";
import { AppError } from "../errors.js";
import { PORTAL_TOKEN_HEADER } from "./chat-router.js";
import { badRequestFromZod } from "./error-handler.js";
import { verifyPortalToken } from "./portal-token.js";
import { memoryRateLimiters, type RateLimiterFactory } from "./rate-limiter.js";
import type { CaseUseCases } from "../prereview/cases/index.js";
import { authorizeCaseCaller, type ClerkToken, createClerkCheck, requireClerk } from "./prereview-access.js";

export const MatchRequestSchema = z
  .object({
    /** The facts to match; may be empty when a signed portal token carries them. */
    profile: ProfileSchema.default({}),
    /** The day to judge on (default today, China time). */
    asOf: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "asOf 应为 YYYY-MM-DD")
      .optional(),
    /** Only these decisions in `matches` (counts still cover all). */
    decisions: z.array(z.enum(["eligible", "possible", "ineligible"])).optional(),
    /**
     * A pre-review case whose form and scenario add facts (age and sex from the ID number, the child's
     * birth date): its secret in `X-Case-Secret`, or a clerk token.
     */
    caseId: z.uuid({ error: "caseId 应为预审编号（UUID）" }).optional(),
  })
  .strict()
  .meta({ id: "MatchRequest" });

export const MatchResponseSchema = MatchResultSchema.meta({ id: "MatchResponse" });

export interface MatchRouterDependencies {
  /** Pre-review cases, for a request naming a `caseId`; without them such a request is a 404. */
  cases?: Pick<CaseUseCases, "get" | "getWithSecret" | "details">;
  /** Where the per-client limit of POST /api/match counts (REDIS_URL: shared by all nodes). Default: in memory. */
  rateLimiters?: RateLimiterFactory;
  /** POST /api/match requests per client and minute. Default `DEFAULT_LIMITS.match.requestsPerMinute`. */
  requestsPerMinute?: number;
  /** The benefits now serving (a knowledge reload swaps them). */
  benefits: () => Map<string, Benefit>;
  /** PORTAL_TOKEN_SECRET: a signed portal token's `profile` claims join the request's profile. */
  portalTokenSecret?: string;
  /** Clerk tokens for POST /api/clerk/match (the CSV list); none → that endpoint answers 403. */
  clerkTokens?: readonly ClerkToken[];
  /** Largest CSV a clerk may send (default 5 MB). */
  maxCsvBytes?: number;
  /** The clock, for tests (default now). */
  now?: () => Date;
}

/** POST /api/match: which benefits a profile qualifies for, with reasons. */
export function createMatchRouter(dependencies: MatchRouterDependencies): Router {
  const router = Router();
  const limiter = (dependencies.rateLimiters ?? memoryRateLimiters)({
    name: "match",
    limit: dependencies.requestsPerMinute ?? DEFAULT_LIMITS.match.requestsPerMinute,
    windowMs: 60_000,
  });
  const clerkTokens = dependencies.clerkTokens ?? [];
  const checkClerk = createClerkCheck(clerkTokens);
  /** The facts a pre-review case's form holds, for its applicant or a clerk (whose view is audited). */
  const caseProfile = async (request: Request, caseId: string) => {
    const { cases } = dependencies;
    if (!cases) throw new AppError("not_found", "本服务未启用预审，无法按预审编号匹配政策");
    const { caller, record } = await authorizeCaseCaller({
      clerk: checkClerk(request),
      secret: request.get("x-case-secret"),
      caseId: caseId.toLowerCase(),
      cases,
    });
    if (caller.role === "clerk") await cases.details(record.id, { clerk: caller.actor });
    return profileFromCaseForm(record.form, record.bundleId);
  };

  router.post("/match", async (request, response) => {
    if (!(await limiter.take(request.ip ?? "unknown")))
      throw new AppError("rate_limited", "查询太频繁了，请稍等一分钟再试");
    const parsed = MatchRequestSchema.safeParse(request.body ?? {});
    if (!parsed.success) throw badRequestFromZod(parsed.error, "profile");
    const claims = portalProfileOf(request, dependencies.portalTokenSecret);
    const fromCase = parsed.data.caseId ? await caseProfile(request, parsed.data.caseId) : undefined;
    // The portal's signed claims win over what the page sends, which wins over the case's form.
    const profile = mergeProfiles(fromCase, parsed.data.profile, claims);
    const asOf = parsed.data.asOf ?? todayInChina(dependencies.now?.());
    const outcome = matchProfile({ benefits: dependencies.benefits().values(), profile, asOf });
    if (outcome.status === "contradictory")
      throw new AppError("bad_request", `画像中的信息相互矛盾：${outcome.problems.join("；")}`, {
        details: outcome.problems.map((problem) => ({ field: "profile", message: problem })),
        // The problems quote the person's ages and dates back to them; the log keeps only their number.
        logMessage: `contradictory profile (${outcome.problems.length} problems)`,
      });
    const { decisions } = parsed.data;
    const result = decisions
      ? { ...outcome.result, matches: outcome.result.matches.filter((match) => decisions.includes(match.decision)) }
      : outcome.result;
    response.json(MatchResponseSchema.parse(result));
  });

  router.post(
    "/clerk/match",
    (request, _response, next) => {
      // Before the body is read: a caller without a clerk token never gets to upload a file.
      requireClerk(checkClerk(request), clerkTokens.length > 0);
      next();
    },
    // Raw bytes: an export saved in GBK (the default of Chinese spreadsheet software) is read as GB18030.
    express.raw({ type: ["text/csv", "text/plain"], limit: dependencies.maxCsvBytes ?? 5_000_000 }),
    async (request, response) => {
      const query = ClerkMatchQuerySchema.safeParse(request.query);
      if (!query.success) throw badRequestFromZod(query.error, "asOf");
      if (!Buffer.isBuffer(request.body) || request.body.length === 0)
        throw new AppError("bad_request", "请以 text/csv 上传画像表（首行为表头）");
      const lines: string[] = [];
      const result = await matchCsv({
        records: parseCsv(decodeCsv(request.body).text),
        benefits: dependencies.benefits(),
        asOf: query.data.asOf ?? todayInChina(dependencies.now?.()),
        include: query.data.all === "true" ? ["eligible", "possible", "ineligible"] : undefined,
        write: (line) => lines.push(line),
      });
      if (result.status === "bad_header") throw new AppError("bad_request", result.message);
      response.json(ClerkMatchResponseSchema.parse({ summary: result.summary, csv: `${lines.join("\r\n")}\r\n` }));
    },
  );
  return router;
}

export const ClerkMatchQuerySchema = z
  .object({
    asOf: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "asOf 应为 YYYY-MM-DD")
      .optional(),
    all: z.enum(["true", "false"]).optional(),
  })
  .strict();

export const ClerkMatchResponseSchema = z
  .object({
    summary: z.object({
      rows: z.number(),
      matched: z.number(),
      skipped: z.array(z.object({ line: z.number(), message: z.string() })),
      benefits: z.array(
        z.object({
          benefitId: z.string(),
          name: z.string(),
          eligible: z.number(),
          possible: z.number(),
          ineligible: z.number(),
          automatic: z.boolean(),
        }),
      ),
    }),
    /** The list as CSV (header first), the same columns `npm run match` writes. */
    csv: z.string(),
  })
  .meta({ id: "ClerkMatchResponse" });

function portalProfileOf(request: Request, secret: string | undefined) {
  const token = request.get(PORTAL_TOKEN_HEADER);
  if (!token || !secret) return undefined;
  const result = verifyPortalToken(token, secret);
  if (result.status !== "valid")
    throw new AppError(
      "unauthorized",
      result.status === "expired" ? "登录状态已过期，请在门户重新登录后再试" : "登录凭证无效，请在门户重新登录后再试",
    );
  if (!result.facts) return undefined;
  const claims = ProfileSchema.safeParse(result.facts);
  if (!claims.success) throw badRequestFromZod(claims.error, "portal profile");
  return claims.data;
}
