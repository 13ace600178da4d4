// A pre-review worker's catalog, kept at the knowledge version the API nodes last recorded.
//
// Why this design: a reload happens on one API node, which records the version it swapped in
// (knowledge_versions in the shared database) before it serves it. A worker has no reload endpoint,
// so before each run it asks the database for the newest recorded version (one indexed query next to
// seconds of reading files) and, when that differs from its own, re-reads the shared knowledge
// directory and takes it only if its content hash is the recorded one. Jobs stay bare case ids and no
// message bus is needed; a worker started after the reload, or one that missed it, catches up at its
// next job. A case is reviewed against one catalog from start to end: the newest recorded version when
// its run starts (so a case submitted before a reload and run after it is reviewed entirely against the
// new catalog, as in a single `npm start` process), and a running case keeps the one it started with.
import type { Catalog } from "../catalog/index.js";
import type { RefreshableCatalog } from "./create-prereview-pipeline.js";

export interface CatalogVersion {
  catalog: Catalog;
  /** The content hash API nodes record for it (`computeContentHash` of the catalog and the embeddings). */
  hash: string;
}

/** What the follower logs through; pino fits. */
export interface FollowCatalogLogger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}

export interface FollowCatalogVersionsOptions {
  /** The catalog the worker started with. */
  initial: CatalogVersion;
  /** The hash of the newest recorded version (knowledge_versions), undefined when none is recorded. */
  latestHash: () => Promise<string | undefined>;
  /** Reads and validates the shared knowledge directory and hashes it as the API nodes do. */
  load: () => Promise<CatalogVersion>;
  logger?: FollowCatalogLogger;
  /**
   * After the directory did not hold the recorded version (not yet copied to this machine, or edited
   * again since), how long to keep the current catalog before reading the directory again. Default 30 000 ms.
   */
  retryMs?: number;
  /** Milliseconds clock (tests). Default `Date.now`. */
  now?: () => number;
}

export interface CatalogFollower extends RefreshableCatalog {
  /** The content hash of the catalog in use. */
  hash(): string;
}

/**
 * Follows the recorded knowledge versions. `refresh` never rejects: when the database or the directory
 * fails, the worker keeps reviewing with the catalog it has and says so in the log.
 */
export function followCatalogVersions(options: FollowCatalogVersionsOptions): CatalogFollower {
  const { latestHash, load, logger } = options;
  const retryMs = options.retryMs ?? 30_000;
  const now = options.now ?? Date.now;
  let active = options.initial;
  /** A recorded version the directory did not hold, and when to look again. */
  let missed: { hash: string; retryAt: number } | undefined;
  /** Jobs running at once share one read of the directory. */
  let catchingUp: Promise<void> | undefined;

  async function catchUp(latest: string): Promise<void> {
    try {
      const loaded = await load();
      if (loaded.hash === latest) {
        logger?.info(
          { from: active.hash.slice(0, 12), to: latest.slice(0, 12) },
          "pre-review follows the knowledge reload",
        );
        active = loaded;
        missed = undefined;
        return;
      }
      logger?.warn(
        { recorded: latest.slice(0, 12), directory: loaded.hash.slice(0, 12), serving: active.hash.slice(0, 12) },
        "the knowledge directory does not hold the recorded version; pre-review keeps its catalog",
      );
    } catch (error) {
      logger?.warn(
        { recorded: latest.slice(0, 12), err: error },
        "knowledge directory not loaded; pre-review keeps its catalog",
      );
    }
    missed = { hash: latest, retryAt: now() + retryMs };
  }

  return {
    current: () => active.catalog,
    hash: () => active.hash,
    async refresh() {
      let latest: string | undefined;
      try {
        latest = await latestHash();
      } catch (error) {
        logger?.warn({ err: error }, "newest knowledge version not read; pre-review keeps its catalog");
        return;
      }
      // After a read in progress (another job's, perhaps of an older version), decide on what it left.
      while (catchingUp) await catchingUp;
      if (!latest || latest === active.hash) return;
      if (missed?.hash === latest && now() < missed.retryAt) return;
      catchingUp = catchUp(latest).finally(() => {
        catchingUp = undefined;
      });
      await catchingUp;
    },
  };
}
