// Storage on a private PostgreSQL database that a test takes away and brings back while the app runs
// (the database outage suites).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createStorage, type Storage } from "../storage/index.js";
import { createPrivateDatabase, type PrivateDatabase } from "./cluster-processes.js";

export interface OutageStorage {
  database: PrivateDatabase;
  storage: Storage;
  dataDir: string;
  /** Lets connections in again, closes the storage, drops the database and removes the data directory. */
  close(): Promise<void>;
}

/** A private database on the server of `baseUrl`, storage on it, and a data directory named `prefix…`. */
export async function createOutageStorage(baseUrl: string, prefix: string): Promise<OutageStorage> {
  const database = await createPrivateDatabase(baseUrl);
  const dataDir = await mkdtemp(path.join(tmpdir(), prefix));
  const storage = await createStorage({ databaseUrl: database.url, dataDir });
  return {
    database,
    storage,
    dataDir,
    async close() {
      await database.acceptConnections().catch(() => undefined);
      await storage.close();
      await database.drop().catch((error: unknown) => console.warn("private database not dropped:", error));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
