import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import type { Storage } from "./create-storage.js";
import { describePrereviewStorageContract } from "./describe-prereview-storage-contract.js";
import { describeStatsContract } from "./describe-stats-contract.js";
import { describeTurnStorageContract } from "./describe-turn-storage-contract.js";
import { migrations } from "./migrations.js";
import { runMigrations } from "./run-migrations.js";

export interface StorageContractOptions {
  /** Opens storage on an empty database (a temporary directory, a fresh schema). */
  open(): Promise<Storage>;
  /** Removes what `open` created; called after the storage is closed. */
  dispose?(): Promise<void>;
}

const MISSING_ID = "00000000-0000-4000-8000-000000000000";

/**
 * The behaviour every engine must show. Each engine's test file calls this inside its own describe, so
 * PGlite and PostgreSQL run the same cases against the same schema.
 */
export function describeStorageContract(options: StorageContractOptions): void {
  let storage: Storage;

  beforeAll(async () => {
    storage = await options.open();
  });
  afterAll(async () => {
    await storage?.close();
    await options.dispose?.();
  });
  beforeEach(async () => {
    await storage.client.query("truncate chat_sessions cascade");
  });

  describePrereviewStorageContract(() => storage);
  describeStatsContract(() => storage);
  describeTurnStorageContract(() => storage);

  const countRows = async (table: string, sessionId: string) => {
    const rows = await storage.client.query(`select count(*)::integer as n from ${table} where session_id = $1`, [
      sessionId,
    ]);
    return Number(rows[0]?.n);
  };

  describe("migrations", () => {
    it("records each migration once and applies nothing when run again", async () => {
      const again = await runMigrations({ client: storage.client });
      expect(again).toEqual({ applied: [], version: migrations.length });
      expect(storage.schemaVersion).toBe(migrations.length);
      const recorded = await storage.client.query("select version, name from schema_migrations order by version");
      expect(recorded).toEqual(migrations.map(({ version, name }) => ({ version, name })));
    });

    it("applies only a newly added migration, as a later module will", async () => {
      const extra = {
        version: migrations.length + 1,
        name: "contract_extra",
        statements: ["create table contract_extra (id integer)"],
      };
      try {
        const result = await runMigrations({ client: storage.client, migrations: [...migrations, extra] });
        expect(result).toEqual({ applied: [extra.version], version: extra.version });
        await expect(storage.client.query("select count(*) from contract_extra")).resolves.toHaveLength(1);
      } finally {
        await storage.client.query("drop table if exists contract_extra");
        await storage.client.query("delete from schema_migrations where version = $1", [extra.version]);
      }
    });

    it("refuses to start when a recorded migration has another name in this build", async () => {
      const renamed = migrations.map((migration) => ({ ...migration, name: `${migration.name}_renamed` }));
      const failure = runMigrations({ client: storage.client, migrations: renamed });
      await expect(failure).rejects.toBeInstanceOf(AppError);
      await expect(failure).rejects.toMatchObject({ code: "internal", message: /in the database but/ });
    });
  });

  describe("sessions", () => {
    it("creates a session and reads it back", async () => {
      const created = await storage.sessions.create({ clientKey: "ip:1", userId: "u-7", state: { step: "start" } });
      expect(created).toMatchObject({ clientKey: "ip:1", userId: "u-7", state: { step: "start" }, version: 1 });
      expect(created.createdAt).toBeInstanceOf(Date);
      expect(await storage.sessions.get(created.id)).toEqual(created);
    });

    it("returns undefined for a missing session and for an id that is not a uuid", async () => {
      expect(await storage.sessions.get(MISSING_ID)).toBeUndefined();
      expect(await storage.sessions.get("not-a-uuid")).toBeUndefined();
    });

    it("overwrites the state without expectedVersion and bumps the version", async () => {
      const created = await storage.sessions.create({ clientKey: "ip:1" });
      expect(created.state).toEqual({});
      const state = { bundleId: "newborn", answers: { insured: "yes" }, asked: ["insured"] };
      const result = await storage.sessions.updateState({ id: created.id, state });
      expect(result).toMatchObject({ status: "updated", session: { state, version: 2 } });
      expect((await storage.sessions.get(created.id))?.state).toEqual(state);
    });

    it("reports a conflict when another writer updated since expectedVersion", async () => {
      const created = await storage.sessions.create({ clientKey: "ip:1" });
      const first = await storage.sessions.updateState({ id: created.id, state: { turn: 1 }, expectedVersion: 1 });
      expect(first).toMatchObject({ status: "updated", session: { version: 2 } });
      const stale = await storage.sessions.updateState({ id: created.id, state: { turn: "lost" }, expectedVersion: 1 });
      expect(stale).toMatchObject({ status: "conflict", session: { state: { turn: 1 }, version: 2 } });
    });

    it("reports not_found when updating a missing session", async () => {
      expect(await storage.sessions.updateState({ id: MISSING_ID, state: {} })).toEqual({ status: "not_found" });
    });

    it("counts a client's sessions since an instant, for the per-client limit", async () => {
      const before = new Date(Date.now() - 60_000);
      for (let index = 0; index < 3; index++) await storage.sessions.create({ clientKey: "ip:counted" });
      await storage.sessions.create({ clientKey: "ip:other" });
      expect(await storage.sessions.countByClientSince({ clientKey: "ip:counted", since: before })).toBe(3);
      const later = new Date(Date.now() + 60_000);
      expect(await storage.sessions.countByClientSince({ clientKey: "ip:counted", since: later })).toBe(0);
    });
  });

  describe("messages", () => {
    it("lists a session's messages in the order they were appended", async () => {
      const session = await storage.sessions.create({ clientKey: "ip:1" });
      const texts: string[] = [];
      for (let turn = 0; turn < 6; turn++) {
        texts.push(`问题 ${turn}`, `回答 ${turn}`);
        await storage.messages.append({ sessionId: session.id, role: "user", text: `问题 ${turn}` });
        await storage.messages.append({
          sessionId: session.id,
          role: "assistant",
          text: `回答 ${turn}`,
          grounded: true,
        });
      }
      const listed = await storage.messages.listBySession({ sessionId: session.id });
      expect(listed.map((message) => message.text)).toEqual(texts);
      const latest = await storage.messages.listBySession({ sessionId: session.id, limit: 3 });
      expect(latest.map((message) => message.text)).toEqual(texts.slice(-3));
    });

    it("keeps the payload and links an answer to the latest question", async () => {
      const session = await storage.sessions.create({ clientKey: "ip:1" });
      const asked = await storage.messages.append({ sessionId: session.id, role: "user", text: "退休要带什么？" });
      const payload = {
        intent: "consult",
        mode: "extractive",
        citations: [{ id: "matter:retire", title: "退休", quote: "身份证" }],
        route: { candidates: [{ id: "retire", confidence: 0.93 }] },
      };
      const answered = await storage.messages.append({
        sessionId: session.id,
        role: "assistant",
        text: "需要身份证。",
        grounded: true,
        payload,
      });
      if (asked.status !== "appended" || answered.status !== "appended") throw new Error("append failed");
      expect(asked.message).toMatchObject({ role: "user", normalizedText: "退休要带什么", grounded: undefined });
      expect(answered.message).toMatchObject({
        role: "assistant",
        grounded: true,
        payload,
        replyToId: asked.message.id,
      });
    });

    it("marks the session updated when a message is appended", async () => {
      const session = await storage.sessions.create({ clientKey: "ip:1" });
      await new Promise((resolve) => setTimeout(resolve, 5));
      await storage.messages.append({ sessionId: session.id, role: "user", text: "你好" });
      const after = await storage.sessions.get(session.id);
      expect(after?.updatedAt.getTime()).toBeGreaterThan(session.updatedAt.getTime());
    });

    it("reports a missing session or reply target as a result, not an error", async () => {
      expect(await storage.messages.append({ sessionId: MISSING_ID, role: "user", text: "x" })).toEqual({
        status: "session_not_found",
      });
      const session = await storage.sessions.create({ clientKey: "ip:1" });
      const elsewhere = await storage.sessions.create({ clientKey: "ip:1" });
      const foreign = await storage.messages.append({ sessionId: elsewhere.id, role: "user", text: "别处的问题" });
      if (foreign.status !== "appended") throw new Error("append failed");
      const reply = await storage.messages.append({
        sessionId: session.id,
        role: "assistant",
        text: "x",
        grounded: false,
        replyToId: foreign.message.id,
      });
      expect(reply).toEqual({ status: "reply_to_not_found" });
      expect(await storage.messages.listBySession({ sessionId: MISSING_ID })).toEqual([]);
    });
  });

  describe("feedback", () => {
    const answeredSession = async () => {
      const session = await storage.sessions.create({ clientKey: "ip:1" });
      const question = await storage.messages.append({ sessionId: session.id, role: "user", text: "怎么办营业执照" });
      const answer = await storage.messages.append({
        sessionId: session.id,
        role: "assistant",
        text: "请到窗口办理。",
        grounded: true,
      });
      if (question.status !== "appended" || answer.status !== "appended") throw new Error("append failed");
      return { session, question: question.message, answer: answer.message };
    };

    it("replaces the first rating of a message with the second", async () => {
      const { session, answer } = await answeredSession();
      const first = await storage.feedback.record({
        sessionId: session.id,
        messageId: answer.id,
        rating: "down",
        comment: "没说材料",
      });
      expect(first).toMatchObject({
        status: "recorded",
        replaced: false,
        feedback: { rating: "down", comment: "没说材料" },
      });
      const second = await storage.feedback.record({ sessionId: session.id, messageId: answer.id, rating: "up" });
      expect(second).toMatchObject({
        status: "recorded",
        replaced: true,
        feedback: { rating: "up", comment: undefined },
      });
      if (first.status !== "recorded" || second.status !== "recorded") throw new Error("record failed");
      expect(second.feedback.id).toBe(first.feedback.id);
      expect(second.feedback.createdAt).toEqual(first.feedback.createdAt);
      expect(await countRows("feedback", session.id)).toBe(1);
      expect(await storage.feedback.getByMessage(answer.id)).toEqual(second.feedback);
    });

    it("rejects ratings of unknown messages, other sessions' messages and the user's own words", async () => {
      const { session, question, answer } = await answeredSession();
      const other = await storage.sessions.create({ clientKey: "ip:2" });
      const record = (sessionId: string, messageId: string) =>
        storage.feedback.record({ sessionId, messageId, rating: "down" });
      expect(await record(session.id, MISSING_ID)).toEqual({ status: "message_not_found" });
      expect(await record(other.id, answer.id)).toEqual({ status: "message_not_found" });
      expect(await record(session.id, "nonsense")).toEqual({ status: "message_not_found" });
      expect(await record(session.id, question.id)).toEqual({ status: "not_an_answer" });
    });
  });

  describe("listUnanswered", () => {
    const exchange = async (question: string, grounded: boolean, rating?: "up" | "down") => {
      const session = await storage.sessions.create({ clientKey: "ip:1" });
      await storage.messages.append({ sessionId: session.id, role: "user", text: question });
      const answer = await storage.messages.append({ sessionId: session.id, role: "assistant", text: "…", grounded });
      if (answer.status !== "appended") throw new Error("append failed");
      if (rating) await storage.feedback.record({ sessionId: session.id, messageId: answer.message.id, rating });
      return { session, answer: answer.message };
    };

    it("groups ungrounded and down-rated questions by normalised text, most frequent first", async () => {
      await exchange("退休要带什么？", false);
      await exchange("退休 要带什么", false);
      const repeated = await exchange("退休要带什么", false);
      // A second flagged answer to the same question does not count the question twice.
      await storage.messages.append({ sessionId: repeated.session.id, role: "assistant", text: "…", grounded: false });
      await exchange("营业执照怎么办", true, "down");
      await exchange("营业执照 怎么办？", false, "up");
      await exchange("营业执照怎么办", true, "up");
      await exchange("天气怎么样", false);
      await exchange("新生儿落户", true);

      const { questions } = await storage.listUnanswered({ limit: 10 });
      expect(
        questions.map(({ normalizedText, count, ungrounded, downRated }) => ({
          normalizedText,
          count,
          ungrounded,
          downRated,
        })),
      ).toEqual([
        { normalizedText: "退休要带什么", count: 3, ungrounded: 3, downRated: 0 },
        { normalizedText: "营业执照怎么办", count: 2, ungrounded: 1, downRated: 1 },
        { normalizedText: "天气怎么样", count: 1, ungrounded: 1, downRated: 0 },
      ]);
      expect(questions[0]?.question).toBe("退休要带什么");
      expect(questions[0]?.lastSeenAt).toBeInstanceOf(Date);
      expect((await storage.listUnanswered({ limit: 1 })).questions).toHaveLength(1);
      expect((await storage.listUnanswered({ since: new Date(Date.now() + 60_000) })).questions).toEqual([]);
    });

    it("rejects a limit outside 1–1000 as a bad request", async () => {
      await expect(storage.listUnanswered({ limit: 0 })).rejects.toMatchObject({ code: "bad_request" });
    });
  });

  describe("deleting a session", () => {
    it("removes its messages and feedback with it", async () => {
      const session = await storage.sessions.create({ clientKey: "ip:1" });
      await storage.messages.append({ sessionId: session.id, role: "user", text: "问" });
      const answer = await storage.messages.append({
        sessionId: session.id,
        role: "assistant",
        text: "答",
        grounded: true,
      });
      if (answer.status !== "appended") throw new Error("append failed");
      await storage.feedback.record({ sessionId: session.id, messageId: answer.message.id, rating: "up" });
      expect(await storage.sessions.delete(session.id)).toBe(true);
      expect(await countRows("chat_messages", session.id)).toBe(0);
      expect(await countRows("feedback", session.id)).toBe(0);
      expect(await storage.sessions.get(session.id)).toBeUndefined();
      expect(await storage.sessions.delete(session.id)).toBe(false);
    });
  });
}
