import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { createDataProtection } from "../data-protection/index.js";
import { createStorage, type Storage } from "./index.js";

let dataDir: string;
let storage: Storage;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "banshi-feedback-"));
  const protection = await createDataProtection({ dataDir });
  storage = await createStorage({ dataDir, cipher: protection.cipher });
});
afterEach(async () => {
  await storage.close();
  await rm(dataDir, { recursive: true, force: true });
});

it("refuses a rating of a message that does not exist without making a data key for its session", async () => {
  for (let i = 0; i < 5; i++) {
    const result = await storage.feedback.record({
      sessionId: randomUUID(),
      messageId: randomUUID(),
      rating: "down",
      comment: "留言里可能有电话 13987654321",
    });
    expect(result).toEqual({ status: "message_not_found" });
  }
  const sessionKeys = await readdir(path.join(dataDir, "keys", "session")).catch(() => [] as string[]);
  expect(sessionKeys).toEqual([]);
});
