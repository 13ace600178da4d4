import { createHmac } from "node:crypto";
import express from "express";
import request from "supertest";
import { describe, expect, it } from "vitest";
import type { ChatReply, ChatService } from "../agents/index.js";
import type { Storage } from "../storage/index.js";
import { createChatRouter } from "./chat-router.js";
import { errorHandler } from "./error-handler.js";
import { createPortalToken, verifyPortalToken } from "./portal-token.js";

const SECRET = "portal-secret-0123456789abcdef-0123456789";
const NOW = new Date("2026-03-01T08:00:00Z");
const inAnHour = Math.floor(NOW.getTime() / 1000) + 3600;

describe("verifyPortalToken", () => {
  it("accepts a token signed with the secret and returns its user id", () => {
    const token = createPortalToken({ sub: "portal-user-42", exp: inAnHour }, SECRET);
    expect(verifyPortalToken(token, SECRET, NOW)).toMatchObject({ status: "valid", userId: "portal-user-42" });
  });

  it("rejects a token signed with another secret, or with its payload changed", () => {
    const token = createPortalToken({ sub: "u1", exp: inAnHour }, SECRET);
    expect(verifyPortalToken(token, `${SECRET}x`, NOW).status).toBe("bad_signature");
    const [, signature] = token.split(".");
    const forged = `${Buffer.from(JSON.stringify({ sub: "admin", exp: inAnHour })).toString("base64url")}.${signature}`;
    expect(verifyPortalToken(forged, SECRET, NOW).status).toBe("bad_signature");
  });

  it("rejects an expired token", () => {
    const token = createPortalToken({ sub: "u1", exp: Math.floor(NOW.getTime() / 1000) - 1 }, SECRET);
    expect(verifyPortalToken(token, SECRET, NOW).status).toBe("expired");
  });

  it.each(["", "abc", "a.b.c", "!!!.???", `${"a".repeat(3000)}.b`])("calls %j malformed or badly signed", (token) => {
    expect(["malformed", "bad_signature"]).toContain(verifyPortalToken(token, SECRET, NOW).status);
  });

  it("rejects a correctly signed payload without sub or exp", () => {
    const encoded = Buffer.from(JSON.stringify({ user: "u1" })).toString("base64url");
    const signed = `${encoded}.${createHmac("sha256", SECRET).update(encoded).digest("base64url")}`;
    expect(verifyPortalToken(signed, SECRET, NOW).status).toBe("malformed");
  });
});

describe("POST /api/chat with X-Banshi-User-Token", () => {
  function appWith(portalTokenSecret: string | undefined) {
    const calls: { userId?: string }[] = [];
    const chat: ChatService = {
      async reply(input) {
        calls.push({ userId: input.userId });
        return {
          sessionId: "00000000-0000-4000-8000-000000000000",
          messageId: "00000000-0000-4000-8000-000000000001",
          mode: "extractive",
          intent: "greeting",
          script: "simplified",
          answer: { text: "您好", citations: [], sentences: [] },
          grounded: true,
        } satisfies ChatReply;
      },
    };
    const storage = {
      sessions: { countByClientSince: async () => 0 },
    } as unknown as Pick<Storage, "sessions" | "feedback" | "listUnanswered">;
    const app = express();
    app.use(express.json());
    app.use("/api", createChatRouter({ chat, storage, portalTokenSecret }));
    app.use(errorHandler);
    return { app, calls };
  }

  it("stores the portal user on the session when the token is valid", async () => {
    const { app, calls } = appWith(SECRET);
    const token = createPortalToken({ sub: "portal-user-42", exp: Math.floor(Date.now() / 1000) + 600 }, SECRET);
    const response = await request(app).post("/api/chat").set("X-Banshi-User-Token", token).send({ message: "你好" });
    expect(response.status).toBe(200);
    expect(calls).toEqual([{ userId: "portal-user-42" }]);
  });

  it("answers 401 in Chinese for a forged or expired token", async () => {
    const { app, calls } = appWith(SECRET);
    const forged = createPortalToken(
      { sub: "someone", exp: Math.floor(Date.now() / 1000) + 600 },
      "another-secret-0123456789abcdef0123",
    );
    const bad = await request(app).post("/api/chat").set("X-Banshi-User-Token", forged).send({ message: "你好" });
    expect(bad.status).toBe(401);
    expect(bad.body.error.message).toMatch(/登录凭证无效/);
    const expired = createPortalToken({ sub: "someone", exp: Math.floor(Date.now() / 1000) - 5 }, SECRET);
    const late = await request(app).post("/api/chat").set("X-Banshi-User-Token", expired).send({ message: "你好" });
    expect(late.status).toBe(401);
    expect(late.body.error.message).toMatch(/已过期/);
    expect(calls).toEqual([]);
  });

  it("stays anonymous without a token, and ignores tokens when no secret is configured", async () => {
    const withSecret = appWith(SECRET);
    await request(withSecret.app).post("/api/chat").send({ message: "你好" }).expect(200);
    expect(withSecret.calls).toEqual([{ userId: undefined }]);
    const without = appWith(undefined);
    await request(without.app)
      .post("/api/chat")
      .set("X-Banshi-User-Token", "whatever.sig")
      .send({ message: "你好" })
      .expect(200);
    expect(without.calls).toEqual([{ userId: undefined }]);
  });
});
