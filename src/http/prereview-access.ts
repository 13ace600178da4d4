import { createHash, timingSafeEqual } from "node:crypto";
import type { Request } from "express";
import { AppError } from "../errors.js";
import type { CaseUseCases } from "../prereview/cases/index.js";
import type { PrereviewCase } from "../storage/index.js";

/** A clerk's bearer token and the label audit events name them by (`clerk:<label>`). */
export interface ClerkToken {
  label: string;
  token: string;
}

/** Who is calling: a clerk (by token label) or the applicant holding the case secret. */
export type Caller = { role: "clerk"; actor: string } | { role: "applicant"; actor: "applicant" };

const sha256 = (value: string) => createHash("sha256").update(value, "utf8").digest();

export type ClerkCheck = { status: "none" } | { status: "invalid" } | { status: "clerk"; actor: string };

/**
 * Checks `Authorization: Bearer <token>` against the configured clerk tokens. Every token is compared
 * (as sha256 digests, in constant time) so the time taken does not tell which one nearly matched.
 */
export function createClerkCheck(tokens: readonly ClerkToken[]): (request: Request) => ClerkCheck {
  const digests = tokens.map(({ label, token }) => ({ label, digest: sha256(token) }));
  return (request) => {
    const header = request.get("authorization");
    if (header === undefined) return { status: "none" };
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) return { status: "invalid" };
    const given = sha256(match[1]);
    let label: string | undefined;
    for (const candidate of digests) if (timingSafeEqual(candidate.digest, given)) label ??= candidate.label;
    return label === undefined ? { status: "invalid" } : { status: "clerk", actor: `clerk:${label}` };
  };
}

export const NOT_CLERK_MESSAGE = "需要有效的工作人员令牌（Authorization: Bearer …）";

/** For clerk-only endpoints: the clerk's actor label, or 401 (no or wrong token) / 403 (no tokens configured). */
export function requireClerk(check: ClerkCheck, tokensConfigured: boolean): string {
  if (check.status === "clerk") return check.actor;
  if (!tokensConfigured) throw new AppError("forbidden", "工作人员接口未启用：服务端没有设置 CLERK_TOKENS");
  throw new AppError("unauthorized", NOT_CLERK_MESSAGE);
}

export const FORBIDDEN_CASE_MESSAGE = "预审凭证无效：编号与凭证不匹配，或该预审不存在";
export const NO_CREDENTIALS_MESSAGE = "请提供预审凭证（X-Case-Secret 请求头）或工作人员令牌（Authorization: Bearer …）";

/**
 * The caller of a case endpoint and the case: a clerk by bearer token (404 for a missing case), or the
 * applicant by the case secret (a wrong secret and a missing case are the same 403, so a secret
 * holder cannot learn which case ids exist); no credentials → 401. The case service checks the secret.
 */
export async function authorizeCaseCaller(options: {
  clerk: ClerkCheck;
  secret: string | undefined;
  caseId: string;
  cases: Pick<CaseUseCases, "get" | "getWithSecret">;
}): Promise<{ caller: Caller; record: PrereviewCase }> {
  const { clerk, secret, caseId, cases } = options;
  if (clerk.status === "invalid") throw new AppError("unauthorized", NOT_CLERK_MESSAGE);
  if (clerk.status === "clerk") {
    const record = await cases.get(caseId);
    if (!record) throw new AppError("not_found", `没有编号为 ${caseId} 的预审`);
    return { caller: { role: "clerk", actor: clerk.actor }, record };
  }
  if (!secret) throw new AppError("unauthorized", NO_CREDENTIALS_MESSAGE);
  const record = await cases.getWithSecret(caseId, secret);
  if (!record) throw new AppError("forbidden", FORBIDDEN_CASE_MESSAGE);
  return { caller: { role: "applicant", actor: "applicant" }, record };
}
