// Scoring of pre-review outcomes against the defects the generator planted. Pure, unit-tested.

export interface ExpectedDefect {
  ruleId: string;
  materialId?: string;
}

export interface ReportedFinding {
  ruleId: string;
  severity: "error" | "warning" | "info";
  materialId?: string;
}

export interface CaseOutcome {
  caseId: string;
  expectedVerdict: string;
  verdict: string;
  expected: ExpectedDefect[];
  /** Findings the generator allows but does not require (the same planted value seen twice). */
  tolerated?: ExpectedDefect[];
  /** Errors and warnings; info notes are not claims of a defect and are not scored. */
  findings: ReportedFinding[];
}

export interface RuleScore {
  ruleId: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

export interface DefectScores {
  cases: number;
  precision: number;
  recall: number;
  verdictAccuracy: number;
  perRule: RuleScore[];
}

/**
 * Matches findings to planted defects one to one: same rule id, and the same material when the
 * defect names one. Every unmatched finding (error or warning) is a false positive, every
 * unmatched defect a false negative.
 */
export function matchFindings(
  expected: ExpectedDefect[],
  findings: ReportedFinding[],
  tolerated: ExpectedDefect[] = [],
) {
  const scored = findings.filter((finding) => finding.severity !== "info");
  const used = new Set<number>();
  const matched: ExpectedDefect[] = [];
  const missed: ExpectedDefect[] = [];
  for (const defect of expected) {
    const index = scored.findIndex(
      (finding, position) =>
        !used.has(position) &&
        finding.ruleId === defect.ruleId &&
        (defect.materialId === undefined || finding.materialId === defect.materialId),
    );
    if (index >= 0) {
      used.add(index);
      matched.push(defect);
    } else missed.push(defect);
  }
  const allowed = (finding: ReportedFinding) =>
    tolerated.some(
      (defect) =>
        defect.ruleId === finding.ruleId &&
        (defect.materialId === undefined || defect.materialId === finding.materialId),
    );
  const extra = scored.filter((finding, position) => !used.has(position) && !allowed(finding));
  return { matched, missed, extra };
}

export function scoreDefects(outcomes: CaseOutcome[]): DefectScores {
  const rules = new Map<string, { tp: number; fp: number; fn: number }>();
  const rule = (id: string) => {
    let entry = rules.get(id);
    if (!entry) rules.set(id, (entry = { tp: 0, fp: 0, fn: 0 }));
    return entry;
  };
  let verdictsRight = 0;
  for (const outcome of outcomes) {
    if (outcome.verdict === outcome.expectedVerdict) verdictsRight++;
    const { matched, missed, extra } = matchFindings(outcome.expected, outcome.findings, outcome.tolerated);
    for (const defect of matched) rule(defect.ruleId).tp++;
    for (const defect of missed) rule(defect.ruleId).fn++;
    for (const finding of extra) rule(finding.ruleId).fp++;
  }
  const ratio = (numerator: number, denominator: number) => (denominator === 0 ? 1 : numerator / denominator);
  const perRule = [...rules.entries()]
    .map(([ruleId, { tp, fp, fn }]) => ({
      ruleId,
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
      precision: ratio(tp, tp + fp),
      recall: ratio(tp, tp + fn),
    }))
    .sort((a, b) => a.ruleId.localeCompare(b.ruleId));
  const tp = perRule.reduce((sum, item) => sum + item.truePositives, 0);
  const fp = perRule.reduce((sum, item) => sum + item.falsePositives, 0);
  const fn = perRule.reduce((sum, item) => sum + item.falseNegatives, 0);
  return {
    cases: outcomes.length,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    verdictAccuracy: ratio(verdictsRight, outcomes.length),
    perRule,
  };
}

/**
 * The fewest edits turning `needle` into some substring of `haystack` (approximate substring
 * match, Sellers): how badly OCR printed a known value somewhere on the page.
 */
export function substringEditDistance(needle: string, haystack: string): number {
  let previous = new Array<number>(haystack.length + 1).fill(0);
  for (let i = 1; i <= needle.length; i++) {
    const current = new Array<number>(haystack.length + 1);
    current[0] = i;
    for (let j = 1; j <= haystack.length; j++)
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (needle[i - 1] === haystack[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return Math.min(...previous);
}
