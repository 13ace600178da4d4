// A pre-review worker's catalog, kept at the knowledge version the API nodes last recorded.
//
// A worker has no reload endpoint, so before each run it follows the recorded version
// (`followRecordedVersion` in src/catalog says why that design): it re-reads the shared knowledge
// directory and takes it only if its content hash is the recorded one. Jobs stay bare case ids; a
// worker started after the reload, or one that missed it, catches up at its next job. A case is
// reviewed against one catalog from start to end: the newest recorded version when its run starts (so
// a case submitted before a reload and run after it is reviewed entirely against the new catalog, as
// in a single `npm start` process), and a running case keeps the one it started with.
import { type Catalog, type FollowVersionLogger, followRecordedVersion } from "../catalog/index.js";
import type { RefreshableCatalog } from "./create-prereview-pipeline.js";

export interface CatalogVersion {
  catalog: Catalog;
  /** The content hash API nodes record for it (`computeContentHash` of the catalog and the embeddings). */
  hash: string;
}

/** What the follower logs through; pino fits. */
export type FollowCatalogLogger = FollowVersionLogger;

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
  const { load } = options;
  let active = options.initial;
  const follower = followRecordedVersion({
    subject: "pre-review",
    latestHash: options.latestHash,
    currentHash: () => active.hash,
    async take(hash) {
      const loaded = await load();
      if (loaded.hash !== hash) return { status: "not_held", directory: loaded.hash };
      active = loaded;
      return { status: "taken" };
    },
    logger: options.logger,
    retryMs: options.retryMs,
    now: options.now,
  });
  return {
    current: () => active.catalog,
    hash: () => active.hash,
    refresh: () => follower.refresh(),
  };
}
