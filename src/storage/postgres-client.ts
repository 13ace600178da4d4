import pg from "pg";
import { AppError } from "../errors.js";
import {
  describeStatement,
  type SqlClient,
  type SqlExecutor,
  type SqlParameter,
  type SqlRow,
  storageFault,
} from "./sql-client.js";
import type { StorageLogger } from "./storage-logger.js";

export interface PostgresClientOptions {
  /** `postgresql://user:password@host:port/database`; `?options=-c%20search_path%3Dname` also works. */
  connectionString: string;
  /**
   * Schema to work in: created when missing and put first on every connection's `search_path`.
   * Lowercase letters, digits and `_`. Default: the server's `search_path` (usually `public`).
   */
  schema?: string;
  /** Most connections the pool opens. Default 10. */
  poolSize?: number;
  /** Receives errors of idle pooled connections (which would otherwise crash the process). */
  logger?: StorageLogger;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** First key of the advisory lock taken while creating the schema (run-migrations.ts uses another). */
const SCHEMA_LOCK_KEY = 0x62616e74; // "bant"

/** PostgreSQL through a `pg` connection pool; checks the connection once before returning. */
export async function createPostgresClient(options: PostgresClientOptions): Promise<SqlClient> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema))
    throw new AppError("internal", `invalid PostgreSQL schema name: ${JSON.stringify(schema)}`);

  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // Without a listener, an idle connection dropped by the server emits an unhandled 'error' event.
  pool.on("error", (error) => options.logger?.warn({ err: error }, "idle PostgreSQL connection failed"));

  const run = async (target: pg.Pool | pg.PoolClient, sql: string, parameters?: readonly SqlParameter[]) => {
    try {
      const result = await target.query<SqlRow>(sql, parameters ? [...parameters] : undefined);
      return result.rows ?? [];
    } catch (error) {
      throw storageFault(`query failed: ${describeStatement(sql)}`, error);
    }
  };

  try {
    await pool.query("select 1");
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new AppError("internal", `cannot connect to PostgreSQL at ${describeServer(options.connectionString)}`, {
      cause: error,
    });
  }

  let closing: Promise<void> | undefined;
  const client: SqlClient = {
    engine: "postgres",
    query: (sql, parameters) => run(pool, sql, parameters),
    async transaction<T>(work: (executor: SqlExecutor) => Promise<T>): Promise<T> {
      let connection: pg.PoolClient;
      try {
        connection = await pool.connect();
      } catch (error) {
        throw storageFault("cannot get a PostgreSQL connection", error);
      }
      let broken = false;
      // A checked-out connection's errors (the server ending it mid-transaction) come as an 'error'
      // event on it, not on the pool: unheard, they would end the process. The statement in progress
      // fails on its own; the connection is dropped instead of going back to the pool.
      const onError = (error: Error) => {
        broken = true;
        options.logger?.warn({ err: error }, "PostgreSQL connection failed during a transaction");
      };
      connection.on("error", onError);
      try {
        await run(connection, "begin");
        const result = await work({ query: (sql, parameters) => run(connection, sql, parameters) });
        await run(connection, "commit");
        return result;
      } catch (error) {
        try {
          await connection.query("rollback");
        } catch {
          broken = true; // the connection is unusable; drop it from the pool instead of reusing it
        }
        throw error;
      } finally {
        connection.removeListener("error", onError);
        connection.release(broken);
      }
    },
    close() {
      closing ??= pool.end();
      return closing;
    },
  };

  if (schema) {
    try {
      // `create schema if not exists` is not safe when two nodes run it at once (unique violation on
      // pg_namespace); the lock makes the second wait and then find the schema.
      await client.transaction(async (executor) => {
        await executor.query("select pg_advisory_xact_lock($1, hashtext($2))", [SCHEMA_LOCK_KEY, schema]);
        await executor.query(`create schema if not exists ${schema}`);
      });
    } catch (error) {
      await client.close().catch(() => undefined);
      throw storageFault(`cannot create PostgreSQL schema ${schema}`, error);
    }
  }
  return client;
}

/** Host, port and database of a connection string, never the password. */
function describeServer(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.hostname}:${url.port || "5432"}${url.pathname}`;
  } catch {
    return "the configured DATABASE_URL";
  }
}
