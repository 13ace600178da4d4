// Messages between the PGlite client (the server's main thread) and the thread that owns the database.
import type { SqlParameter, SqlRow } from "./sql-client.js";

export type ToDatabaseThread =
  /** One statement, in transaction `transaction` when given. */
  | { id: number; op: "query"; sql: string; parameters?: readonly SqlParameter[]; transaction?: number }
  /** Opens a transaction; the answer's `transaction` names it for the queries, commit or rollback. */
  | { id: number; op: "begin" }
  | { id: number; op: "commit" | "rollback"; transaction: number }
  | { id: number; op: "close" };

export type FromDatabaseThread =
  | { id: 0; op: "ready" }
  | { id: 0; op: "failed"; error: ThreadError }
  | { id: number; op: "done"; rows?: SqlRow[]; transaction?: number }
  | { id: number; op: "error"; error: ThreadError };

/** A driver error as it crosses threads: its message and SQLSTATE (`sqlErrorCode` reads `code`). */
export interface ThreadError {
  message: string;
  code?: string;
}

export interface DatabaseThreadSettings {
  directory?: string;
}
