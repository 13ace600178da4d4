import type { Evidence, Finding, Severity } from "../types.js";

/** Collects findings in order and numbers them `F1`, `F2`, … so ids are stable for one report. */
export class FindingList {
  readonly items: Finding[] = [];

  add(finding: {
    ruleId: string;
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

  has(ruleId: string, materialId?: string): boolean {
    return this.items.some(
      (item) => item.ruleId === ruleId && (materialId === undefined || item.materialId === materialId),
    );
  }

  /** True when some finding already speaks for this material, so "missing" would repeat it. */
  explainsMaterial(materialId: string): boolean {
    return this.items.some(
      (item) =>
        item.materialId === materialId &&
        [
          "document.wrong_type",
          "quality.unreadable",
          "quality.unread_legible",
          "file.invalid",
          "document.unrecognised",
        ].includes(item.ruleId),
    );
  }
}

/** Rule ids that are errors the applicant cannot fix by resubmitting: a clerk must judge. */
export const HUMAN_JUDGEMENT_RULE_PREFIXES = ["eligibility."] as const;

/** Warnings that mean the machine could not decide, so a clerk should look before accepting. */
export const UNDECIDED_RULE_IDS = new Set([
  "document.unrecognised",
  "quality.field_unread",
  "quality.unread_legible",
  "eligibility.undetermined",
]);

/** A finding a clerk must judge: eligibility, or something the machine could not decide. */
export function needsClerk(finding: Pick<Finding, "ruleId" | "severity">): boolean {
  if (finding.severity === "error")
    return HUMAN_JUDGEMENT_RULE_PREFIXES.some((prefix) => finding.ruleId.startsWith(prefix));
  return finding.severity === "warning" && UNDECIDED_RULE_IDS.has(finding.ruleId);
}

/** Pure: the verdict the findings call for. */
export function decideVerdict(findings: readonly Finding[]): "pass" | "needs_correction" | "needs_human" {
  const errors = findings.filter((finding) => finding.severity === "error");
  if (errors.some(needsClerk)) return "needs_human";
  if (errors.length > 0) return "needs_correction";
  return findings.some(needsClerk) ? "needs_human" : "pass";
}
