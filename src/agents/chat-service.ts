// The chat service: storage around the pure turn. Loads the session, views the message once
// (retrieval, intent model), runs the turn, lets an optional model rephrase a grounded answer, and
// stores the state and both messages. ID and phone numbers are masked before a message is stored.
import { randomUUID } from "node:crypto";
import { todayInChina } from "../benefits/index.js";
import { type Benefit, buildChecklist, type Catalog } from "../catalog/index.js";
import { AppError } from "../errors.js";
import {
  type Chunk,
  buildSentenceIndexInSlices,
  type Retriever,
  type Tokenizer,
  toTraditionalChinese,
} from "../retrieval/index.js";
import type { ChatSession, Storage } from "../storage/index.js";
import type { ChatModel, ChatModelTools, RephraseInput } from "./chat-model.js";
import { type ChatReply, DEGRADED_NOTICES, type DegradedReason, type DraftReply } from "./chat-reply.js";
import { type DialogueState, DialogueStateSchema } from "./dialogue-state.js";
import type { AnswerThresholds } from "./extract-answer.js";
import type { IntentClassifier } from "./intent-classifier.js";
import { loadIntentClassifier } from "./load-intent-classifier.js";
import { maskPersonalData, maskPersonalText } from "../mask-personal-data.js";
import { type ChatKnowledge, viewMessage } from "./message-view.js";
import { rephraseGrounded } from "./llm-answer.js";
import { flagRepealedPolicies } from "./flag-repealed-policies.js";
import { presentReply } from "./present-reply.js";
import { runTurn } from "./run-turn.js";
import type { TurnReply } from "./turn-reply.js";

type HistoryMessage = RephraseInput["history"][number];

/** What a finished turn stores: the session it continues (none: a new one), the state before and after. */
interface TurnToSave {
  input: { message: string; clientKey: string; userId?: string };
  session: ChatSession | undefined;
  state: DialogueState;
  turn: { state: DialogueState; rule: string };
  reply: DraftReply;
  knowledgeVersion: string | undefined;
}

export interface ChatServiceOptions {
  /**
   * What the chat answers from, or a function giving the current one: each reply reads it once, so a
   * knowledge reload swapped in mid-conversation changes the next reply, never half of one.
   */
  knowledge: ChatKnowledge | (() => ChatKnowledge);
  /**
   * Where conversations are kept. With `reachable`, a turn whose storage fails while the database is
   * away is still answered from the index, unsaved and marked `degraded`; without it such a failure throws.
   */
  storage: Pick<Storage, "sessions" | "messages"> & Partial<Pick<Storage, "reachable">>;
  /** Where a degraded turn is reported (in English, without the message). Default: nowhere. */
  logger?: { warn(details: Record<string, unknown>, message: string): void };
  /** Optional model that rewrites grounded answers; its sentences pass the grounding check. */
  chatModel?: ChatModel;
  thresholds?: AnswerThresholds;
  /** Today, for policies' effective and repeal dates. Default: the clock. */
  now?: () => Date;
}

export interface ChatService {
  reply(input: { sessionId?: string; message: string; clientKey: string; userId?: string }): Promise<ChatReply>;
}

export interface CreateChatKnowledgeOptions {
  /** With `policies`, replies mark a cited policy that is repealed or not yet in effect. */
  catalog: Pick<Catalog, "bundles" | "matters"> & Partial<Pick<Catalog, "policies">>;
  retriever: Retriever;
  tokenizer: Tokenizer;
  /** The indexed passages (sentences are cut from them). */
  chunks: readonly Chunk[];
  /** Default: the model trained from the examples file. */
  classifier?: IntentClassifier;
  /** knowledge/benefits, for 「您可能还可以享受」 (default none). */
  benefits?: Map<string, Benefit>;
  /** The version replies carry (the index's content hash). Default: none. */
  version?: string;
}

/** Everything a turn reads, built once at start-up. */
export async function createChatKnowledge(options: CreateChatKnowledgeOptions): Promise<ChatKnowledge> {
  const classifier = options.classifier ?? (await loadIntentClassifier({ tokenizer: options.tokenizer }));
  // The simplified → traditional tables take a few hundred milliseconds to build: at start-up, not
  // in the first traditional-script conversation.
  toTraditionalChinese("办");
  return {
    catalog: options.catalog,
    retriever: options.retriever,
    tokenizer: options.tokenizer,
    // In slices: a reload builds this while the service serves (see buildSentenceIndexInSlices).
    sentences: await buildSentenceIndexInSlices(options.chunks, options.tokenizer),
    classifier,
    benefits: options.benefits,
    ...(options.catalog.policies ? { policies: options.catalog.policies } : {}),
    ...(options.version ? { version: options.version } : {}),
  };
}

export function createChatService(options: ChatServiceOptions): ChatService {
  const { storage, chatModel, logger } = options;
  const currentKnowledge = () => (typeof options.knowledge === "function" ? options.knowledge() : options.knowledge);
  const toolsFor = (knowledge: ChatKnowledge): ChatModelTools => ({
    async searchKnowledge({ query, k = 5 }) {
      const { hits } = await knowledge.retriever.search({ query, k: Math.min(k, 10) });
      return hits.map((hit) => ({
        id: hit.chunk.id,
        documentId: hit.chunk.documentId,
        title: hit.chunk.title,
        sectionPath: hit.chunk.sectionPath,
        text: hit.chunk.text,
      }));
    },
    async getBundle({ bundleId }) {
      return knowledge.catalog.bundles.get(bundleId) ?? { error: "unknown bundle" };
    },
    async buildChecklist({ bundleId, answers }) {
      return knowledge.catalog.bundles.has(bundleId)
        ? buildChecklist({ catalog: knowledge.catalog, bundleId, answers })
        : { error: "unknown bundle" };
    },
  });

  /** Whether a storage failure means the database is away (the turn then degrades) rather than a fault. */
  const storeUnreachable = async (error: unknown) => {
    if (!storage.reachable || (await storage.reachable())) return false;
    // English, without the person's message: only what failed (masked like every logged error).
    logger?.warn(
      { err: maskPersonalData(error) },
      "chat session store unreachable: the reply is given from the index and this turn is not saved",
    );
    return true;
  };

  return {
    async reply(input) {
      let session: ChatSession | undefined;
      let history: HistoryMessage[] = [];
      let degraded: DegradedReason | undefined;
      try {
        if (input.sessionId) {
          session = await storage.sessions.get(input.sessionId);
          if (!session) throw new AppError("not_found", "会话不存在或已过期，请开始新的对话");
          if (chatModel) history = await recentHistory(session.id);
        }
      } catch (error) {
        if (error instanceof AppError && error.code === "not_found") throw error;
        if (!(await storeUnreachable(error))) throw error;
        // The earlier state cannot be read: the message is answered as the start of a new conversation.
        session = undefined;
        history = [];
        degraded = input.sessionId ? "history_not_loaded" : "not_saved";
      }
      const state = DialogueStateSchema.parse(session?.state ?? {});

      const knowledge = currentKnowledge();
      const view = await viewMessage(knowledge, input.message);
      const today = todayInChina(options.now?.());
      const turn = runTurn({ state, view, knowledge, thresholds: options.thresholds, today });
      const reply = flagRepealedPolicies(
        await maybeRephrase(input.message, turn.reply, history, toolsFor(knowledge)),
        knowledge.policies,
        today,
        knowledge.benefits,
      );
      const version = knowledge.version ? { knowledgeVersion: knowledge.version } : {};
      const unsaved = (reason: DegradedReason): ChatReply => ({
        ...reply,
        ...version,
        degraded: { reason, notice: DEGRADED_NOTICES[reason] },
      });
      if (degraded) return unsaved(degraded);

      // Stored only once the reply is ready, so a store that fails at its first statement keeps nothing.
      try {
        const saved = await saveTurn({ input, session, state, turn, reply, knowledgeVersion: knowledge.version });
        return { ...reply, sessionId: saved.sessionId, messageId: saved.messageId, ...version };
      } catch (error) {
        if (error instanceof AppError && error.code === "not_found") throw error;
        if (!(await storeUnreachable(error))) throw error;
        return unsaved("not_saved");
      }
    },
  };

  /** The turns before this one, for a model's context (the last six messages). */
  async function recentHistory(sessionId: string): Promise<HistoryMessage[]> {
    return (await storage.messages.listBySession({ sessionId, limit: 6 })).map(({ role, text }) => ({ role, text }));
  }

  /**
   * Stores the turn in one statement: a new session is created with the state the turn reached (or
   * the continued one gets its new state when it changed), then the person's message (masked) and the
   * reply. All of it or nothing, without a transaction.
   */
  async function saveTurn(turnToSave: TurnToSave): Promise<{ sessionId: string; messageId: string }> {
    const { input, state, turn, reply, knowledgeVersion } = turnToSave;
    const stored = await storage.messages.appendTurn({
      session: turnToSave.session
        ? {
            id: turnToSave.session.id,
            ...(JSON.stringify(turn.state) !== JSON.stringify(state) ? { state: turn.state } : {}),
          }
        : { create: { id: randomUUID(), clientKey: input.clientKey, userId: input.userId, state: turn.state } },
      userText: maskPersonalText(input.message),
      reply: {
        text: reply.answer.text,
        grounded: reply.grounded,
        payload: {
          intent: reply.intent,
          rule: turn.rule,
          mode: reply.mode,
          citations: reply.answer.citations.map((citation) => citation.id),
          // Counted by the staff analytics (hand-off rate).
          ...(reply.handoff ? { handoff: true } : {}),
          ...(knowledgeVersion ? { knowledgeVersion } : {}),
        },
      },
    });
    if (stored.status !== "appended") throw new AppError("not_found", "会话不存在或已过期，请开始新的对话");
    return { sessionId: stored.sessionId, messageId: stored.reply.id };
  }

  /**
   * With a model configured, a grounded answer to a question is rewritten; sentences the
   * grounding check rejects are dropped, and any fault falls back to the extractive answer.
   */
  async function maybeRephrase(
    message: string,
    reply: TurnReply,
    history: HistoryMessage[],
    tools: ChatModelTools,
  ): Promise<DraftReply> {
    if (!chatModel || reply.intent !== "consult" || !reply.grounded || reply.answer.sentences.length === 0)
      return { ...reply, mode: "extractive" };
    const result = await rephraseGrounded({
      model: chatModel,
      question: message,
      history,
      draft: { sentences: reply.answer.sentences, citations: reply.answer.citations },
      tools,
    });
    if (result.mode !== "llm") return { ...reply, mode: "extractive" };
    // The model may write simplified whatever the draft was in: the reply keeps the person's script.
    return presentReply<DraftReply>(
      {
        ...reply,
        mode: "llm",
        answer: {
          text: result.sentences.map((sentence) => sentence.text).join(""),
          citations: result.citations,
          sentences: result.sentences,
        },
      },
      reply.script,
    );
  }
}
