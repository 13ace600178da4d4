import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { deserialize, serialize } from "node:v8";
import path from "node:path";
import { loadCatalog } from "../../src/catalog/index.js";
import {
  createDefaultPrereviewPipeline,
  detectFileKind,
  type ExtractedFile,
  type IntakeFile,
  type PrereviewReport,
  resolveCaseRequirements,
} from "../../src/prereview/index.js";
import { generatePrereviewCases, type PrereviewCase } from "./generator/index.js";
import { createCachingOcrEngine } from "./caching-ocr-engine.js";
import { runKeywordBaseline } from "./keyword-baseline.js";
import {
  type CaseOutcome,
  type DefectScores,
  matchFindings,
  type ReportedFinding,
  scoreDefects,
  substringEditDistance,
} from "./score-prereview.js";

export interface PrereviewEvalOptions {
  knowledgeDir: string;
  reportDir?: string;
  /** Generator seed (default 20261122). */
  seed?: number;
  /** Generated cases (default 160). */
  count?: number;
  /** OCR workers (default: the pipeline's default for this machine). */
  ocrWorkers?: number;
  /** Directory caching OCR results by image hash, so reruns skip OCR already done (default: none). */
  ocrCacheDir?: string;
  /** Report file names without extension (default `prereview`). */
  reportName?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface PrereviewEvalReport {
  cases: number;
  pages: number;
  banshi: DefectScores & { fieldAccuracy: number; classificationAccuracy: number; secondsPerPage: number };
  baseline: DefectScores;
  /** Character error rate of OCR on printed values (names, numbers, codes) of readable documents. */
  ocrCharacterErrorRate: number;
  failures: {
    caseId: string;
    description: string;
    verdict: string;
    expectedVerdict: string;
    missed: string[];
    extra: string[];
  }[];
  markdown: string;
}

/** Bump when OCR settings change, so a cache from older settings is not used. */
export const OCR_CACHE_VERSION = "tesseract-pool-v2";

/** Fields printed verbatim on the documents, used for the OCR character error rate. */
const VERBATIM_FIELDS = new Set([
  "name",
  "idNumber",
  "childName",
  "motherName",
  "fatherName",
  "motherIdNumber",
  "fatherIdNumber",
  "holderName",
  "husbandName",
  "wifeName",
  "husbandIdNumber",
  "wifeIdNumber",
  "companyName",
  "creditCode",
  "legalRepresentative",
  "cardNumber",
  "issuingAuthority",
  "householderName",
]);

/**
 * Runs every generated case through the real pipeline (real OCR) and scores the findings against
 * the planted defects, side by side with a keyword baseline over the same OCR text.
 */
export async function runPrereviewEval(options: PrereviewEvalOptions): Promise<PrereviewEvalReport> {
  const catalog = await loadCatalog({ directory: options.knowledgeDir });
  const seed = options.seed ?? 20261122;
  const count = options.count ?? 160;
  const cases = options.ocrCacheDir
    ? await cachedCases(options.ocrCacheDir, seed, count)
    : await generatePrereviewCases({ seed, count });
  const pipeline = createDefaultPrereviewPipeline({
    catalog,
    ocrWorkers: options.ocrWorkers,
    ...(options.ocrCacheDir
      ? { wrapOcr: (engine) => createCachingOcrEngine(engine, options.ocrCacheDir as string, OCR_CACHE_VERSION) }
      : {}),
  });
  const banshi: CaseOutcome[] = [];
  const baseline: CaseOutcome[] = [];
  const failures: PrereviewEvalReport["failures"] = [];
  let fieldsRight = 0;
  let fieldsTotal = 0;
  let typesRight = 0;
  let typesTotal = 0;
  let ocrEdits = 0;
  let ocrCharacters = 0;
  let pages = 0;
  let extractMilliseconds = 0;
  try {
    for (const [index, item] of cases.entries()) {
      const files = toIntake(item);
      let extracted: readonly ExtractedFile[] = [];
      const report = await pipeline.run({
        request: { bundleId: item.bundleId, matterId: item.matterId, scenario: item.scenario, form: item.form },
        files,
        observeExtracted: (observed) => {
          extracted = observed;
        },
      });
      pages += report.timings.pages;
      extractMilliseconds += report.timings.extractMilliseconds;
      const outcome = toOutcome(item, report.verdict, report.findings);
      banshi.push(outcome);
      const requirements = resolveCaseRequirements(catalog, {
        bundleId: item.bundleId,
        matterId: item.matterId,
        scenario: item.scenario,
        form: item.form,
      });
      const base = runKeywordBaseline({ materials: requirements.materials, files, extracted });
      baseline.push(toOutcome(item, base.verdict, base.findings));
      const scored = scoreFields(item, report, extracted);
      fieldsRight += scored.fieldsRight;
      fieldsTotal += scored.fieldsTotal;
      typesRight += scored.typesRight;
      typesTotal += scored.typesTotal;
      ocrEdits += scored.ocrEdits;
      ocrCharacters += scored.ocrCharacters;
      const single = scoreDefects([outcome]);
      if (outcome.verdict !== outcome.expectedVerdict || single.precision < 1 || single.recall < 1) {
        const { missed, extra } = matchFindings(outcome.expected, outcome.findings, outcome.tolerated);
        failures.push({
          caseId: item.id,
          description: item.description,
          verdict: outcome.verdict,
          expectedVerdict: outcome.expectedVerdict,
          missed: missed.map((defect) => `${defect.ruleId}@${defect.materialId ?? ""}`),
          extra: extra.map((finding) => `${finding.ruleId}@${finding.materialId ?? ""}`),
        });
      }
      options.onProgress?.(index + 1, cases.length);
    }
  } finally {
    await pipeline.close();
  }
  const result = {
    cases: cases.length,
    pages,
    banshi: {
      ...scoreDefects(banshi),
      fieldAccuracy: fieldsTotal ? fieldsRight / fieldsTotal : 0,
      classificationAccuracy: typesTotal ? typesRight / typesTotal : 0,
      secondsPerPage: pages ? extractMilliseconds / 1000 / pages : 0,
    },
    baseline: scoreDefects(baseline),
    ocrCharacterErrorRate: ocrCharacters ? ocrEdits / ocrCharacters : 0,
    failures,
  };
  const report: PrereviewEvalReport = {
    ...result,
    markdown: renderMarkdown(result, seed, Boolean(options.ocrCacheDir)),
  };
  if (options.reportDir) {
    const name = options.reportName ?? "prereview";
    await mkdir(options.reportDir, { recursive: true });
    const { markdown, ...json } = report;
    await writeFile(path.join(options.reportDir, `${name}.json`), `${JSON.stringify({ seed, ...json }, null, 2)}\n`);
    await writeFile(path.join(options.reportDir, `${name}.md`), markdown);
  }
  return report;
}

/**
 * Generated cases kept beside the OCR cache (rendering 160 cases takes minutes), keyed by seed,
 * count and the generator's source, so a changed generator renders afresh.
 */
export async function cachedCases(directory: string, seed: number, count: number): Promise<PrereviewCase[]> {
  const generatorDir = path.join(import.meta.dirname, "generator");
  const hash = createHash("sha256");
  for (const name of (await readdir(generatorDir)).sort())
    if (name.endsWith(".ts")) hash.update(name).update(await readFile(path.join(generatorDir, name)));
  const file = path.join(directory, `cases-${seed}-${count}-${hash.digest("hex").slice(0, 16)}.bin`);
  try {
    return deserialize(await readFile(file)) as PrereviewCase[];
  } catch {
    const cases = await generatePrereviewCases({ seed, count });
    await mkdir(directory, { recursive: true });
    await writeFile(`${file}.tmp`, serialize(cases));
    await rename(`${file}.tmp`, file);
    return cases;
  }
}

export function toIntake(item: PrereviewCase): IntakeFile[] {
  return item.files.map((file, index) => ({
    fileId: `f${index + 1}`,
    originalName: file.name,
    ...(file.materialId ? { declaredMaterialId: file.materialId } : {}),
    kind: detectFileKind(file.bytes),
    claimedMimeType: file.mimeType,
    bytes: file.bytes,
  }));
}

function toOutcome(item: PrereviewCase, verdict: string, findings: readonly ReportedFinding[]): CaseOutcome {
  return {
    caseId: item.id,
    expectedVerdict: item.expected.verdict,
    verdict,
    expected: item.expected.defects,
    tolerated: item.expected.tolerated,
    findings: findings.map((finding) => ({
      ruleId: finding.ruleId,
      severity: finding.severity,
      ...(finding.materialId ? { materialId: finding.materialId } : {}),
    })),
  };
}

/** Classification and field accuracy against the generator's truth, and OCR errors on printed values. */
function scoreFields(item: PrereviewCase, report: PrereviewReport, extracted: readonly ExtractedFile[]) {
  let fieldsRight = 0;
  let fieldsTotal = 0;
  let typesRight = 0;
  let typesTotal = 0;
  let ocrEdits = 0;
  let ocrCharacters = 0;
  item.files.forEach((file, fileIndex) => {
    const fileId = `f${fileIndex + 1}`;
    if (file.unreadable) return;
    // Documents and truths pair up by type and side (one image may hold both sides of a card),
    // else by position.
    const fileDocuments = report.documents.filter((candidate) => candidate.fileId === fileId);
    const used = new Set<number>();
    const fileText = extracted
      .find((candidate) => candidate.fileId === fileId)
      ?.pages.flatMap((page) => page.lines.map((line) => line.text.replace(/\s+/g, "")))
      .join("\n");
    file.truth.forEach((truth, truthIndex) => {
      let position = fileDocuments.findIndex(
        (candidate, index) =>
          !used.has(index) && candidate.documentType === truth.documentType && candidate.side === truth.side,
      );
      if (position < 0 && !used.has(truthIndex) && truthIndex < fileDocuments.length) position = truthIndex;
      if (position >= 0) used.add(position);
      const document = position >= 0 ? fileDocuments[position] : undefined;
      typesTotal++;
      if (document?.documentType === truth.documentType && document.side === truth.side) typesRight++;
      for (const [name, value] of Object.entries(truth.fields)) {
        fieldsTotal++;
        if (document?.fields.find((field) => field.name === name)?.value === value) fieldsRight++;
      }
      if (fileText === undefined) return;
      for (const [name, value] of Object.entries(truth.fields)) {
        if (!VERBATIM_FIELDS.has(name) || !value) continue;
        const printed = value.replace(/\s+/g, "");
        ocrEdits += Math.min(printed.length, substringEditDistance(printed, fileText));
        ocrCharacters += printed.length;
      }
    });
  });
  return { fieldsRight, fieldsTotal, typesRight, typesTotal, ocrEdits, ocrCharacters };
}

const percent = (value: number) => value.toFixed(3);

/** A score with the counts behind it, so rounding cannot hide a miss (0.9496 shows as 0.950). */
function withCounts(scores: DefectScores, figure: "precision" | "recall"): string {
  const sum = (key: "truePositives" | "falsePositives" | "falseNegatives") =>
    scores.perRule.reduce((total, rule) => total + rule[key], 0);
  const found = sum("truePositives");
  const total = found + sum(figure === "precision" ? "falsePositives" : "falseNegatives");
  return `${percent(scores[figure])} (${found}/${total})`;
}

function renderMarkdown(report: Omit<PrereviewEvalReport, "markdown">, seed: number, ocrCached: boolean): string {
  const { banshi, baseline } = report;
  const ruleIds = [...new Set([...banshi.perRule, ...baseline.perRule].map((rule) => rule.ruleId))].sort();
  const cell = (scores: DefectScores, ruleId: string) => {
    const rule = scores.perRule.find((item) => item.ruleId === ruleId);
    return rule
      ? `${percent(rule.precision)} / ${percent(rule.recall)} (${rule.truePositives}/${rule.falsePositives}/${rule.falseNegatives})`
      : "–";
  };
  return [
    `# Pre-review evaluation: ${report.cases} generated cases (seed ${seed}), ${report.pages} pages`,
    "",
    "| figure | Banshi | baseline (OCR text + keywords) |",
    "|---|---|---|",
    `| defect precision (true / all findings) | ${withCounts(banshi, "precision")} | ${withCounts(baseline, "precision")} |`,
    `| defect recall (found / planted) | ${withCounts(banshi, "recall")} | ${withCounts(baseline, "recall")} |`,
    `| verdict accuracy | ${percent(banshi.verdictAccuracy)} | ${percent(baseline.verdictAccuracy)} |`,
    `| document type accuracy | ${percent(banshi.classificationAccuracy)} | – |`,
    `| field accuracy | ${percent(banshi.fieldAccuracy)} | – |`,
    `| OCR character error rate (printed names, numbers, codes) | ${percent(report.ocrCharacterErrorRate)} | same OCR |`,
    ocrCached
      ? "| seconds per page (text extraction and OCR) | not measured: OCR results came from `--ocr-cache` | same OCR |"
      : `| seconds per page (text extraction and OCR) | ${banshi.secondsPerPage.toFixed(2)} | same OCR |`,
    "",
    "Per rule: precision / recall (true positives / false positives / false negatives).",
    "",
    "| rule | Banshi | baseline |",
    "|---|---|---|",
    ...ruleIds.map((ruleId) => `| ${ruleId} | ${cell(banshi, ruleId)} | ${cell(baseline, ruleId)} |`),
    "",
    `Cases with a wrong verdict or an unmatched finding: ${report.failures.length}.`,
    ...report.failures
      .slice(0, 40)
      .map(
        (failure) =>
          `- ${failure.caseId} (${failure.description}): verdict ${failure.verdict} (expected ${failure.expectedVerdict})${failure.missed.length ? `; missed ${failure.missed.join(", ")}` : ""}${failure.extra.length ? `; extra ${failure.extra.join(", ")}` : ""}`,
      ),
    "",
  ].join("\n");
}
