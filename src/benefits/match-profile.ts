import type { Benefit } from "../catalog/index.js";
import { type MatchResult, matchBenefits } from "./match-benefits.js";
import type { Profile } from "./profile.js";
import { resolveProfile } from "./resolve-profile.js";

export interface MatchProfileOptions {
  benefits: Iterable<Benefit>;
  profile: Profile;
  /** The day to judge on, YYYY-MM-DD. */
  asOf: string;
}

export type MatchProfileResult =
  | { status: "matched"; result: MatchResult }
  | { status: "contradictory"; problems: string[] };

/** The use case behind POST /api/match, the CSV command and the chat: resolve the profile, then match. */
export function matchProfile(options: MatchProfileOptions): MatchProfileResult {
  const resolved = resolveProfile(options.profile, options.asOf);
  if (resolved.status === "contradictory") return resolved;
  const result = matchBenefits({
    benefits: options.benefits,
    facts: resolved.facts,
    subject: resolved.subject,
    asOf: options.asOf,
  });
  return { status: "matched", result };
}

/** Today as YYYY-MM-DD in China Standard Time, the day benefits are judged on by default. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
