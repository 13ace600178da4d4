// An API node's knowledge base, kept at the version the nodes last recorded in the shared database.
//
// Why: a reload (POST /api/admin/knowledge/reload) swaps the catalog on the node it is sent to; behind
// a load balancer the other nodes would keep answering from the old one, so a citizen would get
// answers from two versions in turn. Each node therefore follows the recorded versions with the
// workers' mechanism (`followRecordedVersion`): a cheap query every few seconds, and when the newest
// recorded version is not the one it serves and its own KNOWLEDGE_DIR holds it, the same background
// validate-index-swap as the reload endpoint (`KnowledgeBase.follow`), not recorded again. Polling the
// database rather than a Redis channel: the database is where the version is recorded anyway, a
// node that was down or restarting during the reload catches up at its next check, and a lost
// message cannot leave a node behind.
import { followRecordedVersion, type FollowVersionLogger, type VersionFollower } from "../catalog/index.js";
import type { KnowledgeBase } from "./knowledge-base.js";

export interface FollowKnowledgeVersionsOptions {
  base: KnowledgeBase;
  /** The hash of the newest recorded version (knowledge_versions), undefined when none is recorded. */
  latestHash: () => Promise<string | undefined>;
  logger?: FollowVersionLogger;
  /** After the directory did not hold the recorded version, how long before reading it again. Default 30 000 ms. */
  retryMs?: number;
}

/** Follows the recorded knowledge versions; call `refresh` periodically (`followEvery`). */
export function followKnowledgeVersions(options: FollowKnowledgeVersionsOptions): VersionFollower {
  const { base } = options;
  return followRecordedVersion({
    subject: "the API node",
    latestHash: options.latestHash,
    currentHash: () => base.current().index.manifest.contentHash,
    async take(hash) {
      const result = await base.follow(hash);
      switch (result.status) {
        case "invalid":
          throw new Error(
            `the knowledge directory does not validate: ${result.issues
              .slice(0, 5)
              .map((issue) => `${issue.file} ${issue.field}: ${issue.message}`)
              .join("; ")}`,
          );
        case "busy":
          return { status: "busy" };
        case "not_held":
          return result;
        case "building": {
          const outcome = await result.done;
          if (outcome.status === "failed") throw new Error(outcome.message);
          return { status: "taken" };
        }
      }
    },
    logger: options.logger,
    retryMs: options.retryMs,
  });
}
