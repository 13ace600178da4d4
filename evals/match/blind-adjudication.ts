// Blind records for adjudicating the hold-out's disagreements: for each decision where the engine
// and the frozen label differ, the profile, the benefit's source view as the hold-out's author saw it
// (summary, amount, claim, dates, source text, quoted clauses and notes at the commit the set was
// written from) plus any clause quoted since, and the two decisions as "reading A" and "reading B"
// in an order fixed by a seeded shuffle. Nothing says which reading is whose, and no dispute reason
// is shown. `--unblind JUDGMENTS` reads the judgments written from the records and says, for each,
// whether it sided with the author or with the engine (the author's reading is the one whose
// decision is the frozen label).
//   npx tsx evals/match/blind-adjudication.ts --out evals/datasets/match-holdout-blind-records.json
//   npx tsx evals/match/blind-adjudication.ts --unblind evals/datasets/match-holdout-third-adjudication.json
import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { matchProfile } from "../../src/benefits/index.js";
import { type Condition, FactNameSchema, factSpec, loadBenefits, loadCatalog } from "../../src/catalog/index.js";
import { loadJsonl } from "../load-jsonl.js";
import { createRandom } from "../prereview/generator/random.js";
import { MatchCaseSchema } from "./run-match-eval.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
/** The commit the hold-out was written and frozen at: its benefits are the source view the author saw. */
const AUTHOR_VIEW_COMMIT = "ee6fabf";
const SEED = 20261205;

// The author names profile fields; a date or category field stands for the fact derived from it.
const FACT_OF_FIELD: Record<string, string> = {
  birthDate: "age",
  youngestChildBirthDate: "youngestChildAge",
  registrationDate: "yearsSinceRegistration",
  retirementCategory: "reachedRetirementAge",
};
const labelOf = (name: string) => {
  const fact = FactNameSchema.safeParse(FACT_OF_FIELD[name] ?? name);
  return fact.success ? factSpec(fact.data).label : name;
};

/** Every `basis` (quoted clause) in a condition tree; the encoding's own wording (`says`) is left out. */
function clausesOf(condition: unknown): string[] {
  if (!condition || typeof condition !== "object") return [];
  const node = condition as Record<string, unknown>;
  if (Array.isArray(node.all)) return node.all.flatMap(clausesOf);
  if (Array.isArray(node.any)) return node.any.flatMap(clausesOf);
  if (node.not) return clausesOf(node.not);
  return typeof node.basis === "string" ? [node.basis] : [];
}

const fullYears = (from: string, to: string) => {
  const [fy, fm, fd] = from.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = to.split("-").map(Number) as [number, number, number];
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
};

const ReadingSchema = z.object({ decision: z.string(), missing: z.array(z.string()) }).strict();
const RecordSchema = z
  .object({
    record: z.string(),
    case: z.string(),
    benefit: z.string(),
    profile: z.record(z.string(), z.unknown()),
    sourceView: z.record(z.string(), z.unknown()),
    readings: z.object({ A: ReadingSchema, B: ReadingSchema }).strict(),
  })
  .strict();

async function writeRecords(out: string) {
  const knowledgeDir = path.join(ROOT, "knowledge");
  const catalog = await loadCatalog({ directory: knowledgeDir });
  const benefits = await loadBenefits({ directory: knowledgeDir, catalog });
  const cases = await loadJsonl(path.join(ROOT, "evals/datasets/match-holdout.jsonl"), MatchCaseSchema);
  const random = createRandom(SEED);
  const records: z.infer<typeof RecordSchema>[] = [];
  for (const item of cases) {
    const outcome = matchProfile({ benefits: benefits.values(), profile: item.profile, asOf: item.asOf });
    if (outcome.status !== "matched") throw new Error(`${item.id}: ${outcome.problems.join("; ")}`);
    for (const [benefitId, expected] of Object.entries(item.expected)) {
      const got = outcome.result.matches.find((match) => match.benefitId === benefitId);
      if (!got || got.decision === expected) continue;
      const then = parseYaml(
        execFileSync("git", ["show", `${AUTHOR_VIEW_COMMIT}:knowledge/benefits/${benefitId}.yaml`], {
          cwd: ROOT,
          encoding: "utf8",
        }),
      ) as Record<string, unknown>;
      const now = benefits.get(benefitId);
      const quotedThen = [...new Set(clausesOf(then.conditions))];
      const quotedSince = [...new Set(clausesOf(now?.conditions as Condition))].filter(
        (clause) => !quotedThen.includes(clause),
      );
      const author = {
        decision: expected,
        missing: (item.missing?.[benefitId] ?? []).map(labelOf),
      };
      const engine = { decision: got.decision, missing: got.missingFacts.map((fact) => labelOf(fact.fact)) };
      const engineFirst = random.chance(0.5);
      records.push({
        record: "",
        case: item.id,
        benefit: benefitId,
        profile: {
          asOf: item.asOf,
          description: item.description,
          fields: item.profile,
          ...(item.profile.birthDate ? { ageOnAsOf: fullYears(item.profile.birthDate, item.asOf) } : {}),
        },
        sourceView: {
          name: then.name,
          document: then.document,
          summary: then.summary,
          amount: then.amount,
          claim: then.claim,
          effective: then.effective,
          sourceText: then.sourceText,
          quotedClauses: quotedThen,
          notes: then.notes ?? [],
          sources: then.sources,
          clausesQuotedSince: quotedSince,
        },
        readings: engineFirst ? { A: engine, B: author } : { A: author, B: engine },
      });
    }
  }
  records.forEach((record, index) => {
    record.record = `R${String(index + 1).padStart(2, "0")}`;
  });
  await writeFile(out, `${JSON.stringify({ seed: SEED, authorViewCommit: AUTHOR_VIEW_COMMIT, records }, null, 2)}\n`);
  console.log(`${records.length} blind records written to ${path.relative(ROOT, out)}`);
}

const JudgmentSchema = z
  .object({
    record: z.string(),
    verdict: z.enum(["A", "B", "undecided", "neither"]),
    /** Undecided: the reading that says "possible" naming the missing fact; neither: the decision the clauses give. */
    supports: z.string().optional(),
    reason: z.string().min(1),
  })
  .passthrough();

async function unblind(judgmentsFile: string, recordsFile: string) {
  const { records } = z
    .object({ records: z.array(RecordSchema) })
    .passthrough()
    .parse(JSON.parse(await readFile(recordsFile, "utf8")));
  const judgments = z
    .object({ judgments: z.array(JudgmentSchema) })
    .passthrough()
    .parse(JSON.parse(await readFile(judgmentsFile, "utf8"))).judgments;
  const cases = new Map(
    (await loadJsonl(path.join(ROOT, "evals/datasets/match-holdout.jsonl"), MatchCaseSchema)).map((item) => [
      item.id,
      item,
    ]),
  );
  const counts = { author: 0, engine: 0, undecided: 0, neither: 0 };
  for (const judgment of judgments) {
    const record = records.find((candidate) => candidate.record === judgment.record);
    if (!record) throw new Error(`no record ${judgment.record}`);
    const expected = cases.get(record.case)?.expected[record.benefit];
    const authorSide = record.readings.A.decision === expected ? "A" : "B";
    const chosen = judgment.verdict === "undecided" ? judgment.supports : judgment.verdict;
    const side =
      judgment.verdict === "A" || judgment.verdict === "B"
        ? judgment.verdict === authorSide
          ? "author"
          : "engine"
        : judgment.verdict;
    counts[side] += 1;
    const supported = chosen === "A" || chosen === "B" ? (chosen === authorSide ? "author" : "engine") : chosen;
    console.log(
      `${record.record} ${record.case} ${record.benefit}: ${judgment.verdict} → ${side} (supports ${supported})`,
    );
  }
  console.log(
    `sided with the author ${counts.author}, with the engine ${counts.engine}, undecided ${counts.undecided}, neither ${counts.neither}`,
  );
}

const { values } = parseArgs({
  options: {
    out: { type: "string" },
    unblind: { type: "string" },
    records: { type: "string", default: path.join(ROOT, "evals/datasets/match-holdout-blind-records.json") },
  },
});
if (values.unblind) await unblind(values.unblind, values.records);
else await writeRecords(values.out ?? values.records);
