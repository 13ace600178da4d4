import type { Catalog } from "../catalog/index.js";
import { AppError } from "../errors.js";
import { confirmDisputedReadings } from "./confirm-disputed-readings.js";
import { mapWithConcurrency, renderPageImage } from "./extract/index.js";
import { defaultPrereviewLimits } from "./intake/index.js";
import type { PrereviewPipeline, PrereviewPipelineInput } from "./pipeline.js";
import { prefillFromReport } from "./prefill/prefill-from-report.js";
import { attachReviewPoints } from "./review-points.js";
import { resolveCaseRequirements } from "./rules/case-requirements.js";
import { reviewCase } from "./rules/review-case.js";
import { ruleTraits } from "./rules/rule-registry.js";
import type { ExtractedFile, PrereviewReport, PrereviewRequest, RecognisedDocument, TextExtractor } from "./types.js";

/**
 * A catalog brought up to date before each run: a worker process follows the versions the API nodes
 * record (`followCatalogVersions`). `refresh` never rejects.
 */
export interface RefreshableCatalog {
  current(): Catalog;
  refresh(): Promise<void>;
}

/**
 * The catalog a pipeline reviews against: fixed, a function giving the one serving now (a
 * knowledge reload swaps it), or one refreshed before each run. It is read once per submission check
 * and once when a run starts, so new cases use the current catalog and a running case finishes on the
 * one it started with.
 */
export type CatalogSource = Catalog | (() => Catalog) | RefreshableCatalog;

const isRefreshable = (source: CatalogSource): source is RefreshableCatalog =>
  "refresh" in source && typeof source.refresh === "function";

export interface CreatePrereviewPipelineOptions {
  catalog: CatalogSource;
  /** Reads each file's text (text layer or OCR). Closed by the pipeline's `close`. */
  extractor: TextExtractor;
  /** Classifies the pages of a file and reads their fields. */
  readDocuments: (file: ExtractedFile) => RecognisedDocument[];
  /** Files read at once within a case (default 2: the OCR pool decides the real parallelism). */
  fileConcurrency?: number;
  /**
   * Wall time for reading all files of a case, second readings included (default 600 000 ms, the
   * intake limit `caseTimeLimitMs`). Files not read by then end as `time_limit` findings; the
   * rules still run on what was read.
   */
  caseTimeLimitMs?: number;
}

export const PREREVIEW_DISCLAIMER = "预审结果仅为辅助建议，是否受理由窗口工作人员审核决定。";

/** The pre-review pipeline: extract → recognise → one rule engine → report. */
export function createPrereviewPipeline(options: CreatePrereviewPipelineOptions): PrereviewPipeline {
  const { extractor } = options;
  const source = options.catalog;
  const currentCatalog =
    typeof source === "function" ? source : isRefreshable(source) ? () => source.current() : () => source;
  const refreshCatalog = typeof source !== "function" && isRefreshable(source) ? () => source.refresh() : undefined;
  const fileConcurrency = options.fileConcurrency ?? 2;
  const caseTimeLimitMs = options.caseTimeLimitMs ?? defaultPrereviewLimits.caseTimeLimitMs;

  function validateRequest(request: PrereviewRequest): void {
    const catalog = currentCatalog();
    // Throws not_found for an unknown bundle or matter.
    resolveCaseRequirements(catalog, request);
    if (request.bundleId) {
      const bundle = catalog.bundles.get(request.bundleId);
      for (const [scenarioId, value] of Object.entries(request.scenario)) {
        const scenario = bundle?.scenarios.find((item) => item.id === scenarioId);
        if (!scenario) throw new AppError("bad_request", `情形“${scenarioId}”不是该“一件事”的情形问题。`);
        if (!scenario.options.some((option) => option.value === value))
          throw new AppError(
            "bad_request",
            `情形“${scenario.question}”的回答“${value}”无效，可选：${scenario.options.map((option) => option.value).join("、")}。`,
          );
      }
    } else if (Object.keys(request.scenario).length > 0)
      throw new AppError("bad_request", "单个事项没有情形问题，请不要提交 scenario。");
  }

  async function run(input: PrereviewPipelineInput): Promise<PrereviewReport> {
    await refreshCatalog?.();
    const catalog = currentCatalog();
    const started = performance.now();
    const now = input.now ?? new Date();
    const deadline = Date.now() + caseTimeLimitMs;
    const extracted = await mapWithConcurrency(input.files, fileConcurrency, (file) =>
      extractor.extract(file, { deadline }),
    );
    const extractMilliseconds = performance.now() - started;
    input.observeExtracted?.(extracted);
    let documents = extracted.flatMap((file) => (file.problem ? [] : options.readDocuments(file)));
    const review = () =>
      reviewCase({ catalog, request: input.request, intake: input.files, extracted, documents, now });
    let result = review();
    const reread = extractor.reread?.bind(extractor);
    if (reread && Date.now() < deadline) {
      const confirmed = await confirmDisputedReadings({
        findings: result.findings,
        documents,
        extracted,
        files: input.files,
        form: input.request.form,
        reread: (file, request) => reread(file, request, { deadline }),
      });
      if (confirmed.rereads > 0) {
        documents = confirmed.documents;
        result = review();
      }
    }
    const annotated = attachReviewPoints({
      catalog,
      request: input.request,
      materials: result.materials,
      findings: result.findings,
    });
    const report: PrereviewReport = {
      verdict: result.verdict,
      title: result.title,
      referenceDate: result.referenceDate,
      summary: result.summary,
      ...(input.request.bundleId ? { bundleId: input.request.bundleId } : {}),
      ...(input.request.matterId ? { matterId: input.request.matterId } : {}),
      materials: annotated.materials,
      documents: result.documents,
      files: input.files.map((file, index) => ({
        fileId: file.fileId,
        originalName: file.originalName,
        ...(extracted[index]?.kind ? { kind: extracted[index]?.kind } : {}),
        pageCount: extracted[index]?.pageCount ?? 0,
        ...(extracted[index]?.problem ? { problem: extracted[index]?.problem } : {}),
      })),
      // Each finding names its rule in Chinese for the clerk; the code stays in ruleId.
      findings: annotated.findings.map((finding) => ({ ...finding, ruleLabel: ruleTraits(finding.ruleId).label })),
      timings: {
        totalMilliseconds: Math.round(performance.now() - started),
        extractMilliseconds: Math.round(extractMilliseconds),
        pages: extracted.reduce((sum, file) => sum + file.pages.length, 0),
      },
      disclaimer: PREREVIEW_DISCLAIMER,
    };
    // Once, as the case finishes: the report and its prefill are read, authorised and kept together.
    const prefill = prefillFromReport({ catalog, report, scenario: input.request.scenario, typed: input.request.form });
    return { ...report, prefill };
  }

  return {
    run,
    validateRequest,
    renderPage: (bytes, kind, page) =>
      extractor.renderPage ? extractor.renderPage(bytes, kind, page) : renderPageImage(bytes, kind, page),
    close: () => extractor.close(),
  };
}
