// Every rule a finding can carry, with what the rest of the pre-review needs to know about it: its
// name for the clerk, whether a clerk must judge it, whether it already speaks for a missing
// material, and whether its document evidence is worth a second reading. Built-in rules are listed
// in built-in-rules.ts (pure data, for the browser and storage too); rules a matter declares in
// knowledge/ are `consistency.<name>` or `eligibility.<name>` and take the traits of their kind.
// `Finding.ruleId` is typed from this table, so a rule id that is not here fails the build, and
// nothing matches rule ids by pattern.
import { z } from "zod";
import { type DeclaredRuleId, DeclaredRuleIdSchema } from "../../catalog/index.js";
import { BUILT_IN_RULES, type BuiltInRuleId, DECLARED_RULES, type RuleTraits } from "./built-in-rules.js";

export { BUILT_IN_RULES, type BuiltInRuleId, type RuleTraits } from "./built-in-rules.js";

export type RuleId = BuiltInRuleId | DeclaredRuleId;

const BUILT_IN_RULE_IDS = Object.keys(BUILT_IN_RULES) as [BuiltInRuleId, ...BuiltInRuleId[]];

/** A built-in rule's id, or one a matter declares (the catalog's schema). */
export const RuleIdSchema = z.union([z.enum(BUILT_IN_RULE_IDS), DeclaredRuleIdSchema]);

/** The traits of a rule: its own entry, or its kind's for a declared rule. */
export function ruleTraits(ruleId: RuleId): RuleTraits {
  if (Object.hasOwn(BUILT_IN_RULES, ruleId)) return BUILT_IN_RULES[ruleId as BuiltInRuleId];
  return ruleId.startsWith("consistency.") ? DECLARED_RULES.consistency : DECLARED_RULES.eligibility;
}
