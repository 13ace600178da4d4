import { randomUUID } from "node:crypto";
import {
  type AuditEvent,
  databaseReachable,
  type ListPrereviewCasesOptions,
  type ListPrereviewCasesResult,
  type PrereviewCase,
  type PrereviewCaseFile,
  type PrefillConfirmation,
  type PrereviewReview,
  type RecordReviewOptions,
  type Storage,
} from "../../storage/index.js";
import { maskPersonalData } from "../../mask-personal-data.js";
import type { CaseFileStore } from "../case-files/index.js";
import { resolvePrereviewLimits } from "../intake/index.js";
import type { CorrectionNotice, PrereviewPipeline } from "../pipeline.js";
import { renderFilePage } from "../render-file-page.js";
import { checkFieldValue } from "../prefill/check-field-value.js";
import type { PrefillSource, ValueProblem } from "../prefill/prefill-result.js";
import {
  type FileKind,
  FileKindSchema,
  type PageImageResult,
  type PrereviewReport,
  PrereviewReportSchema,
  type PrereviewRequest,
} from "../types.js";
import { caseSecretMatches, createCaseSecret, hashCaseSecret } from "./case-secret.js";

/** What the case service logs through; pino fits. Case data is masked before it gets here. */
export interface CaseServiceLogger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

/** A file that passed intake (the HTTP upload or a CLI produces it). */
export interface SubmittedFile {
  fileId: string;
  originalName: string;
  declaredMaterialId?: string;
  kind: FileKind;
  claimedMimeType?: string;
  bytes: Uint8Array;
  sha256: string;
}

export interface CaseUseCasesOptions {
  /** `validateRequest` before a case is stored, `renderPage` for the console. */
  pipeline: Pick<PrereviewPipeline, "validateRequest" | "renderPage">;
  storage: Pick<Storage, "prereviewCases" | "audit"> & { client?: Pick<Storage["client"], "query"> };
  fileStore: CaseFileStore;
  /** Hands a stored case to the job queue. */
  enqueue(caseId: string): Promise<void>;
  /** Whether the job queue takes jobs now (Redis reachable); default always. Checked before anything is stored. */
  queueReady?: () => boolean;
  /** Renders the correction notice of a report (`renderCorrectionNotice`). */
  renderNotice(report: PrereviewReport, options: { caseId: string; submittedAt: Date }): CorrectionNotice;
  /** Destroys a deleted case's data key (crypto-shredding); default: nothing to destroy. */
  destroyCaseKey?: (caseId: string) => Promise<void>;
  /** Size limits intake checks a page's file against before rendering it. */
  limits?: { maxFileBytes?: number; maxFiles?: number };
  logger?: CaseServiceLogger;
}

export type SubmitCaseResult =
  | { status: "submitted"; caseId: string; secret: string }
  /** The queue or the database cannot be reached: nothing was stored. */
  | { status: "unavailable"; dependency: "queue" | "database" };

export type RenderCasePageResult =
  | { status: "case_not_found" }
  | { status: "file_not_found" }
  /** The file was purged, or its kind is unknown. */
  | { status: "file_gone" }
  /** Intake or reading refused the file (its problem), or the page is beyond the file's pages. */
  | { status: "unreadable"; problem: string }
  | { status: "no_page" }
  | Extract<PageImageResult, { status: "ok" }>;

export type ConfirmPrefillResult =
  | { status: "not_found" }
  /** The case has no report (still queued, running, failed or deleted). */
  | { status: "no_report"; record: PrereviewCase }
  /** The report was made before reports carried their prefill. */
  | { status: "no_prefill" }
  | { status: "unknown_fields"; fields: string[] }
  /** Values that fail their field's check (an impossible date, a wrong ID check character): nothing recorded. */
  | { status: "invalid_values"; problems: { field: string; label: string; problem: ValueProblem }[] }
  | { status: "not_reviewable"; caseStatus: PrereviewCase["status"] }
  | { status: "recorded"; confirmations: PrefillConfirmation[] };

export type ReviewCaseResult =
  | { status: "not_found" }
  /** The case has no report to review (still queued, running, failed or deleted). */
  | { status: "no_report"; record: PrereviewCase }
  | { status: "unknown_findings"; findingIds: string[] }
  | { status: "not_reviewable"; caseStatus: PrereviewCase["status"] }
  | { status: "reviewed"; reviews: PrereviewReview[]; record?: PrereviewCase };

/** The case use cases that the HTTP routers, a worker and a CLI share; results are data, faults throw. */
export interface CaseUseCases {
  submit(input: { request: PrereviewRequest; files: readonly SubmittedFile[] }): Promise<SubmitCaseResult>;
  get(caseId: string): Promise<PrereviewCase | undefined>;
  /** The case when `secret` is its secret; undefined for a wrong secret or a missing case alike. */
  getWithSecret(caseId: string, secret: string): Promise<PrereviewCase | undefined>;
  /** What the poll shows; a clerk also gets the files and the prefill confirmations, and the view is audited. */
  details(
    caseId: string,
    viewer?: { clerk: string },
  ): Promise<{ reviews: PrereviewReview[]; files?: PrereviewCaseFile[]; prefillConfirmations?: PrefillConfirmation[] }>;
  list(options: ListPrereviewCasesOptions): Promise<ListPrereviewCasesResult>;
  /** The audit trail; undefined when the case never existed. */
  auditTrail(caseId: string): Promise<AuditEvent[] | undefined>;
  notice(record: PrereviewCase, report: PrereviewReport): CorrectionNotice;
  renderPage(input: { caseId: string; fileId: string; page: number }): Promise<RenderCasePageResult>;
  review(input: RecordReviewOptions): Promise<ReviewCaseResult>;
  /**
   * The clerk confirms or edits values of the case's prefilled form: each is recorded with the value
   * before (the prefilled one, or the clerk's last edit), the value now, the prefilled value's source
   * and the clerk, and audited. A value equal to the one before is a confirmation, else an edit.
   */
  confirmPrefill(input: {
    caseId: string;
    clerk: string;
    fields: readonly { name: string; value: string }[];
  }): Promise<ConfirmPrefillResult>;
  delete(input: { caseId: string; actor: string }): Promise<"deleted" | "not_found">;
}

/** A prefilled value's source as codes and ids (no document text, no box): what the audit keeps. */
function sourceCodes(source: PrefillSource): Record<string, string | number | string[]> {
  switch (source.kind) {
    case "document":
      return {
        kind: source.kind,
        documentType: source.documentType,
        documentId: source.documentId,
        field: source.field,
        fileId: source.evidence.fileId,
        ...(source.evidence.page ? { page: source.evidence.page } : {}),
        ...(source.materialId ? { materialId: source.materialId } : {}),
      };
    case "scenario":
      return { kind: source.kind, scenarioId: source.scenarioId };
    case "portal_profile":
      return { kind: source.kind, claim: source.claim };
    case "derived":
      return { kind: source.kind, rule: source.rule, from: source.from };
    case "applicant":
      return { kind: source.kind };
  }
}

/** The report of a finished case, or undefined. */
function storedReport(record: PrereviewCase): PrereviewReport | undefined {
  if (record.status !== "done" || !record.report) return undefined;
  const parsed = PrereviewReportSchema.safeParse(record.report);
  return parsed.success ? parsed.data : undefined;
}

export function createCaseUseCases(options: CaseUseCasesOptions): CaseUseCases {
  const { pipeline, storage, fileStore, logger } = options;
  const cases = storage.prereviewCases;
  const intakeLimits = resolvePrereviewLimits(options.limits ?? {});

  const storeCase = async (
    caseId: string,
    secret: string,
    request: PrereviewRequest,
    files: readonly SubmittedFile[],
  ) => {
    const keys = await Promise.all(
      files.map((file) => fileStore.put({ caseId, fileId: file.fileId, bytes: file.bytes })),
    );
    await cases.create({
      id: caseId,
      secretHash: hashCaseSecret(secret),
      bundleId: request.bundleId,
      matterId: request.matterId,
      scenario: request.scenario,
      form: request.form,
      files: files.map((file, index) => ({
        fileId: file.fileId,
        originalName: file.originalName,
        declaredMaterialId: file.declaredMaterialId,
        kind: file.kind,
        claimedMimeType: file.claimedMimeType,
        sizeBytes: file.bytes.length,
        sha256: file.sha256,
        storageKey: keys[index]?.storageKey ?? "",
      })),
      actor: "applicant",
      auditDetail: {
        totalBytes: files.reduce((sum, file) => sum + file.bytes.length, 0),
        kinds: files.map((file) => file.kind),
        declaredMaterials: files.filter((file) => file.declaredMaterialId).length,
      },
    });
  };

  return {
    async submit({ request, files }) {
      pipeline.validateRequest(request);
      // Checked first so a submission the queue cannot take stores nothing (its answer is "try later").
      if (options.queueReady && !options.queueReady()) return { status: "unavailable", dependency: "queue" };
      const caseId = randomUUID();
      const secret = createCaseSecret();
      try {
        await storeCase(caseId, secret, request, files);
      } catch (error) {
        await fileStore.deleteCase(caseId).catch(() => undefined);
        if (!(await databaseReachable(storage.client))) {
          logger?.error({ caseId, err: maskPersonalData(error) }, "pre-review case not stored: database unreachable");
          return { status: "unavailable", dependency: "database" };
        }
        throw error;
      }
      try {
        await options.enqueue(caseId);
      } catch (error) {
        // The case is stored as queued; workers re-enqueue queued cases at start and every half lease.
        logger?.error({ caseId, err: maskPersonalData(error) }, "pre-review case stored but not enqueued");
      }
      return { status: "submitted", caseId, secret };
    },
    get: (caseId) => cases.get(caseId),
    async getWithSecret(caseId, secret) {
      const record = await cases.get(caseId);
      if (!record || secret.length > 200 || !caseSecretMatches(secret, record.secretHash)) return undefined;
      return record;
    },
    async details(caseId, viewer) {
      const reviews = await cases.listReviews(caseId);
      if (!viewer) return { reviews };
      const [files, prefillConfirmations] = await Promise.all([
        cases.listFiles(caseId),
        cases.listPrefillConfirmations(caseId),
      ]);
      await storage.audit.record({ caseId, actor: viewer.clerk, action: "case_viewed" });
      return { reviews, files, prefillConfirmations };
    },
    list: (listOptions) => cases.list(listOptions),
    async auditTrail(caseId) {
      const events = await storage.audit.listByCase(caseId);
      if (events.length === 0 && !(await cases.get(caseId))) return undefined;
      return events;
    },
    notice: (record, report) => options.renderNotice(report, { caseId: record.id, submittedAt: record.createdAt }),
    // One gate with intake: a file intake or reading refused is never decoded again.
    async renderPage({ caseId, fileId, page }) {
      const record = await cases.get(caseId);
      if (!record) return { status: "case_not_found" };
      const file = (await cases.listFiles(caseId)).find((candidate) => candidate.fileId === fileId);
      if (!file) return { status: "file_not_found" };
      const kind = FileKindSchema.safeParse(file.kind);
      const read = storedReport(record)?.files.find((item) => item.fileId === fileId);
      if (read?.problem) return { status: "unreadable", problem: read.problem };
      if (read && page > read.pageCount) return { status: "no_page" };
      const bytes = kind.success && file.storageKey ? await fileStore.get(file.storageKey) : undefined;
      if (!bytes || !kind.success) return { status: "file_gone" };
      // Before the report exists, the header checks of intake (size, pixels) stand in for its verdict.
      return renderFilePage({ pipeline, bytes, page, limits: intakeLimits });
    },
    async review(input) {
      const record = await cases.get(input.caseId);
      if (!record) return { status: "not_found" };
      const report = storedReport(record);
      if (!report) return { status: "no_report", record };
      const known = new Set(report.findings.map((finding) => finding.id));
      const unknown = input.decisions.filter((decision) => !known.has(decision.findingId));
      if (unknown.length > 0) return { status: "unknown_findings", findingIds: unknown.map((item) => item.findingId) };
      const result = await cases.recordReview(input);
      if (result.status !== "recorded") return result;
      return { status: "reviewed", reviews: result.reviews, record: await cases.get(input.caseId) };
    },
    async confirmPrefill({ caseId, clerk, fields }) {
      const record = await cases.get(caseId);
      if (!record) return { status: "not_found" };
      const report = storedReport(record);
      if (!report) return { status: "no_report", record };
      if (!report.prefill) return { status: "no_prefill" };
      const prefilled = new Map(report.prefill.fields.map((field) => [field.name, field]));
      const unknown = fields.filter((field) => !prefilled.has(field.name)).map((field) => field.name);
      if (unknown.length > 0) return { status: "unknown_fields", fields: unknown };
      const problems = fields.flatMap(({ name, value }) => {
        const field = prefilled.get(name);
        const problem = field?.type
          ? checkFieldValue({ ...field, type: field.type }, value, report.referenceDate)
          : undefined;
        return field && problem ? [{ field: name, label: field.label, problem }] : [];
      });
      if (problems.length > 0) return { status: "invalid_values", problems };
      const latest = new Map<string, string | undefined>();
      for (const confirmation of await cases.listPrefillConfirmations(caseId))
        latest.set(confirmation.field, confirmation.value);
      const entries = fields.map(({ name, value }) => {
        const field = prefilled.get(name);
        const previousValue = latest.has(name) ? latest.get(name) : field?.value;
        return {
          field: name,
          decision: previousValue !== undefined && previousValue === value ? ("confirm" as const) : ("edit" as const),
          previousValue,
          value,
          source: field?.source ? sourceCodes(field.source) : undefined,
        };
      });
      const result = await cases.recordPrefillConfirmations({ caseId, clerk, entries });
      if (result.status === "recorded")
        logger?.info({ caseId, fields: entries.length, clerk }, "prefill values confirmed by a clerk");
      return result;
    },
    async delete({ caseId, actor }) {
      const result = await cases.delete({ caseId, actor });
      if (result === "not_found") return "not_found";
      // The key first: from here on, every copy of the case's data (rows, log, backups, files) is
      // ciphertext nobody can open.
      await options.destroyCaseKey?.(caseId);
      try {
        await fileStore.deleteCase(caseId);
      } catch (error) {
        // The row says deleted; the sweeper removes files of deleted cases it still finds.
        logger?.warn({ caseId, err: maskPersonalData(error) }, "pre-review files not deleted; the sweeper will retry");
      }
      return "deleted";
    },
  };
}
