import { mkdir } from "node:fs/promises";
import { Worker } from "node:worker_threads";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { AppError } from "../errors.js";
import type { DatabaseThreadSettings, FromDatabaseThread, ToDatabaseThread } from "./pglite-thread-protocol.js";
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
  /**
   * Run the database in a thread of its own (default false). PGlite is Postgres compiled to WASM:
   * every statement is parsed, planned and executed on the thread that calls it, and in the server's
   * profile under chat load that was over 40% of the event loop. In a thread it runs beside the HTTP
   * work instead of between it. Values cross by structured clone (dates, JSON, bytes keep their types).
   */
  thread?: boolean;
}

/**
 * Embedded PostgreSQL (WASM) in this process. One process per directory: PGlite has no locking across
 * processes, so two servers must not open the same data directory. PGlite runs one statement at a time;
 * a transaction holds it exclusively until it ends.
 */
export async function createPgliteClient(options: PgliteClientOptions = {}): Promise<SqlClient> {
  const { directory } = options;
  if (options.thread) return createThreadedPgliteClient(directory);
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

const THREAD_ENTRY = new URL("./pglite-thread-entry.mjs", import.meta.url);

/** The same client over a worker thread that owns the database (pglite-thread.ts). */
async function createThreadedPgliteClient(directory: string | undefined): Promise<SqlClient> {
  const worker = new Worker(THREAD_ENTRY, { workerData: { directory } satisfies DatabaseThreadSettings });
  const pending = new Map<number, { resolve(message: FromDatabaseThread): void; reject(error: Error): void }>();
  let nextId = 1;
  let stopped: Error | undefined;
  const where = directory ? ` at ${directory}` : "";
  const ready = new Promise<void>((resolve, reject) => {
    worker.on("message", (message: FromDatabaseThread) => {
      if (message.id === 0) {
        if (message.op === "ready") resolve();
        else if (message.op === "failed")
          reject(new AppError("internal", `cannot open the embedded database${where}`, { cause: message.error }));
        return;
      }
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      waiting?.resolve(message);
    });
    const stop = (error: Error) => {
      stopped = error;
      reject(new AppError("internal", `cannot open the embedded database${where}`, { cause: error }));
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    };
    worker.on("error", stop);
    worker.on("exit", (code) => stop(new Error(`the database thread exited (${code})`)));
  });
  await ready;

  /** Sends a request; resolves with the answer, rejects with the driver's error (message and SQLSTATE). */
  const ask = (
    request: ToDatabaseThread extends infer Message ? (Message extends unknown ? Omit<Message, "id"> : never) : never,
  ): Promise<Extract<FromDatabaseThread, { op: "done" }>> =>
    new Promise((resolve, reject) => {
      if (stopped) return reject(stopped);
      const id = nextId++;
      pending.set(id, {
        resolve: (message) => {
          if (message.op === "done") resolve(message as Extract<FromDatabaseThread, { op: "done" }>);
          else if (message.op === "error")
            reject(Object.assign(new Error(message.error.message), { code: message.error.code }));
        },
        reject,
      });
      worker.postMessage({ ...request, id } as ToDatabaseThread);
    });

  const run = async (sql: string, parameters: readonly SqlParameter[] | undefined, transaction?: number) => {
    try {
      return (await ask({ op: "query", sql, parameters, transaction })).rows ?? [];
    } catch (error) {
      throw storageFault(`query failed: ${describeStatement(sql)}`, error);
    }
  };

  let closing: Promise<void> | undefined;
  return {
    engine: "pglite",
    query: (sql, parameters) => run(sql, parameters),
    async transaction<T>(work: (executor: SqlExecutor) => Promise<T>): Promise<T> {
      let transaction: number | undefined;
      try {
        transaction = (await ask({ op: "begin" })).transaction;
      } catch (error) {
        throw storageFault("transaction failed", error);
      }
      let result: T;
      try {
        result = await work({ query: (sql, parameters) => run(sql, parameters, transaction) });
      } catch (error) {
        // Errors thrown by `work` pass through unchanged, after the rollback.
        await ask({ op: "rollback", transaction: transaction as number }).catch(() => undefined);
        throw error;
      }
      try {
        await ask({ op: "commit", transaction: transaction as number });
      } catch (error) {
        throw storageFault("transaction failed", error);
      }
      return result;
    },
    close() {
      closing ??= stopped
        ? Promise.resolve()
        : ask({ op: "close" }).then(
            () => worker.terminate().then(() => undefined),
            () => worker.terminate().then(() => undefined),
          );
      return closing;
    },
  };
}
