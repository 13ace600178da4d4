// The chat when its session store is away: real storage (PGlite) behind a switch that makes the
// conversation tables fail the way an unreachable database does, and the real index.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStorage, type Storage } from "../storage/index.js";
import { sharedChatKnowledge } from "../test-support/shared-index.js";
import { DEGRADED_NOTICES } from "./chat-reply.js";
import { createChatService } from "./chat-service.js";

let storage: Storage;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "banshi-chat-degraded-"));
  storage = await createStorage({ dataDir });
});
afterAll(async () => {
  await storage.close();
  await rm(dataDir, { recursive: true, force: true });
});

/**
 * The storage with a switch: while `down`, every session and message call fails like a lost connection
 * and `reachable` says no (unless `probeAnswers`: a fault of the statement, not an outage). Calls are
 * recorded by name.
 */
function switchableStorage() {
  const calls: string[] = [];
  const control = { down: false, probeAnswers: false };
  const guard = <Arguments extends unknown[], Result>(
    name: string,
    call: (...parameters: Arguments) => Promise<Result>,
  ) => {
    return async (...parameters: Arguments): Promise<Result> => {
      calls.push(name);
      if (control.down) throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
      return call(...parameters);
    };
  };
  const wrapped = {
    sessions: {
      ...storage.sessions,
      get: guard("sessions.get", storage.sessions.get),
      create: guard("sessions.create", storage.sessions.create),
      updateState: guard("sessions.updateState", storage.sessions.updateState),
      countByClientSince: guard("sessions.countByClientSince", storage.sessions.countByClientSince),
    },
    messages: {
      append: guard("messages.append", storage.messages.append),
      appendTurn: guard("messages.appendTurn", storage.messages.appendTurn),
      listBySession: guard("messages.listBySession", storage.messages.listBySession),
    },
    reachable: async () => !control.down || control.probeAnswers,
  };
  return { storage: wrapped, control, calls };
}

function recordingLogger() {
  const lines: { details: Record<string, unknown>; message: string }[] = [];
  return { lines, warn: (details: Record<string, unknown>, message: string) => lines.push({ details, message }) };
}

const countSessions = async (clientKey: string) =>
  storage.sessions.countByClientSince({ clientKey, since: new Date(0) });

describe("chat with the session store unreachable", () => {
  it("answers a new question from the index, unsaved, and says so; nothing is stored", async () => {
    const { storage: switchable, control } = switchableStorage();
    const logger = recordingLogger();
    const chat = createChatService({ knowledge: await sharedChatKnowledge(), storage: switchable, logger });
    control.down = true;
    const reply = await chat.reply({
      message: "食品经营许可要什么材料 身份证号110101199003077777",
      clientKey: "d-new",
    });
    expect(reply.grounded).toBe(true);
    expect(reply.answer.citations.length).toBeGreaterThan(0);
    expect(reply.degraded).toEqual({ reason: "not_saved", notice: DEGRADED_NOTICES.not_saved });
    expect(reply.sessionId).toBeUndefined();
    expect(reply.messageId).toBeUndefined();
    expect(await countSessions("d-new")).toBe(0);
    expect(logger.lines.map((line) => line.message)).toEqual([
      "chat session store unreachable: the reply is given from the index and this turn is not saved",
    ]);
    // The log names the fault, never the person's message.
    expect(JSON.stringify(logger.lines)).not.toMatch(/110101|食品/);
  });

  it("treats a conversation whose state cannot be loaded as new, with a note", async () => {
    const { storage: switchable, control } = switchableStorage();
    const chat = createChatService({ knowledge: await sharedChatKnowledge(), storage: switchable });
    const first = await chat.reply({ message: "宝宝刚出生要办哪些手续", clientKey: "d-old" });
    expect(first.scenario?.bundleId).toBe("newborn");
    const sessionId = first.sessionId ?? "";
    const before = await storage.messages.listBySession({ sessionId });

    control.down = true;
    const reply = await chat.reply({ sessionId, message: "食品经营许可要什么材料", clientKey: "d-old" });
    expect(reply.degraded).toEqual({ reason: "history_not_loaded", notice: DEGRADED_NOTICES.history_not_loaded });
    // Answered as a new question (not as an answer to the newborn scenario question).
    expect(reply.intent).toBe("consult");
    expect(reply.grounded).toBe(true);
    expect(reply.sessionId).toBeUndefined();

    // Back again: the conversation goes on where it was stored, and stores again.
    control.down = false;
    expect(await storage.messages.listBySession({ sessionId })).toHaveLength(before.length);
    const next = await chat.reply({ sessionId, message: "我们结婚了", clientKey: "d-old" });
    expect(next.degraded).toBeUndefined();
    expect(next.sessionId).toBe(sessionId);
    expect(await storage.messages.listBySession({ sessionId })).toHaveLength(before.length + 2);
  });

  it("stores nothing of a new conversation when the database goes away as the turn is saved", async () => {
    const { storage: switchable, control, calls } = switchableStorage();
    const chat = createChatService({ knowledge: await sharedChatKnowledge(), storage: switchable });
    control.down = true;
    const reply = await chat.reply({ message: "退休要带什么材料", clientKey: "d-save" });
    expect(reply.degraded?.reason).toBe("not_saved");
    // The reply was ready before the first write was tried, and that write failed: nothing was kept.
    expect(calls).toEqual(["messages.appendTurn"]);
    expect(await countSessions("d-save")).toBe(0);
  });

  it("stores again once the database is back, without a new service", async () => {
    const { storage: switchable, control } = switchableStorage();
    const chat = createChatService({ knowledge: await sharedChatKnowledge(), storage: switchable });
    control.down = true;
    expect((await chat.reply({ message: "退休要带什么材料", clientKey: "d-back" })).degraded).toBeDefined();
    control.down = false;
    const reply = await chat.reply({ message: "退休要带什么材料", clientKey: "d-back" });
    expect(reply.degraded).toBeUndefined();
    expect(await storage.messages.listBySession({ sessionId: reply.sessionId ?? "" })).toHaveLength(2);
  });

  it("still fails on a storage fault while the database answers (not an outage)", async () => {
    const { storage: switchable, control } = switchableStorage();
    const chat = createChatService({ knowledge: await sharedChatKnowledge(), storage: switchable });
    control.down = true;
    control.probeAnswers = true;
    await expect(chat.reply({ message: "退休要带什么材料", clientKey: "d-fault" })).rejects.toThrow(/ECONNREFUSED/);
  });
});
