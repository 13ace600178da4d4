import { z } from "zod";
import { AppError } from "../errors.js";
import { type Migration, migrations as defaultMigrations } from "./migrations.js";
import { parseRows } from "./parse-rows.js";
import type { SqlClient } from "./sql-client.js";
import type { StorageLogger } from "./storage-logger.js";

export interface RunMigrationsOptions {
  client: SqlClient;
  /** Default: the application's `migrations`. Tests pass their own. */
  migrations?: readonly Migration[];
  logger?: StorageLogger;
}

export interface RunMigrationsResult {
  /** Versions applied by this call, in order; empty when the schema was current. */
  applied: number[];
  /** The highest version recorded in `schema_migrations` afterwards. */
  version: number;
}

/** First key of the two-key advisory lock; the second is the schema, so schemas migrate independently. */
const MIGRATION_LOCK_KEY = 0x62616e73; // "bans"

const AppliedRowSchema = z.object({ version: z.coerce.number().int(), name: z.string() });

/**
 * Brings the schema up to date in one transaction: all pending migrations apply, or none. The
 * transaction first takes a transaction-scoped advisory lock, so when several API nodes start at once
 * on one PostgreSQL database, one migrates and the others wait, then find nothing left to do.
 * (PGlite is single-process; the lock is taken there too and costs nothing.)
 */
export async function runMigrations(options: RunMigrationsOptions): Promise<RunMigrationsResult> {
  const list = options.migrations ?? defaultMigrations;
  checkOrder(list);
  return options.client.transaction(async (executor) => {
    await executor.query("select pg_advisory_xact_lock($1, hashtext(current_schema()))", [MIGRATION_LOCK_KEY]);
    await executor.query(
      `create table if not exists schema_migrations (
        version integer primary key,
        name text not null,
        applied_at timestamptz not null default now()
      )`,
    );
    const rows = await executor.query("select version, name from schema_migrations order by version");
    const recorded = parseRows(AppliedRowSchema, rows, "schema_migrations");
    const byVersion = new Map(list.map((migration) => [migration.version, migration]));
    for (const row of recorded) {
      const known = byVersion.get(row.version);
      if (known && known.name !== row.name)
        throw new AppError(
          "internal",
          `migration ${row.version} is "${row.name}" in the database but "${known.name}" in this build`,
        );
    }
    const latestKnown = list.at(-1)?.version ?? 0;
    const latestRecorded = recorded.at(-1)?.version ?? 0;
    if (latestRecorded > latestKnown)
      options.logger?.warn(
        { databaseVersion: latestRecorded, buildVersion: latestKnown },
        "database schema is newer than this build",
      );

    const done = new Set(recorded.map((row) => row.version));
    const applied: number[] = [];
    for (const migration of list) {
      if (done.has(migration.version)) continue;
      for (const statement of migration.statements) await executor.query(statement);
      await executor.query("insert into schema_migrations (version, name) values ($1, $2)", [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
      options.logger?.info({ version: migration.version, name: migration.name }, "migration applied");
    }
    return { applied, version: Math.max(latestRecorded, applied.at(-1) ?? 0) };
  });
}

/** A list out of order would apply differently on fresh and existing databases; refuse it. */
function checkOrder(list: readonly Migration[]): void {
  list.forEach((migration, index) => {
    if (migration.version !== index + 1)
      throw new AppError("internal", `migration at position ${index + 1} has version ${migration.version}`);
  });
}
