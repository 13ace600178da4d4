import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const sha256 = (value: string) => createHash("sha256").update(value, "utf8").digest();

/** A new case secret: 192 random bits, URL-safe, given to the applicant once. */
export function createCaseSecret(): string {
  return randomBytes(24).toString("base64url");
}

/** What is stored instead of the secret. A fast hash is enough: the secret is random, not a password. */
export function hashCaseSecret(secret: string): string {
  return sha256(secret).toString("hex");
}

/** Constant-time comparison of a presented secret with the stored hash. */
export function caseSecretMatches(secret: string, secretHash: string): boolean {
  const expected = Buffer.from(secretHash, "hex");
  const given = sha256(secret);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
