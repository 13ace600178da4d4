// What a clerk records on a finished case (finding decisions, prefill confirmations) is written in one
// transaction that first locks the case and checks it has a report.
import type { PrereviewCaseStatus } from "./prereview-case-schemas.js";
import { isUuid } from "./json-object.js";
import type { SqlClient, SqlExecutor } from "./sql-client.js";

/** The case is unknown, or has no report yet (only `done` cases are reviewed). */
export type NotReviewable = { status: "not_found" } | { status: "not_reviewable"; caseStatus: PrereviewCaseStatus };

/** Runs `record` in a transaction holding the case's row lock, when the case exists and is done. */
export async function onReviewableCase<R>(
  client: SqlClient,
  caseId: string,
  record: (executor: SqlExecutor) => Promise<R>,
): Promise<R | NotReviewable> {
  if (!isUuid(caseId)) return { status: "not_found" };
  return client.transaction(async (executor): Promise<R | NotReviewable> => {
    const found = await executor.query("select status from prereview_cases where id = $1 for update", [caseId]);
    const caseStatus = found[0]?.status as PrereviewCaseStatus | undefined;
    if (!caseStatus) return { status: "not_found" };
    if (caseStatus !== "done") return { status: "not_reviewable", caseStatus };
    return record(executor);
  });
}
