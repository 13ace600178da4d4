import type { PrereviewCase, PrereviewCaseRepository } from "../../storage/index.js";
import type { CaseFileStore } from "../case-files/index.js";
import { maskPersonalData } from "../../mask-personal-data.js";
import type { PrereviewPipeline } from "../pipeline.js";
import { FileKindSchema, type IntakeFile, type PrereviewReport, PrereviewReportSchema } from "../types.js";
import type { JobContext, JobQueue } from "./job-queue.js";

/** What the runner logs through; pino fits. Case data is masked before it gets here. */
export interface RunnerLogger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

export interface PrereviewRunnerOptions {
  cases: Pick<
    PrereviewCaseRepository,
    "claim" | "renewLease" | "listFiles" | "complete" | "fail" | "release" | "requeueInterrupted" | "listQueuedIds"
  >;
  fileStore: Pick<CaseFileStore, "get">;
  pipeline: Pick<PrereviewPipeline, "run">;
  queue: JobQueue;
  logger?: RunnerLogger;
  /** A case interrupted by restarts this many times is failed instead of run again. Default 3. */
  maxAttempts?: number;
  /**
   * How long a claimed case is held without a heartbeat, in milliseconds. The runner renews it every
   * third of that while the job runs, and every half of it looks for running cases whose lease ran
   * out (a node that died) to run them again. Default 60 000: after a crash, its cases resume within
   * about a minute and a half, on this node once restarted or on any other.
   */
  leaseMs?: number;
}

export type RunCaseResult =
  | { status: "done"; report: PrereviewReport }
  | { status: "failed"; reason: string }
  /** Not queued any more: another worker took it, or it was deleted. */
  | { status: "skipped" };

export interface StopResult {
  /** Cases handed back because they did not finish within the grace period. */
  handedBack: string[];
}

export interface RecoveryResult {
  /** Queued cases handed to the queue (including the requeued ones). */
  enqueued: number;
  /** Cases found running (the process died mid-job) and queued again. */
  requeued: number;
  /** Cases found running too many times and failed. */
  failed: number;
}

export interface PrereviewRunner {
  /**
   * Recovery, then starts the queue: running cases whose lease ran out are requeued (or failed),
   * queued ones enqueued; recovery then repeats every half lease.
   */
  start(): Promise<RecoveryResult>;
  /** Hands a newly created case to the queue. */
  enqueue(caseId: string): Promise<void>;
  /**
   * Stops the queue, waiting for jobs in progress. With `graceMs`, jobs still running after that long
   * are handed back (`handBack`) instead of waited for.
   */
  stop(options?: { graceMs?: number }): Promise<StopResult>;
  /**
   * Hands every case this runner is working on back at once: its lease is released in the database
   * (running → queued) and, in a shared queue, its job goes back to waiting, so another worker claims it
   * now rather than after the lease runs out. The abandoned runs' results are discarded: a report is
   * stored only under the claim that produced it.
   */
  handBack(): Promise<string[]>;
  /** One job: claim the case, read its files, run the pipeline, store the report or the failure. */
  runCase(caseId: string, context?: JobContext): Promise<RunCaseResult>;
  /** A job the queue gave up on after its retries (the dead letter): the case fails with a Chinese reason. */
  giveUp(caseId: string, reason: string): Promise<void>;
}

/** Plain Chinese failure reasons shown to the applicant (the English cause goes to the log). */
export const FAILURE_REASONS = {
  pipeline: "预审过程中出现故障，未能完成。请稍后重新提交；如多次失败，请到窗口办理。",
  filesMissing: "预审材料文件已丢失（可能已超过保存期限被清除），未能完成预审，请重新提交。",
  interrupted: "服务重启时该预审中断次数过多，请重新提交。",
} as const;

/** Runs pre-review jobs from a queue against the case records in storage. A failing job never stops the runner. */
export function createPrereviewRunner(options: PrereviewRunnerOptions): PrereviewRunner {
  const { cases, fileStore, pipeline, queue, logger } = options;
  const maxAttempts = options.maxAttempts ?? 3;
  const leaseMs = options.leaseMs ?? 60_000;
  let recoveryTimer: NodeJS.Timeout | undefined;
  /** The cases this runner holds now: the claim (its attempt) and how to stop renewing its lease. */
  const claims = new Map<string, { attempt: number; stopHeartbeat: () => void }>();
  /** Cases handed back while their run went on: that run's outcome is discarded. */
  const handedBack = new Set<string>();

  const fail = async (caseId: string, reason: string, code: string, attempt?: number): Promise<RunCaseResult> => {
    const marked = await cases.fail({ caseId, reason, auditDetail: { reason: code }, attempt });
    if (!marked) logger?.warn({ caseId, code }, "pre-review case changed while failing it; left as it is");
    return { status: "failed", reason };
  };

  const readFiles = async (taken: PrereviewCase): Promise<IntakeFile[] | { missing: string[] }> => {
    const stored = await cases.listFiles(taken.id);
    const files: IntakeFile[] = [];
    const missing: string[] = [];
    for (const file of stored) {
      const bytes = await fileStore.get(file.storageKey);
      if (!bytes) {
        missing.push(file.fileId);
        continue;
      }
      const kind = FileKindSchema.safeParse(file.kind);
      files.push({
        fileId: file.fileId,
        originalName: file.originalName,
        declaredMaterialId: file.declaredMaterialId,
        kind: kind.success ? kind.data : undefined,
        claimedMimeType: file.claimedMimeType,
        bytes,
      });
    }
    if (stored.length === 0) missing.push("(no files recorded)");
    return missing.length > 0 ? { missing } : files;
  };

  /** Keeps the lease of a running case alive until `stop` is called. */
  const heartbeat = (caseId: string) => {
    const timer = setInterval(
      () => {
        cases.renewLease({ caseId, leaseMs }).then(
          (renewed) => {
            if (!renewed) clearInterval(timer);
          },
          (error: unknown) => logger?.warn({ caseId, err: maskPersonalData(error) }, "pre-review lease renewal failed"),
        );
      },
      Math.max(1, Math.floor(leaseMs / 3)),
    );
    timer.unref();
    return () => clearInterval(timer);
  };

  const runCase = async (caseId: string, context?: JobContext): Promise<RunCaseResult> => {
    const taken = await cases.claim(caseId, { leaseMs });
    if (!taken) return { status: "skipped" };
    context?.progress({ stage: "claimed", fraction: 0.05 });
    const stopHeartbeat = heartbeat(caseId);
    claims.set(caseId, { attempt: taken.attempts, stopHeartbeat });
    try {
      return await runClaimed(caseId, taken, context);
    } finally {
      stopHeartbeat();
      if (claims.get(caseId)?.attempt === taken.attempts) claims.delete(caseId);
    }
  };

  const runClaimed = async (caseId: string, taken: PrereviewCase, context?: JobContext): Promise<RunCaseResult> => {
    const started = performance.now();
    const files = await readFiles(taken);
    if (!Array.isArray(files)) {
      logger?.error({ caseId, missing: files.missing }, "pre-review case files missing in the file store");
      return fail(caseId, FAILURE_REASONS.filesMissing, "files_missing", taken.attempts);
    }
    context?.progress({ stage: "files_read", fraction: 0.1 });

    let report: PrereviewReport;
    try {
      const produced = await pipeline.run({
        request: {
          bundleId: taken.bundleId,
          matterId: taken.matterId,
          scenario: taken.scenario,
          form: taken.form,
        },
        files,
        // The submission instant, so a rerun after a restart judges expiry and age as of the same day.
        now: taken.createdAt,
      });
      const parsed = PrereviewReportSchema.safeParse(produced);
      if (!parsed.success) {
        const issues = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join(".")}: ${issue.code}`);
        logger?.error({ caseId, issues }, "pre-review pipeline returned a report that does not fit the schema");
        return fail(caseId, FAILURE_REASONS.pipeline, "invalid_report", taken.attempts);
      }
      report = parsed.data;
      context?.progress({ stage: "checked", fraction: 0.95 });
    } catch (error) {
      logger?.error({ caseId, err: maskPersonalData(error) }, "pre-review pipeline failed");
      return fail(caseId, FAILURE_REASONS.pipeline, "pipeline_error", taken.attempts);
    }

    const auditDetail = {
      verdict: report.verdict,
      findings: report.findings.length,
      errors: report.findings.filter((finding) => finding.severity === "error").length,
      pages: report.timings.pages,
      milliseconds: Math.round(performance.now() - started),
    };
    if (await cases.complete({ caseId, report, auditDetail, attempt: taken.attempts }))
      logger?.info({ caseId, ...auditDetail }, "pre-review case done");
    else if (handedBack.has(caseId))
      logger?.warn({ caseId }, "pre-review case was handed back before it finished here; report discarded");
    else logger?.warn({ caseId }, "pre-review case was deleted or purged while running; report discarded");
    return { status: "done", report };
  };

  const recover = async () => {
    const recovered = await cases.requeueInterrupted({ maxAttempts, failureReason: FAILURE_REASONS.interrupted });
    if (recovered.requeued.length > 0 || recovered.failed.length > 0)
      logger?.warn(
        { requeued: recovered.requeued, failed: recovered.failed },
        "pre-review jobs whose worker stopped (restart or crash) were recovered",
      );
    return recovered;
  };

  async function handBack(): Promise<string[]> {
    const released: string[] = [];
    for (const [caseId, claim] of [...claims]) {
      claim.stopHeartbeat();
      claims.delete(caseId);
      handedBack.add(caseId);
      try {
        if (await cases.release({ caseId, attempt: claim.attempt, reason: "shutdown" })) released.push(caseId);
      } catch (error) {
        // The database away: the lease runs out instead and recovery hands the case over then.
        logger?.warn(
          { caseId, err: maskPersonalData(error) },
          "pre-review case not handed back; its lease will expire",
        );
      }
    }
    // After the release, so the worker that takes a job finds its case queued and claims it.
    if (released.length > 0) await queue.handBack?.(released);
    if (released.length > 0)
      logger?.warn(
        { caseIds: released },
        "pre-review cases handed back unfinished at shutdown; other workers take them",
      );
    return released;
  }

  return {
    async start() {
      const recovered = await recover();
      queue.start(async (caseId, context) => {
        await runCase(caseId, context);
      });
      const queued = await cases.listQueuedIds();
      for (const caseId of queued) await queue.enqueue(caseId);
      recoveryTimer = setInterval(
        () => {
          recover()
            .then(async ({ requeued }) => {
              // With a shared queue every queued case is offered again: Redis may have lost its jobs
              // (restarted without persistence), or an enqueue failed after the case was stored. A case
              // the queue already holds is not added twice, and the claim decides who runs it.
              const offered = queue.shared ? await cases.listQueuedIds() : requeued;
              for (const caseId of offered) await queue.enqueue(caseId);
            })
            .catch((error: unknown) =>
              logger?.warn({ err: maskPersonalData(error) }, "pre-review recovery check failed"),
            );
        },
        Math.max(1, Math.floor(leaseMs / 2)),
      );
      recoveryTimer.unref();
      return { enqueued: queued.length, requeued: recovered.requeued.length, failed: recovered.failed.length };
    },
    enqueue: (caseId) => queue.enqueue(caseId),
    async giveUp(caseId, reason) {
      logger?.error({ caseId, reason: maskPersonalData(reason) }, "pre-review job failed its last try");
      await fail(caseId, FAILURE_REASONS.pipeline, "job_dead");
    },
    async stop({ graceMs } = {}) {
      clearInterval(recoveryTimer);
      recoveryTimer = undefined;
      const drained = queue.stop().then(() => "drained" as const);
      if (graceMs === undefined) {
        await drained;
        return { handedBack: [] };
      }
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<"grace_over">((resolve) => {
        timer = setTimeout(() => resolve("grace_over"), Math.max(0, graceMs));
      });
      const outcome = await Promise.race([drained, graceOver]).finally(() => clearTimeout(timer));
      return { handedBack: outcome === "drained" ? [] : await handBack() };
    },
    handBack,
    runCase,
  };
}
