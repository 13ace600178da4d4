import { describe, expect, it } from "vitest";
import type { Migration } from "./migrations.js";
import { runMigrations } from "./run-migrations.js";
import type { SqlClient, SqlParameter, SqlRow } from "./sql-client.js";

/** A client that records statements and answers `select … from schema_migrations` with `recorded`. */
function createFakeClient(recorded: SqlRow[] = []) {
  const calls: { sql: string; parameters?: readonly SqlParameter[]; inTransaction: boolean }[] = [];
  let inTransaction = false;
  const query = async (sql: string, parameters?: readonly SqlParameter[]) => {
    calls.push({ sql: sql.replace(/\s+/g, " ").trim(), parameters, inTransaction });
    return sql.startsWith("select version, name from schema_migrations") ? recorded : [];
  };
  const client: SqlClient = {
    engine: "postgres",
    query,
    async transaction(work) {
      inTransaction = true;
      try {
        return await work({ query });
      } finally {
        inTransaction = false;
      }
    },
    close: async () => undefined,
  };
  return { client, calls };
}

const list: Migration[] = [
  { version: 1, name: "one", statements: ["create table a (id integer)"] },
  { version: 2, name: "two", statements: ["create table b (id integer)", "create index b_id on b (id)"] },
];

describe("runMigrations", () => {
  it("takes the advisory lock before reading or creating schema_migrations, all in one transaction", async () => {
    const { client, calls } = createFakeClient();
    await runMigrations({ client, migrations: list });
    expect(calls[0]?.sql).toMatch(/^select pg_advisory_xact_lock\(\$1, hashtext\(current_schema\(\)\)\)$/);
    expect(calls[1]?.sql).toMatch(/^create table if not exists schema_migrations/);
    expect(calls.every((call) => call.inTransaction)).toBe(true);
  });

  it("applies only the versions not yet recorded, in order, recording each", async () => {
    const { client, calls } = createFakeClient([{ version: 1, name: "one" }]);
    const result = await runMigrations({ client, migrations: list });
    expect(result).toEqual({ applied: [2], version: 2 });
    const after = calls.slice(3).map((call) => call.sql);
    expect(after).toEqual([
      "create table b (id integer)",
      "create index b_id on b (id)",
      "insert into schema_migrations (version, name) values ($1, $2)",
    ]);
    expect(calls.at(-1)?.parameters).toEqual([2, "two"]);
  });

  it("refuses a list with gaps or out of order before touching the database", async () => {
    const { client, calls } = createFakeClient();
    const gapped = [list[0], { ...list[1], version: 3 }] as Migration[];
    await expect(runMigrations({ client, migrations: gapped })).rejects.toMatchObject({ code: "internal" });
    expect(calls).toEqual([]);
  });

  it("warns and applies nothing when the database is ahead of this build", async () => {
    const { client } = createFakeClient([
      { version: 1, name: "one" },
      { version: 2, name: "two" },
      { version: 3, name: "three" },
    ]);
    const warnings: string[] = [];
    const logger = { info: () => undefined, warn: (_details: object, message: string) => void warnings.push(message) };
    expect(await runMigrations({ client, migrations: list, logger })).toEqual({ applied: [], version: 3 });
    expect(warnings).toEqual(["database schema is newer than this build"]);
  });
});
