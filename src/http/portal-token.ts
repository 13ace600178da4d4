import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { AppError } from "../errors.js";

/**
 * A portal's login pass-through token: `base64url(JSON payload).base64url(HMAC-SHA256(payload part))`
 * with the secret both sides share (PORTAL_TOKEN_SECRET). The payload carries the portal's user id
 * (`sub`) and an expiry (`exp`, seconds since the epoch); a portal that verified its user may add the
 * user's real name (`name`) and ID number (`idNumber`), which prefill uses as the portal profile.
 */
export const PortalTokenPayloadSchema = z.object({
  sub: z.string().min(1).max(200),
  exp: z.number().int().positive(),
  /** Facts the portal vouches for (birth date, sex, …) for policy matching; checked where they are used. */
  profile: z.record(z.string(), z.unknown()).optional(),
  name: z.string().min(1).max(50).optional(),
  idNumber: z.string().min(1).max(18).optional(),
});
export type PortalTokenPayload = z.infer<typeof PortalTokenPayloadSchema>;

/** What the portal says about its user, when it says it. */
export interface PortalProfile {
  name?: string;
  idNumber?: string;
}

export type VerifyPortalTokenResult =
  | {
      status: "valid";
      userId: string;
      expiresAt: Date;
      /** The user's name and ID number, for prefill. */
      profile: PortalProfile;
      /** The `profile` claim: facts for policy matching. */
      facts?: Record<string, unknown>;
    }
  | { status: "malformed" | "bad_signature" | "expired" };

const sign = (encodedPayload: string, secret: string) =>
  createHmac("sha256", secret).update(encodedPayload, "utf8").digest();

/** Mints a token (portals do this on their side; tests and the demo use it here). */
export function createPortalToken(payload: PortalTokenPayload, secret: string): string {
  const encoded = Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
  return `${encoded}.${sign(encoded, secret).toString("base64url")}`;
}

/** Checks the signature in constant time, then the expiry. `now` is for tests (default the clock). */
export function verifyPortalToken(token: string, secret: string, now: Date = new Date()): VerifyPortalTokenResult {
  if (token.length > 2000) return { status: "malformed" };
  const parts = token.split(".");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return { status: "malformed" };
  const [encoded, signature] = parts as [string, string];
  const given = Buffer.from(signature, "base64url");
  const expected = sign(encoded, secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: "bad_signature" };
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8"));
  } catch {
    return { status: "malformed" };
  }
  const parsed = PortalTokenPayloadSchema.safeParse(payload);
  if (!parsed.success) return { status: "malformed" };
  if (parsed.data.exp * 1000 <= now.getTime()) return { status: "expired" };
  const { name, idNumber } = parsed.data;
  return {
    status: "valid",
    userId: parsed.data.sub,
    expiresAt: new Date(parsed.data.exp * 1000),
    profile: { ...(name ? { name } : {}), ...(idNumber ? { idNumber } : {}) },
    ...(parsed.data.profile ? { facts: parsed.data.profile } : {}),
  };
}

/**
 * The portal user a request's token names: undefined without a token (or without a configured
 * secret); a bad or expired token → AppError unauthorized, in Chinese.
 */
export function readPortalUser(
  token: string | undefined,
  secret: string | undefined,
): { userId: string; profile: PortalProfile } | undefined {
  if (!token || !secret) return undefined;
  const result = verifyPortalToken(token, secret);
  if (result.status === "valid") return { userId: result.userId, profile: result.profile };
  throw new AppError(
    "unauthorized",
    result.status === "expired" ? "登录状态已过期，请在门户重新登录后再试" : "登录凭证无效，请在门户重新登录后再试",
  );
}
