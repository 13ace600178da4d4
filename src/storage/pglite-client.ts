import { mkdir } from "node:fs/promises";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { AppError } from "../errors.js";
import {
  describeStatement,
  type SqlClient,
  type SqlExecutor,
  type SqlParameter,
  type SqlRow,
  storageFault,
} from "./sql-client.js";

export interface PgliteClientOptions {
  /** Directory holding the database files; created when missing. Default: in memory, gone on close. */
  directory?: string;
}

/**
 * Embedded PostgreSQL (WASM) in this process. One process per directory: PGlite has no locking across
 * processes, so two servers must not open the same data directory. PGlite runs one statement at a time;
 * a transaction holds it exclusively until it ends.
 */
export async function createPgliteClient(options: PgliteClientOptions = {}): Promise<SqlClient> {
  const { directory } = options;
  let database: PGlite;
  try {
    if (directory) await mkdir(directory, { recursive: true });
    database = directory ? await PGlite.create(directory) : await PGlite.create();
  } catch (error) {
    const where = directory ? ` at ${directory}` : "";
    throw new AppError("internal", `cannot open the embedded database${where}`, { cause: error });
  }

  const run = async (target: PGlite | Transaction, sql: string, parameters?: readonly SqlParameter[]) => {
    try {
      const result = await target.query<SqlRow>(sql, parameters ? [...parameters] : undefined);
      return result.rows;
    } catch (error) {
      throw storageFault(`query failed: ${describeStatement(sql)}`, error);
    }
  };

  let closing: Promise<void> | undefined;
  return {
    engine: "pglite",
    query: (sql, parameters) => run(database, sql, parameters),
    async transaction<T>(work: (executor: SqlExecutor) => Promise<T>): Promise<T> {
      // Errors thrown by `work` pass through unchanged; only BEGIN/COMMIT failures become faults here.
      let workError: { error: unknown } | undefined;
      try {
        return await database.transaction(async (transaction) => {
          try {
            return await work({ query: (sql, parameters) => run(transaction, sql, parameters) });
          } catch (error) {
            workError = { error };
            throw error;
          }
        });
      } catch (error) {
        if (workError && workError.error === error) throw error;
        throw storageFault("transaction failed", error);
      }
    },
    close() {
      closing ??= database.closed ? Promise.resolve() : database.close();
      return closing;
    },
  };
}
