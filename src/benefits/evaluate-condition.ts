import type { Condition, FactCondition, FactName } from "../catalog/index.js";
import type { Facts } from "./profile.js";

/** Three-valued truth: a condition whose facts are not known is neither met nor failed. */
export type Truth = true | false | "unknown";

export interface ConditionTrace {
  value: Truth;
  /** Fact tests that hold and decide the outcome. */
  met: FactCondition[];
  /** Fact tests that fail and decide the outcome. */
  failed: FactCondition[];
  /** Fact tests whose fact is missing and could change the outcome. */
  missing: FactCondition[];
}

type Scalar = number | string | boolean;

/**
 * Facts that do not exist when another fact says so: the youngest child's age of someone with no child
 * (childCount 0), the certificate's disability category of someone not disabled (disabilityGrade 0).
 */
const ABSENT_WHEN: Partial<Record<FactName, (facts: Facts) => boolean>> = {
  youngestChildAge: (facts) => facts.childCount === 0,
  disabilityCategory: (facts) => facts.disabilityGrade === 0,
};

/** One fact test; unknown when the fact is missing. Kleene logic for all/any/not. */
export function evaluateCondition(condition: Condition, facts: Facts): ConditionTrace {
  if ("all" in condition)
    return combine(
      condition.all.map((child) => evaluateCondition(child, facts)),
      "all",
    );
  if ("any" in condition)
    return combine(
      condition.any.map((child) => evaluateCondition(child, facts)),
      "any",
    );
  if ("not" in condition) {
    const inner = evaluateCondition(condition.not, facts);
    const value = inner.value === "unknown" ? "unknown" : !inner.value;
    return { value, met: inner.failed, failed: inner.met, missing: inner.missing };
  }
  const actual = facts[condition.fact] as Scalar | undefined;
  // A fact about something the person does not have fails every test: no youngest child to be under three.
  if (actual === undefined && ABSENT_WHEN[condition.fact]?.(facts))
    return { value: false, met: [], failed: [condition], missing: [] };
  if (actual === undefined) return { value: "unknown", met: [], failed: [], missing: [condition] };
  const value = compare(condition, actual);
  return { value, met: value ? [condition] : [], failed: value ? [] : [condition], missing: [] };
}

/**
 * all: false if any child is false (only the false ones are reasons), else unknown if any is unknown,
 * else true. any: the dual. Reasons keep only the children that decide.
 */
function combine(children: ConditionTrace[], mode: "all" | "any"): ConditionTrace {
  // The value that settles the group at once: one false settles `all`, one true settles `any`.
  const decisive = mode === "any";
  const deciding = children.filter((child) => child.value === decisive);
  const flat = (pick: (trace: ConditionTrace) => FactCondition[], from: ConditionTrace[]) => from.flatMap(pick);
  if (deciding.length > 0) {
    const met = mode === "any" ? flat((t) => t.met, deciding) : [];
    const failed = mode === "all" ? flat((t) => t.failed, deciding) : [];
    return { value: decisive, met, failed, missing: [] };
  }
  const unknown = children.filter((child) => child.value === "unknown");
  const rest = children.filter((child) => child.value !== "unknown");
  if (unknown.length > 0)
    return {
      value: "unknown",
      met: flat((t) => t.met, rest),
      failed: flat((t) => t.failed, rest),
      missing: flat((t) => t.missing, unknown),
    };
  return {
    value: !decisive,
    met: flat((t) => t.met, children),
    failed: flat((t) => t.failed, children),
    missing: [],
  };
}

function compare(condition: FactCondition, actual: Scalar): boolean {
  const expected = condition.value;
  const list = Array.isArray(expected) ? expected : [expected];
  const first = list[0] as Scalar;
  switch (condition.op) {
    case "eq":
      return actual === first;
    case "ne":
      return actual !== first;
    case "in":
      return list.includes(actual);
    case "notIn":
      return !list.includes(actual);
    case "lt":
      return (actual as number) < (first as number);
    case "lte":
      return (actual as number) <= (first as number);
    case "gt":
      return (actual as number) > (first as number);
    case "gte":
      return (actual as number) >= (first as number);
    case "between":
      return (actual as number) >= (first as number) && (actual as number) <= (list[1] as number);
  }
}
