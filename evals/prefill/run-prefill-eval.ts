import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadCatalog } from "../../src/catalog/index.js";
import {
  createDefaultPrereviewPipeline,
  type ExtractedFile,
  prefillFromReport,
  resolveCaseRequirements,
} from "../../src/prereview/index.js";
import { createCachingOcrEngine } from "../prereview/caching-ocr-engine.js";
import { generatePrereviewCases } from "../prereview/generator/index.js";
import { cachedCases, OCR_CACHE_VERSION, toIntake } from "../prereview/run-prereview-eval.js";
import { firstLabelBaseline } from "./first-label-baseline.js";
import { prefillTruth } from "./prefill-truth.js";
import { addTally, emptyTally, type FieldAnswer, type PrefillTally, rates, tallyField } from "./score-prefill.js";

export interface PrefillEvalOptions {
  knowledgeDir: string;
  reportDir?: string;
  /** Generator seed (default 20261122, the pre-review eval's). */
  seed?: number;
  /** Generated cases (default 60). */
  count?: number;
  /** Directory caching OCR results (and the rendered cases) across runs (default: none). */
  ocrCacheDir?: string;
  onProgress?: (done: number, total: number) => void;
}

type System = "banshi" | "baseline";
type Tallies = Record<System, PrefillTally>;
const emptyTallies = (): Tallies => ({ banshi: emptyTally(), baseline: emptyTally() });

export interface PrefillEvalReport {
  seed: number;
  cases: number;
  total: Tallies;
  perField: Record<string, Tallies>;
  perOrigin: Record<string, Tallies>;
  /** Banshi's wrong fills, wrong values offered for checking, false conflicts and conflicts not surfaced. */
  misses: {
    caseId: string;
    field: string;
    outcome: string;
    expected?: string;
    got?: string;
    status: string;
    /** For a conflict: the values the sources gave. */
    candidates?: string[];
  }[];
  /** Banshi's outcome and confidence on every scored field (to see where confidence separates right from wrong). */
  outcomes: { caseId: string; field: string; outcome: string; confidence: number }[];
  markdown: string;
}

/**
 * Runs the generated pre-review cases through the real pipeline (real OCR), prefills each case's
 * form from what was read (documents and scenario answers only: no typed values, no portal
 * profile), and scores it against the generator's truth beside a baseline that copies the first OCR
 * value after each label.
 */
export async function runPrefillEval(options: PrefillEvalOptions): Promise<PrefillEvalReport> {
  const catalog = await loadCatalog({ directory: options.knowledgeDir });
  const seed = options.seed ?? 20261122;
  const count = options.count ?? 60;
  const cases = options.ocrCacheDir
    ? await cachedCases(options.ocrCacheDir, seed, count)
    : await generatePrereviewCases({ seed, count });
  const pipeline = createDefaultPrereviewPipeline({
    catalog,
    ...(options.ocrCacheDir
      ? { wrapOcr: (engine) => createCachingOcrEngine(engine, options.ocrCacheDir as string, OCR_CACHE_VERSION) }
      : {}),
  });
  const total = emptyTallies();
  const perField: Record<string, Tallies> = {};
  const perOrigin: Record<string, Tallies> = {};
  const misses: PrefillEvalReport["misses"] = [];
  const outcomes: PrefillEvalReport["outcomes"] = [];
  try {
    for (const [index, item] of cases.entries()) {
      let extracted: readonly ExtractedFile[] = [];
      const request = {
        bundleId: item.bundleId,
        matterId: item.matterId,
        scenario: item.scenario,
        form: { applicationDate: item.form.applicationDate ?? "" },
      };
      const report = await pipeline.run({
        request,
        files: toIntake(item),
        observeExtracted: (observed) => {
          extracted = observed;
        },
      });
      const prefill = prefillFromReport({ catalog, report, scenario: item.scenario });
      const requirements = resolveCaseRequirements(catalog, request);
      const baseline = firstLabelBaseline(requirements.formFields, extracted);
      for (const truth of prefillTruth(item, requirements, report.referenceDate)) {
        const field = prefill.fields.find((candidate) => candidate.name === truth.name);
        const answers: Record<System, FieldAnswer> = {
          banshi: { status: field?.status ?? "unfilled", value: field?.value },
          baseline: baseline.has(truth.name)
            ? { status: "filled", value: baseline.get(truth.name) }
            : { status: "unfilled" },
        };
        perField[truth.name] ??= emptyTallies();
        perOrigin[truth.origin] ??= emptyTallies();
        for (const system of ["banshi", "baseline"] as const) {
          const single = emptyTally();
          const outcome = tallyField(single, truth, answers[system], item.form[truth.name]);
          for (const tallies of [total, perField[truth.name], perOrigin[truth.origin]])
            addTally((tallies as Tallies)[system], single);
          if (system === "banshi" && (truth.fillable || truth.plantedConflict))
            outcomes.push({ caseId: item.id, field: truth.name, outcome, confidence: field?.confidence ?? 0 });
          const missed = truth.plantedConflict
            ? outcome !== "conflict"
            : outcome === "wrong" || outcome === "conflict" || outcome === "flagged_wrong";
          if (system === "banshi" && missed)
            misses.push({
              caseId: item.id,
              field: truth.name,
              outcome: truth.plantedConflict
                ? "conflict not surfaced"
                : outcome === "conflict"
                  ? "false conflict"
                  : outcome === "wrong"
                    ? "wrong fill"
                    : "wrong value offered for checking",
              expected: truth.expected,
              got: field?.value,
              status: field?.status ?? "unfilled",
              ...(field?.status === "conflict"
                ? {
                    candidates: field.candidates.map(
                      (candidate) =>
                        `${candidate.value} (${candidate.source.kind === "document" ? candidate.source.documentType : candidate.source.kind})`,
                    ),
                  }
                : {}),
            });
        }
      }
      options.onProgress?.(index + 1, cases.length);
    }
  } finally {
    await pipeline.close();
  }
  const result = { seed, cases: cases.length, total, perField, perOrigin, misses, outcomes };
  const report: PrefillEvalReport = { ...result, markdown: renderMarkdown(result, Boolean(options.ocrCacheDir)) };
  if (options.reportDir) {
    const name = seed === 20261122 ? "prefill" : `prefill-seed-${seed}`;
    await mkdir(options.reportDir, { recursive: true });
    await writeFile(path.join(options.reportDir, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
    await writeFile(path.join(options.reportDir, `${name}.md`), report.markdown);
  }
  return report;
}

const figure = (value: number) => value.toFixed(3);

function row(label: string, tallies: Tallies): string {
  const cells = (["banshi", "baseline"] as const).map((system) => {
    const tally = tallies[system];
    const { prefillRate, wrongFillRate } = rates(tally);
    return `${figure(prefillRate)} (${tally.correct}/${tally.fillable}) | ${figure(wrongFillRate)} (${tally.wrong})`;
  });
  const banshi = tallies.banshi;
  return `| ${label} | ${cells[0]} | ${banshi.flaggedRight} / ${banshi.flaggedWrong} | ${banshi.spuriousConflicts} | ${banshi.surfaced}/${banshi.planted} | ${cells[1]} | ${tallies.baseline.surfaced}/${tallies.baseline.planted} |`;
}

function renderMarkdown(report: Omit<PrefillEvalReport, "markdown">, ocrCached: boolean): string {
  const header = [
    "| | Banshi prefill rate | Banshi wrong-fill rate | Banshi offered for checking (right / wrong) | Banshi false conflicts | Banshi conflicts surfaced | baseline prefill rate | baseline wrong-fill rate | baseline conflicts surfaced |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  // Rows with nothing to score (applicationDate: no document states it) are left out.
  const sorted = (record: Record<string, Tallies>) =>
    Object.entries(record)
      .filter(([, tallies]) => tallies.banshi.fillable + tallies.banshi.planted > 0)
      .sort(([a], [b]) => a.localeCompare(b));
  const { banshi, baseline } = report.total;
  return [
    `# Prefill evaluation: ${report.cases} generated cases (seed ${report.seed})`,
    "",
    "Each case's application form prefilled from what the real pipeline (real OCR) read of its uploads and its scenario answers — no typed values, no portal profile — scored against the generator's truth. Baseline: the first OCR value after each form label (or the label without 申请人/经办人), copied.",
    "",
    "- prefill rate = fields filled with the true value / fields some readable uploaded document states one value for (or derivable from such values); a true value that fails its check (a planted wrong check character) counts only when offered as needing a check.",
    "- wrong-fill rate = fields filled as valid with another value (or with a true value that fails its check) / the same fillable fields.",
    "- offered for checking = values shown with a named problem (a failed check, or a reading below the confidence threshold) rather than filled: counted in neither rate, right and wrong shown apart.",
    "- conflicts surfaced = planted disagreements between documents (a mistyped name on the application form) shown as conflicts / planted.",
    `- fields no document states but a value was offered that differs from what the applicant meant: Banshi ${banshi.invented}, baseline ${baseline.invented}.`,
    ocrCached ? "- OCR results came from `--ocr-cache` (the same results a fresh run gives)." : "",
    "",
    ...header,
    row("**all fields**", report.total),
    "",
    "Per field:",
    "",
    ...header,
    ...sorted(report.perField).map(([name, tallies]) => row(name, tallies)),
    "",
    "Per document type the value comes from (`derived`: only derivable; `none`: no document states it):",
    "",
    ...header,
    ...sorted(report.perOrigin).map(([name, tallies]) => row(name, tallies)),
    "",
    `Banshi's wrong fills, wrong values offered for checking, false conflicts and conflicts not surfaced: ${report.misses.length}.`,
    ...report.misses
      .slice(0, 40)
      .map(
        (miss) =>
          `- ${miss.caseId} ${miss.field}: ${miss.outcome} (status ${miss.status}; expected ${miss.expected ?? "a conflict"}, got ${miss.got ?? "nothing"}${miss.candidates ? `; sources ${miss.candidates.join(" vs ")}` : ""})`,
      ),
    "",
  ].join("\n");
}
