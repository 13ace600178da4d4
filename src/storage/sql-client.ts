import { AppError } from "../errors.js";

/** A value a query parameter may take; objects are passed as JSON text with an explicit `::jsonb` cast. */
export type SqlParameter = string | number | boolean | Date | null;

/** One result row as the driver returns it; repositories validate rows with zod before use. */
export type SqlRow = Record<string, unknown>;

/** Runs statements; inside a transaction this is the transaction's connection. */
export interface SqlExecutor {
  /** Runs one statement with `$1…$n` parameters and returns its rows (empty for statements without rows). */
  query(sql: string, parameters?: readonly SqlParameter[]): Promise<SqlRow[]>;
}

/**
 * The small surface storage needs from a database driver. One adapter per driver implements it
 * (`pglite-client.ts`, `postgres-client.ts`); nothing else imports a driver.
 */
export interface SqlClient extends SqlExecutor {
  /** Which engine is behind the client; SQL is the same on both, this is for logs and tests. */
  readonly engine: "pglite" | "postgres";
  /**
   * Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it
   * throws (the error is rethrown). Transactions do not nest; use the executor passed in.
   */
  transaction<T>(work: (executor: SqlExecutor) => Promise<T>): Promise<T>;
  /** Releases connections or files. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * A client for repositories working inside a transaction: statements run on the transaction's
 * connection, and a transaction they open joins the one in progress (transactions do not nest).
 */
export function inTransaction(client: SqlClient, executor: SqlExecutor): SqlClient {
  return {
    engine: client.engine,
    query: (sql, parameters) => executor.query(sql, parameters),
    transaction: (work) => work(executor),
    close: async () => {},
  };
}

/**
 * A statement or connection that failed in the storage layer (connection lost, bad SQL, corrupt row).
 * Its own type, so the HTTP layer can tell a storage call that failed from other faults and, when the
 * database does not answer, say 503 instead of 500.
 */
export class StorageFault extends AppError {
  constructor(message: string, cause: unknown) {
    super("internal", message, { cause });
    this.name = "StorageFault";
  }
}

/** A storage fault: the caller cannot fix it by changing input (connection lost, bad SQL, corrupt row). */
export function storageFault(message: string, cause: unknown): AppError {
  return cause instanceof AppError ? cause : new StorageFault(message, cause);
}

/** Whether `error`, or an error it was caused by, is a StorageFault. */
export function isStorageFault(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current instanceof StorageFault) return true;
    current = current.cause;
  }
  return false;
}

/**
 * Whether the database answers now (a trivial query). Asked after a statement failed, to tell "the
 * database is away" (a caller may degrade: answer without storing, or refuse with 503) from a fault
 * in the statement itself. Without a client (a fake in tests) the database counts as reachable.
 */
export async function databaseReachable(client: SqlExecutor | undefined): Promise<boolean> {
  if (!client) return true;
  return client.query("select 1").then(
    () => true,
    () => false,
  );
}

/** The SQLSTATE of a driver error, looking through AppError causes (`23505` unique, `23503` foreign key). */
export function sqlErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = current.cause;
  }
  return undefined;
}

/** The first words of a statement, enough to tell which one failed without logging parameters. */
export function describeStatement(sql: string): string {
  const words = sql.replace(/\s+/g, " ").trim();
  return words.length > 80 ? `${words.slice(0, 77)}...` : words;
}
