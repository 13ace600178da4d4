import type { PrereviewCaseRepository } from "../../storage/index.js";
import { maskPersonalData } from "../../mask-personal-data.js";
import type { CaseFileStore } from "./case-file-store.js";
import { redactCaseData } from "./redact-case-data.js";

/** What the sweeper logs through; pino fits. */
export interface SweeperLogger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}

/** The clock and timer the sweeper uses; tests pass a fake. */
export interface SweeperClock {
  now(): Date;
  setInterval(callback: () => void, milliseconds: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface RetentionSweeperOptions {
  cases: Pick<PrereviewCaseRepository, "listExpired" | "purgeFiles" | "get">;
  fileStore: CaseFileStore;
  /** Files of cases created longer ago than this are deleted (`PREREVIEW_RETENTION_DAYS`, default 7). */
  retentionDays?: number;
  /** Time between sweeps (`PREREVIEW_SWEEP_INTERVAL_MINUTES`, default 60 minutes). */
  intervalMs?: number;
  /**
   * A file directory with no case row (a submission that failed half-way) is deleted once it is this
   * old. Default one hour, so a submission in progress is never touched.
   */
  orphanGraceMs?: number;
  /** Default: the system clock and timers. */
  clock?: SweeperClock;
  logger?: SweeperLogger;
  /**
   * Destroys a case's data key once its files are gone and its report redacted (crypto-shredding:
   * what is left of it anywhere can no longer be read). Default: nothing to destroy.
   */
  destroyKey?: (caseId: string) => Promise<void>;
}

export interface SweepResult {
  /** Cases whose files were deleted and report redacted. */
  purged: number;
  /** File directories deleted because no case kept them (deleted, purged, never created). */
  orphans: number;
}

export interface RetentionSweeper {
  /** Sweeps now, then every interval. */
  start(): void;
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
  /** One pass; concurrent calls share the pass in progress. */
  sweep(): Promise<SweepResult>;
}

export const RETENTION_FAILURE_REASON = "材料已超过保存期限并被清除，预审未能完成，请重新提交。";

const systemClock: SweeperClock = {
  now: () => new Date(),
  setInterval: (callback, milliseconds) => {
    const handle = setInterval(callback, milliseconds);
    handle.unref();
    return handle;
  },
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

/**
 * Deletes uploaded files after the retention period and redacts what was read from them out of the stored
 * report (src/prereview/case-files/redact-case-data.ts), recording `files_purged` in the audit trail.
 * Files go first, then the row: if the process dies in between, the next sweep finds the case again.
 */
export function createRetentionSweeper(options: RetentionSweeperOptions): RetentionSweeper {
  const { cases, fileStore, logger } = options;
  const clock = options.clock ?? systemClock;
  const retentionMs = (options.retentionDays ?? 7) * 86_400_000;
  const intervalMs = options.intervalMs ?? 3_600_000;
  const orphanGraceMs = options.orphanGraceMs ?? 3_600_000;
  let timer: unknown;
  let running: Promise<SweepResult> | undefined;

  const purgeExpired = async () => {
    const createdBefore = new Date(clock.now().getTime() - retentionMs);
    let purged = 0;
    for (;;) {
      const expired = await cases.listExpired({ createdBefore, limit: 100 });
      for (const caseId of expired) {
        const files = await fileStore.deleteCase(caseId);
        if (
          await cases.purgeFiles({
            caseId,
            redact: redactCaseData,
            failureReason: RETENTION_FAILURE_REASON,
            auditDetail: { filesDeleted: files, retentionDays: retentionMs / 86_400_000 },
          })
        ) {
          await options.destroyKey?.(caseId);
          purged += 1;
        }
      }
      if (expired.length < 100) return purged;
    }
  };

  const removeOrphans = async () => {
    let orphans = 0;
    const now = clock.now().getTime();
    for (const { caseId, modifiedAt } of await fileStore.listCases()) {
      const stored = await cases.get(caseId);
      const keep = stored
        ? stored.status !== "deleted" && !stored.filesPurgedAt
        : now - modifiedAt.getTime() < orphanGraceMs;
      if (keep) continue;
      await fileStore.deleteCase(caseId);
      await options.destroyKey?.(caseId);
      orphans += 1;
    }
    return orphans;
  };

  const sweep = () => {
    running ??= (async () => {
      try {
        const result = { purged: await purgeExpired(), orphans: await removeOrphans() };
        if (result.purged > 0 || result.orphans > 0) logger?.info({ ...result }, "pre-review files swept");
        return result;
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  const tick = () => {
    sweep().catch((error: unknown) => logger?.warn({ err: maskPersonalData(error) }, "pre-review sweep failed"));
  };

  return {
    start() {
      if (timer !== undefined) return;
      timer = clock.setInterval(tick, intervalMs);
      tick();
    },
    async stop() {
      if (timer !== undefined) clock.clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
    sweep,
  };
}
