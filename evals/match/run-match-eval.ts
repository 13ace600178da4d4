// The policy-matching evaluation: each case is a profile (and the plain description a keyword
// baseline sees) with the expected decision for some benefits. Scores decision accuracy, false
// "eligible" (declared eligible where a stated condition fails) and whether every "possible" names
// a missing fact; side by side with a baseline that matches benefits by keyword overlap.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { type MatchDecision, matchProfile, ProfileSchema } from "../../src/benefits/index.js";
import { type Benefit, loadBenefits, loadCatalog } from "../../src/catalog/index.js";
import { loadJsonl } from "../load-jsonl.js";

const DecisionSchema = z.enum(["eligible", "possible", "ineligible"]);
export const MatchCaseSchema = z
  .object({
    id: z.string(),
    /** The situation in words, as a person would say it: what the keyword baseline matches on. */
    description: z.string(),
    profile: ProfileSchema,
    asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    expected: z.record(z.string(), DecisionSchema),
    /** For an expected "possible": the facts whose absence leaves it undecided (profile field names). */
    missing: z.record(z.string(), z.array(z.string())).optional(),
  })
  .strict();
export type MatchCase = z.infer<typeof MatchCaseSchema>;

/**
 * A decision of the frozen hold-out set that the engine's maintainers dispute, from the source text
 * (evals/datasets/match-holdout-disputed.json). The dataset is never edited; the headline accuracy
 * counts every decision, and the disputed ones are only left out of a second figure.
 */
export const DisputeSchema = z
  .object({
    case: z.string(),
    benefit: z.string(),
    /** `decision`: the expected decision is disputed; `missing`: only the author's list of missing facts. */
    kind: z.enum(["decision", "missing"]),
    /** The dataset's expected decision, repeated so a dispute cannot drift from the frozen file. */
    expected: DecisionSchema,
    /** The decision the maintainers hold the source supports. */
    ours: DecisionSchema,
    /** The cluster in the Adjudication section of the dataset's notes. */
    cluster: z.string(),
    reason: z.string().min(1),
    /**
     * The blind third adjudication's judgment of this decision (match-holdout-third-adjudication.json):
     * `maintainers` sided with `ours`; `undecided`, the clauses do not settle it and the "possible"
     * reading asks the missing fact; `neither`, the clauses give a decision neither side gave.
     */
    thirdAdjudication: z
      .object({ record: z.string(), side: z.enum(["maintainers", "undecided", "neither"]), reason: z.string().min(1) })
      .strict()
      .optional(),
  })
  .strict();
export type Dispute = z.infer<typeof DisputeSchema>;
export const DisputedFileSchema = z
  .object({
    about: z.string(),
    clusters: z.record(
      z.string(),
      z
        .object({ authorReading: z.string(), ourReading: z.string(), sourceClause: z.string(), why: z.string() })
        .strict(),
    ),
    disputes: z.array(DisputeSchema),
  })
  .strict();

interface SystemScore {
  decisions: number;
  correct: number;
  accuracy: number;
  falseEligible: { caseId: string; benefitId: string }[];
  possibleWithoutMissingFact: number;
  /** Expected "possible" decisions that came out "possible" and named every fact the author listed. */
  possibleNamingExpected: { checked: number; named: number };
}

export interface MatchEvalReport {
  dataset: string;
  cases: number;
  banshi: SystemScore;
  baseline: SystemScore;
  /** With a disputed file: Banshi scored without the disputed decisions (the headline stays `banshi`). */
  undisputed?: { disputedDecisions: number; disputedMissing: number; banshi: SystemScore; stale: string[] };
  markdown: string;
}

/** Bigrams of a text's Han characters and letters. */
const bigrams = (text: string) => {
  const characters = [...text.replace(/[^\p{Script=Han}a-z0-9]/giu, "")];
  return new Set(characters.slice(1).map((character, index) => `${characters[index]}${character}`));
};

/** Eligible when the description shares at least two bigrams with the benefit's name, aliases and category. */
function keywordDecision(benefit: Benefit, description: string): MatchDecision {
  const words = bigrams([benefit.name, ...benefit.aliases, benefit.category].join(" "));
  const shared = [...bigrams(description)].filter((pair) => words.has(pair)).length;
  return shared >= 2 ? "eligible" : "ineligible";
}

// A date field of a profile stands for the fact the engine derives from it.
// retirementCategory is no fact either: it only serves to work out reachedRetirementAge.
const FACT_OF_FIELD: Record<string, string> = {
  birthDate: "age",
  youngestChildBirthDate: "youngestChildAge",
  registrationDate: "yearsSinceRegistration",
  retirementCategory: "reachedRetirementAge",
};

const disputeKey = (caseId: string, benefitId: string) => `${caseId}\u0000${benefitId}`;

/** `skip`: decisions (case, benefit) left out of this score, e.g. those in dispute. */
function score(
  cases: MatchCase[],
  decide: (item: MatchCase) => Map<string, { decision: MatchDecision; missing: readonly string[] }>,
  skip: { decisions: ReadonlySet<string>; missing: ReadonlySet<string> } = { decisions: new Set(), missing: new Set() },
): SystemScore {
  const result: SystemScore = {
    decisions: 0,
    correct: 0,
    accuracy: 0,
    falseEligible: [],
    possibleWithoutMissingFact: 0,
    possibleNamingExpected: { checked: 0, named: 0 },
  };
  for (const item of cases) {
    const decided = decide(item);
    for (const [benefitId, expected] of Object.entries(item.expected)) {
      const key = disputeKey(item.id, benefitId);
      if (skip.decisions.has(key)) continue;
      const got = decided.get(benefitId);
      result.decisions += 1;
      if (got?.decision === expected) result.correct += 1;
      if (got?.decision === "eligible" && expected === "ineligible")
        result.falseEligible.push({ caseId: item.id, benefitId });
      if (got?.decision === "possible" && got.missing.length === 0) result.possibleWithoutMissingFact += 1;
      const listed = item.missing?.[benefitId];
      if (expected === "possible" && listed && got?.decision === "possible" && !skip.missing.has(key)) {
        result.possibleNamingExpected.checked += 1;
        if (listed.every((fact) => got.missing.includes(FACT_OF_FIELD[fact] ?? fact)))
          result.possibleNamingExpected.named += 1;
      }
    }
  }
  result.accuracy = result.decisions === 0 ? 0 : Number((result.correct / result.decisions).toFixed(3));
  return result;
}

/** Every decision that differs from the expected one, as report lines. */
function decisionsWrong(
  cases: readonly MatchCase[],
  decide: (item: MatchCase) => Map<string, { decision: MatchDecision }>,
  disputes: ReadonlyMap<string, Dispute>,
): string[] {
  return cases.flatMap((item) => {
    const decided = decide(item);
    return Object.entries(item.expected)
      .filter(([benefitId, expected]) => decided.get(benefitId)?.decision !== expected)
      .map(([benefitId, expected]) => {
        const dispute = disputes.get(disputeKey(item.id, benefitId));
        const note = dispute?.kind === "decision" ? ` (disputed: ${dispute.cluster})` : "";
        return `- ${item.id}: ${benefitId} ${expected} → ${decided.get(benefitId)?.decision}${note}`;
      });
  });
}

/** Reads the disputes and checks each against the frozen dataset: same case, benefit and expected decision. */
async function loadDisputes(file: string, cases: readonly MatchCase[]): Promise<Map<string, Dispute>> {
  const parsed = DisputedFileSchema.parse(JSON.parse(await readFile(file, "utf8")));
  const byId = new Map(cases.map((item) => [item.id, item]));
  const disputes = new Map<string, Dispute>();
  for (const dispute of parsed.disputes) {
    const expected = byId.get(dispute.case)?.expected[dispute.benefit];
    if (expected !== dispute.expected)
      throw new Error(
        `${path.basename(file)}: ${dispute.case}/${dispute.benefit} says expected ${dispute.expected}, the dataset ${expected}`,
      );
    if (!parsed.clusters[dispute.cluster])
      throw new Error(
        `${path.basename(file)}: ${dispute.case}/${dispute.benefit}: unknown cluster '${dispute.cluster}'`,
      );
    const key = disputeKey(dispute.case, dispute.benefit);
    if (disputes.has(key)) throw new Error(`${path.basename(file)}: ${dispute.case}/${dispute.benefit} listed twice`);
    disputes.set(key, dispute);
  }
  return disputes;
}

export async function runMatchEval(options: {
  knowledgeDir: string;
  datasetFile: string;
  reportDir?: string;
  reportName?: string;
  /** Decisions the maintainers dispute (DisputedFileSchema): scored again without them, after the headline. */
  disputedFile?: string;
}): Promise<MatchEvalReport> {
  const catalog = await loadCatalog({ directory: options.knowledgeDir });
  const benefits = await loadBenefits({ directory: options.knowledgeDir, catalog });
  const cases = await loadJsonl(options.datasetFile, MatchCaseSchema);
  for (const item of cases)
    for (const benefitId of Object.keys(item.expected))
      if (!benefits.has(benefitId)) throw new Error(`${item.id}: unknown benefit '${benefitId}'`);

  const banshiDecided = (item: MatchCase) => {
    const outcome = matchProfile({ benefits: benefits.values(), profile: item.profile, asOf: item.asOf });
    if (outcome.status !== "matched") throw new Error(`${item.id}: ${outcome.problems.join("; ")}`);
    return new Map(
      outcome.result.matches.map((match) => [
        match.benefitId,
        { decision: match.decision, missing: match.missingFacts.map((fact) => fact.fact) },
      ]),
    );
  };
  const disputes = options.disputedFile ? await loadDisputes(options.disputedFile, cases) : new Map<string, Dispute>();
  const banshi = score(cases, banshiDecided);
  const ofKind = (kind: Dispute["kind"]) =>
    new Set([...disputes].filter(([, dispute]) => dispute.kind === kind).map(([key]) => key));
  const undisputed = options.disputedFile
    ? score(cases, banshiDecided, { decisions: ofKind("decision"), missing: ofKind("missing") })
    : undefined;
  // A dispute states what the maintainers hold the source supports; one the engine no longer gives is listed.
  const stale = cases.flatMap((item) => {
    const decided = banshiDecided(item);
    return Object.keys(item.expected).flatMap((benefitId) => {
      const dispute = disputes.get(disputeKey(item.id, benefitId));
      const got = decided.get(benefitId)?.decision;
      return dispute && got !== dispute.ours
        ? [`- ${item.id}: ${benefitId} disputed as ${dispute.ours}, Banshi ${got}`]
        : [];
    });
  });
  const baseline = score(
    cases,
    (item) =>
      new Map(
        [...benefits.values()].map((benefit) => [
          benefit.id,
          { decision: keywordDecision(benefit, item.description), missing: [] },
        ]),
      ),
  );
  const row = (name: string, system: SystemScore) =>
    `| ${name} | ${system.accuracy.toFixed(3)} | ${system.correct}/${system.decisions} | ${system.falseEligible.length} | ${system.possibleWithoutMissingFact} | ${system.possibleNamingExpected.named}/${system.possibleNamingExpected.checked} |`;
  const wrong = decisionsWrong(cases, banshiDecided, disputes);
  const disputedDecisions = ofKind("decision").size;
  const disputedMissing = ofKind("missing").size;
  const markdown = [
    `# Policy matching: ${path.basename(options.datasetFile)}`,
    "",
    `${cases.length} profiles, ${banshi.decisions} expected decisions (eligible / possible / ineligible).`,
    "",
    "| system | decision accuracy | correct | false eligible | possible without a missing fact | possible naming the author's missing facts |",
    "|---|---|---|---|---|---|",
    row("Banshi (condition engine)", banshi),
    row("baseline (keyword overlap with the description)", baseline),
    "",
    ...(undisputed && options.disputedFile
      ? [
          `Not in dispute: the engine's maintainers dispute ${disputedDecisions} expected decisions and ${disputedMissing} lists of missing facts, each with its reason, in ${path.basename(options.disputedFile)} (the Adjudication section of the dataset's notes gives each cluster). The figures above count every decision; without the disputed ones:`,
          "",
          "| system | decision accuracy | correct | false eligible | possible without a missing fact | possible naming the author's missing facts |",
          "|---|---|---|---|---|---|",
          row("Banshi, decisions not in dispute", undisputed),
          "",
          ...(stale.length > 0 ? ["Disputes where Banshi no longer gives the disputed decision:", ...stale, ""] : []),
        ]
      : []),
    ...(banshi.falseEligible.length > 0
      ? ["Banshi false eligible:", ...banshi.falseEligible.map((item) => `- ${item.caseId}: ${item.benefitId}`), ""]
      : []),
    ...(wrong.length > 0
      ? ["Banshi decisions that differ from the expected ones (case: benefit expected → got):", ...wrong, ""]
      : []),
  ].join("\n");
  const report: MatchEvalReport = {
    dataset: path.basename(options.datasetFile),
    cases: cases.length,
    banshi,
    baseline,
    ...(undisputed ? { undisputed: { disputedDecisions, disputedMissing, banshi: undisputed, stale } } : {}),
    markdown,
  };
  if (options.reportDir) {
    const name = options.reportName ?? "match";
    await mkdir(options.reportDir, { recursive: true });
    const { markdown: _omit, ...json } = report;
    await writeFile(path.join(options.reportDir, `${name}.json`), `${JSON.stringify(json, null, 2)}\n`);
    await writeFile(path.join(options.reportDir, `${name}.md`), `${markdown}\n`);
  }
  return report;
}
