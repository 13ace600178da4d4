import type { Evidence, Finding, Severity } from "../types.js";
import { type RuleId, ruleTraits } from "./rule-registry.js";

/** Collects findings in order and numbers them `F1`, `F2`, … so ids are stable for one report. */
export class FindingList {
  readonly items: Finding[] = [];

  add(finding: {
    ruleId: RuleId;
    severity: Severity;
    materialId?: string;
    message: string;
    detail: string;
    codes?: Record<string, string | number>;
    evidence?: Evidence[];
  }): Finding {
    const item: Finding = {
      id: `F${this.items.length + 1}`,
      ruleId: finding.ruleId,
      severity: finding.severity,
      ...(finding.materialId ? { materialId: finding.materialId } : {}),
      message: finding.message,
      detail: finding.detail,
      ...(finding.codes ? { codes: finding.codes } : {}),
      evidence: finding.evidence ?? [],
    };
    this.items.push(item);
    return item;
  }

  has(ruleId: RuleId, materialId?: string): boolean {
    return this.items.some(
      (item) => item.ruleId === ruleId && (materialId === undefined || item.materialId === materialId),
    );
  }

  /** True when some finding already speaks for this material, so "missing" would repeat it. */
  explainsMaterial(materialId: string): boolean {
    return this.items.some((item) => item.materialId === materialId && ruleTraits(item.ruleId).explainsMaterial);
  }
}

/**
 * A finding a clerk must judge: an error resubmitting cannot fix (eligibility), or a warning that
 * means the machine could not decide.
 */
export function needsClerk(finding: Pick<Finding, "ruleId" | "severity">): boolean {
  const traits = ruleTraits(finding.ruleId);
  if (finding.severity === "error") return traits.humanJudgement === true;
  return finding.severity === "warning" && traits.undecided === true;
}

/** Pure: the verdict the findings call for. */
export function decideVerdict(findings: readonly Finding[]): "pass" | "needs_correction" | "needs_human" {
  const errors = findings.filter((finding) => finding.severity === "error");
  if (errors.some(needsClerk)) return "needs_human";
  if (errors.length > 0) return "needs_correction";
  return findings.some(needsClerk) ? "needs_human" : "pass";
}
