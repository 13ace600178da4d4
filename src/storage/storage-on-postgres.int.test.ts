import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import { createStorage } from "./create-storage.js";
import { describeStorageContract } from "./describe-storage-contract.js";
import { migrations } from "./migrations.js";
import { createPostgresClient } from "./postgres-client.js";

const databaseUrl = process.env.TEST_DATABASE_URL?.trim() || undefined;
if (!databaseUrl)
  console.info(
    "storage: PostgreSQL suite SKIPPED because TEST_DATABASE_URL is not set " +
      "(e.g. TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test); only PGlite was tested.",
  );

/** A schema name no other run uses, so parallel runs on one database do not collide. */
const freshSchema = (purpose: string) => `banshi_test_${purpose}_${process.pid}_${randomBytes(4).toString("hex")}`;

const createdSchemas: string[] = [];
afterAll(async () => {
  if (!databaseUrl || createdSchemas.length === 0) return;
  const admin = await createPostgresClient({ connectionString: databaseUrl });
  try {
    for (const schema of createdSchemas) await admin.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await admin.close();
  }
});

describe.skipIf(!databaseUrl)("storage on PostgreSQL (TEST_DATABASE_URL)", () => {
  const url = databaseUrl ?? "";

  describe("contract", () => {
    describeStorageContract({
      open: async () => {
        const schema = freshSchema("contract");
        createdSchemas.push(schema);
        const storage = await createStorage({ databaseUrl: url, dataDir: "/nonexistent", schema });
        expect(storage.engine).toBe("postgres");
        return storage;
      },
    });
  });

  it("lets several API nodes start at once on a fresh schema: one migrates, the others wait", async () => {
    const schema = freshSchema("race");
    createdSchemas.push(schema);
    const nodes = await Promise.all(
      Array.from({ length: 4 }, () =>
        createStorage({ databaseUrl: url, dataDir: "/nonexistent", schema, poolSize: 2 }),
      ),
    );
    try {
      expect(nodes.map((node) => node.schemaVersion)).toEqual(nodes.map(() => migrations.length));
      const recorded = await nodes[0]?.client.query("select version from schema_migrations order by version");
      expect(recorded).toEqual(migrations.map(({ version }) => ({ version })));
      const session = await nodes[1]?.sessions.create({ clientKey: "ip:1" });
      expect(session && (await nodes[3]?.sessions.get(session.id))).toEqual(session);
    } finally {
      await Promise.all(nodes.map((node) => node.close()));
    }
  });
});

describe("storage on PostgreSQL, server unreachable", () => {
  it("fails with an AppError naming the server but not the password", async () => {
    const error = await createStorage({
      databaseUrl: "postgresql://banshi:s3cret@127.0.0.1:1/banshi",
      dataDir: "/nonexistent",
    }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    if (!(error instanceof AppError)) return;
    expect(error.code).toBe("internal");
    expect(error.message).toBe("cannot connect to PostgreSQL at 127.0.0.1:1/banshi");
    expect(error.message).not.toContain("s3cret");
    expect(error.cause).toBeDefined();
  });
});
