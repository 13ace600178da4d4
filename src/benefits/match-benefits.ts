import { z } from "zod";
import { type Benefit, type FactCondition, FACTS, type FactName } from "../catalog/index.js";
import { deriveFacts } from "./derive-facts.js";
import { evaluateCondition } from "./evaluate-condition.js";
import type { Facts } from "./profile.js";

export const MatchDecisionSchema = z.enum(["eligible", "possible", "ineligible"]);
export type MatchDecision = z.infer<typeof MatchDecisionSchema>;

/** One condition behind a decision, with the clause it comes from. */
export const MatchReasonSchema = z.object({
  status: z.enum(["met", "failed", "missing", "expired"]),
  fact: z.string().optional(),
  /** The condition in plain Chinese. */
  condition: z.string(),
  /** The source clause it is written from. */
  basis: z.string(),
  /** The document the clause is in, with its number. */
  source: z.string(),
});
export type MatchReason = z.infer<typeof MatchReasonSchema>;

export const MissingFactSchema = z.object({ fact: z.string(), label: z.string(), question: z.string() });
export type MissingFact = z.infer<typeof MissingFactSchema>;

/** How a benefit is claimed: by applying at a matter or bundle, or 免申即享 (`automatic`). */
export const MatchClaimSchema = z.object({
  mode: z.enum(["apply", "automatic"]),
  matterId: z.string().optional(),
  bundleId: z.string().optional(),
  how: z.string(),
});

export const BenefitMatchSchema = z.object({
  benefitId: z.string(),
  name: z.string(),
  subject: z.enum(["individual", "enterprise"]),
  decision: MatchDecisionSchema,
  reasons: z.array(MatchReasonSchema),
  /** For `possible`: the facts still needed to decide. */
  missingFacts: z.array(MissingFactSchema),
  amount: z.object({ text: z.string(), checked: z.boolean() }),
  claim: MatchClaimSchema,
  document: z.string(),
});
export type BenefitMatch = z.infer<typeof BenefitMatchSchema>;

export const MatchResultSchema = z.object({
  asOf: z.string(),
  subject: z.enum(["individual", "enterprise"]).optional(),
  matches: z.array(BenefitMatchSchema),
  counts: z.object({ eligible: z.number(), possible: z.number(), ineligible: z.number() }),
});
export type MatchResult = z.infer<typeof MatchResultSchema>;

export interface MatchBenefitsOptions {
  benefits: Iterable<Benefit>;
  facts: Facts;
  /** Only benefits for this subject; all when absent. */
  subject?: "individual" | "enterprise";
  /** The day to judge on, YYYY-MM-DD (effective dates); injected, never read from the clock here. */
  asOf: string;
}

const ORDER: Record<MatchDecision, number> = { eligible: 0, possible: 1, ineligible: 2 };

/** Decides every benefit for one set of facts: eligible, possible (naming what is missing) or ineligible. */
export function matchBenefits(options: MatchBenefitsOptions): MatchResult {
  const facts = deriveFacts(options.facts);
  const matches = [...options.benefits]
    .filter((benefit) => !options.subject || benefit.subject === options.subject)
    .map((benefit) => matchBenefit(benefit, facts, options.asOf))
    .sort((a, b) => ORDER[a.decision] - ORDER[b.decision]);
  const counts = { eligible: 0, possible: 0, ineligible: 0 };
  for (const match of matches) counts[match.decision] += 1;
  return { asOf: options.asOf, subject: options.subject, matches, counts };
}

export function documentLabel(benefit: Benefit): string {
  const { title, number } = benefit.document;
  return number ? `《${title}》（${number}）` : `《${title}》`;
}

function matchBenefit(benefit: Benefit, facts: Facts, asOf: string): BenefitMatch {
  const source = documentLabel(benefit);
  const base = {
    benefitId: benefit.id,
    name: benefit.name,
    subject: benefit.subject,
    amount: { text: benefit.amount.text, checked: benefit.amount.checked },
    claim: benefit.claim,
    document: source,
  };
  const { from, to } = benefit.effective;
  if ((to && asOf > to) || (from && asOf < from)) {
    const condition = to && asOf > to ? `政策执行至${to}，已到期` : `政策自${from}起执行，尚未生效`;
    const reason: MatchReason = { status: "expired", condition, basis: condition, source };
    return { ...base, decision: "ineligible", reasons: [reason], missingFacts: [] };
  }
  const trace = evaluateCondition(benefit.conditions, facts);
  const reason = (status: MatchReason["status"]) => (leaf: FactCondition) => ({
    status,
    fact: leaf.fact,
    condition: leaf.says,
    basis: leaf.basis,
    source,
  });
  const reasons = [
    ...trace.failed.map(reason("failed")),
    ...trace.missing.map(reason("missing")),
    ...trace.met.map(reason("met")),
  ];
  const decision: MatchDecision = trace.value === "unknown" ? "possible" : trace.value ? "eligible" : "ineligible";
  const missingFacts = [...new Set(trace.missing.map((leaf) => leaf.fact))].map((fact) => missingFact(fact));
  return { ...base, decision, reasons, missingFacts };
}

function missingFact(fact: FactName): MissingFact {
  return { fact, label: FACTS[fact].label, question: FACTS[fact].question };
}

/** One line per reason, for CSV and plain-text answers: 「✓ 婴幼儿未满3周岁（依据《…》：…）」. */
export function formatReason(reason: MatchReason): string {
  const mark = { met: "符合", failed: "不符合", missing: "待确认", expired: "不适用" }[reason.status];
  if (reason.status === "expired") return `${mark}：${reason.condition}`;
  return `${mark}：${reason.condition}（依据${reason.source}：${reason.basis}）`;
}
