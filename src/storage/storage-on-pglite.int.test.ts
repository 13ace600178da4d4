import { access, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createStorage } from "./create-storage.js";
import { describeStorageContract } from "./describe-storage-contract.js";
import { migrations } from "./migrations.js";
import { createRecordingLogger } from "./recording-logger.js";

const directories: string[] = [];
const temporaryDataDir = async () => {
  const directory = await mkdtemp(path.join(tmpdir(), "banshi-storage-"));
  directories.push(directory);
  return directory;
};
afterAll(async () => {
  await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
});

describe("storage on PGlite", () => {
  describeStorageContract({ open: async () => createStorage({ dataDir: await temporaryDataDir() }) });

  describe("in a thread of its own (pgliteThread)", () => {
    describeStorageContract({
      open: async () => createStorage({ dataDir: await temporaryDataDir(), pgliteThread: true }),
    });
  });

  it("keeps data in <dataDir>/db across closing and reopening", async () => {
    const dataDir = await temporaryDataDir();
    const first = await createStorage({ dataDir });
    expect(first.engine).toBe("pglite");
    const session = await first.sessions.create({ clientKey: "ip:1", state: { bundleId: "retire" } });
    await first.messages.append({ sessionId: session.id, role: "user", text: "退休要带什么" });
    await first.close();
    await first.close(); // closing twice is harmless
    await expect(access(path.join(dataDir, "db", "PG_VERSION"))).resolves.toBeUndefined();

    const logger = createRecordingLogger();
    const reopened = await createStorage({ dataDir, logger });
    try {
      expect(reopened.schemaVersion).toBe(migrations.length);
      expect(logger.entries).toContainEqual(expect.objectContaining({ message: "storage schema current" }));
      // updatedAt moved on when the message was appended; everything else is as created.
      expect(await reopened.sessions.get(session.id)).toMatchObject({ ...session, updatedAt: expect.any(Date) });
      const messages = await reopened.messages.listBySession({ sessionId: session.id });
      expect(messages.map((message) => message.text)).toEqual(["退休要带什么"]);
    } finally {
      await reopened.close();
    }
  });
});
