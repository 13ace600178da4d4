// Following the knowledge version recorded in the shared database: one mechanism for pre-review
// workers (before each case) and API nodes (every few seconds).
//
// Why this design: a reload happens on one API node, which records the version it swapped in
// (knowledge_versions in the shared database) before it serves it. Every other process asks the
// database for the newest recorded hash (one indexed query) and, when it differs from its own, reads
// its own knowledge directory and takes it only if its content hash is the recorded one; a directory
// that does not hold it (not yet copied to this machine, or edited again since) keeps the process on
// what it has, with a warning, until `retryMs` has passed. The database is the one thing every node
// already shares, so no message bus is needed, and a process that was down or missed a reload catches
// up at its next check. The follower only decides when to take a version; what taking one means (a
// worker's catalog, an API node's validate-index-swap) is the caller's `take`.

/** What taking a recorded version from the knowledge directory came to. */
export type TakeVersionResult =
  /** The process now uses the recorded version. */
  | { status: "taken" }
  /** The directory holds another version (its content hash): keep the current one, look again later. */
  | { status: "not_held"; directory: string }
  /** The process cannot take a version now (a reload of its own is building): ask again at the next check. */
  | { status: "busy" };

/** What the follower logs through; pino fits. */
export interface FollowVersionLogger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}

export interface FollowRecordedVersionOptions {
  /** Who follows, in the log lines (`pre-review`, `the API node`). */
  subject: string;
  /** The hash of the newest recorded version (knowledge_versions), undefined when none is recorded. */
  latestHash: () => Promise<string | undefined>;
  /** The content hash the process uses now. */
  currentHash: () => string;
  /** Reads the knowledge directory and takes it if its content hash is `hash`; rejects on a fault. */
  take: (hash: string) => Promise<TakeVersionResult>;
  logger?: FollowVersionLogger;
  /**
   * After the directory did not hold the recorded version (or could not be read), how long to keep the
   * current version before reading the directory again. Default 30 000 ms.
   */
  retryMs?: number;
  /** Milliseconds clock (tests). Default `Date.now`. */
  now?: () => number;
}

export interface VersionFollower {
  /**
   * Takes the newest recorded version if it is not the current one. Never rejects: when the database
   * or the directory fails, the process keeps what it has and says so in the log. Calls at the same
   * time share one read of the directory.
   */
  refresh(): Promise<void>;
}

export function followRecordedVersion(options: FollowRecordedVersionOptions): VersionFollower {
  const { subject, latestHash, currentHash, take, logger } = options;
  const retryMs = options.retryMs ?? 30_000;
  const now = options.now ?? Date.now;
  /** A recorded version the directory did not hold, and when to look again. */
  let missed: { hash: string; retryAt: number } | undefined;
  let catchingUp: Promise<void> | undefined;

  async function catchUp(latest: string): Promise<void> {
    const from = currentHash().slice(0, 12);
    try {
      const result = await take(latest);
      if (result.status === "taken") {
        logger?.info({ from, to: latest.slice(0, 12) }, `${subject} follows the knowledge reload`);
        missed = undefined;
        return;
      }
      if (result.status === "busy") return;
      logger?.warn(
        { recorded: latest.slice(0, 12), directory: result.directory.slice(0, 12), serving: from },
        `the knowledge directory does not hold the recorded version; ${subject} keeps its catalog`,
      );
    } catch (error) {
      logger?.warn(
        { recorded: latest.slice(0, 12), err: error },
        `knowledge directory not loaded; ${subject} keeps its catalog`,
      );
    }
    missed = { hash: latest, retryAt: now() + retryMs };
  }

  return {
    async refresh() {
      let latest: string | undefined;
      try {
        latest = await latestHash();
      } catch (error) {
        logger?.warn({ err: error }, `newest knowledge version not read; ${subject} keeps its catalog`);
        return;
      }
      // After a read in progress (another caller's, perhaps of an older version), decide on what it left.
      while (catchingUp) await catchingUp;
      if (!latest || latest === currentHash()) return;
      if (missed?.hash === latest && now() < missed.retryAt) return;
      catchingUp = catchUp(latest).finally(() => {
        catchingUp = undefined;
      });
      await catchingUp;
    },
  };
}

/**
 * Refreshes `follower` every `intervalMs` until the returned stop is called; a check still running
 * when the next is due is not doubled. The timer does not keep the process alive.
 */
export function followEvery(follower: VersionFollower, intervalMs: number): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void follower.refresh().finally(() => {
      running = false;
    });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
