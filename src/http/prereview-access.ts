import { createHash, timingSafeEqual } from "node:crypto";
import type { Request } from "express";
import { AppError } from "../errors.js";

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
