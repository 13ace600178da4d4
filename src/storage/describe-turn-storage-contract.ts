import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Storage } from "./create-storage.js";

const MISSING_ID = "00000000-0000-4000-8000-000000000000";

/** `messages.appendTurn`, a chat turn in one statement, on every engine (called by the storage contract). */
export function describeTurnStorageContract(storage: () => Storage): void {
  describe("messages.appendTurn", () => {
    it("opens a session with its first question and reply, in that order", async () => {
      const id = randomUUID();
      const stored = await storage().messages.appendTurn({
        session: { create: { id, clientKey: "ip:turn", userId: "portal-7", state: { stage: "scenario" } } },
        userText: "退休要带什么？",
        reply: { text: "需要身份证。", grounded: true, payload: { intent: "consult" } },
      });
      if (stored.status !== "appended") throw new Error("appendTurn failed");
      expect(stored.sessionId).toBe(id);
      expect(stored.userMessage).toMatchObject({ sessionId: id, role: "user", text: "退休要带什么？" });
      expect(stored.userMessage.normalizedText).toBe("退休要带什么");
      expect(stored.reply).toMatchObject({
        role: "assistant",
        text: "需要身份证。",
        grounded: true,
        payload: { intent: "consult" },
        replyToId: stored.userMessage.id,
      });
      const session = await storage().sessions.get(id);
      expect(session).toMatchObject({ clientKey: "ip:turn", userId: "portal-7", state: { stage: "scenario" } });
      expect(session?.version).toBe(1);
      const listed = await storage().messages.listBySession({ sessionId: id });
      expect(listed.map((message) => message.id)).toEqual([stored.userMessage.id, stored.reply.id]);
    });

    it("continues a session after earlier turns, updating its state only when given one", async () => {
      const session = await storage().sessions.create({ clientKey: "ip:turn", state: { step: 1 } });
      const texts: string[] = [];
      for (let turn = 0; turn < 3; turn++) {
        texts.push(`问题 ${turn}`, `回答 ${turn}`);
        const stored = await storage().messages.appendTurn({
          session: turn === 1 ? { id: session.id, state: { step: 2 } } : { id: session.id },
          userText: `问题 ${turn}`,
          reply: { text: `回答 ${turn}`, grounded: false },
        });
        expect(stored.status).toBe("appended");
      }
      const listed = await storage().messages.listBySession({ sessionId: session.id });
      expect(listed.map((message) => message.text)).toEqual(texts);
      const after = await storage().sessions.get(session.id);
      expect(after).toMatchObject({ state: { step: 2 }, version: 2 });
      expect(after?.updatedAt.getTime()).toBeGreaterThanOrEqual(session.updatedAt.getTime());
    });

    it("writes nothing for a session that is gone and says so", async () => {
      const turn = { userText: "还在吗", reply: { text: "x", grounded: false } };
      expect(await storage().messages.appendTurn({ session: { id: MISSING_ID }, ...turn })).toEqual({
        status: "session_not_found",
      });
      expect(await storage().messages.appendTurn({ session: { id: "not-a-uuid" }, ...turn })).toEqual({
        status: "session_not_found",
      });
      const rows = await storage().client.query("select count(*)::integer as n from chat_messages");
      expect(rows[0]?.n).toBe(0);
    });
  });
}
