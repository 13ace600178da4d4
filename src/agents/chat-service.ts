// The chat service: storage around the pure turn. Loads the session, views the message once
// (retrieval, intent model), runs the turn, lets an optional model rephrase a grounded answer, and
// stores the state and both messages. ID and phone numbers are masked before a message is stored.
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
import type { Storage } from "../storage/index.js";
import type { ChatModel, ChatModelTools } from "./chat-model.js";
import type { ChatReply, DraftReply } from "./chat-reply.js";
import { DialogueStateSchema } from "./dialogue-state.js";
import type { AnswerThresholds } from "./extract-answer.js";
import type { IntentClassifier } from "./intent-classifier.js";
import { loadIntentClassifier } from "./load-intent-classifier.js";
import { maskPersonalText } from "../mask-personal-data.js";
import { type ChatKnowledge, viewMessage } from "./message-view.js";
import { rephraseGrounded } from "./llm-answer.js";
import { flagRepealedPolicies } from "./flag-repealed-policies.js";
import { presentReply } from "./present-reply.js";
import { runTurn } from "./run-turn.js";
import type { TurnReply } from "./turn-reply.js";

export interface ChatServiceOptions {
  /**
   * What the chat answers from, or a function giving the current one: each reply reads it once, so a
   * knowledge reload swapped in mid-conversation changes the next reply, never half of one.
   */
  knowledge: ChatKnowledge | (() => ChatKnowledge);
  storage: Pick<Storage, "sessions" | "messages">;
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
  const { storage, chatModel } = options;
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

  return {
    async reply(input) {
      const session = input.sessionId
        ? await storage.sessions.get(input.sessionId)
        : await storage.sessions.create({ clientKey: input.clientKey, userId: input.userId });
      if (!session) throw new AppError("not_found", "会话不存在或已过期，请开始新的对话");
      const state = DialogueStateSchema.parse(session.state);
      const userMessage = await storage.messages.append({
        sessionId: session.id,
        role: "user",
        text: maskPersonalText(input.message),
      });
      if (userMessage.status !== "appended") throw new AppError("not_found", "会话不存在或已过期，请开始新的对话");

      const knowledge = currentKnowledge();
      const view = await viewMessage(knowledge, input.message);
      const today = todayInChina(options.now?.());
      const turn = runTurn({ state, view, knowledge, thresholds: options.thresholds, today });
      const reply = flagRepealedPolicies(
        await maybeRephrase(session.id, input.message, turn.reply, toolsFor(knowledge)),
        knowledge.policies,
        today,
      );

      if (JSON.stringify(turn.state) !== JSON.stringify(state))
        await storage.sessions.updateState({ id: session.id, state: turn.state });
      const stored = await storage.messages.append({
        sessionId: session.id,
        role: "assistant",
        text: reply.answer.text,
        grounded: reply.grounded,
        replyToId: userMessage.message.id,
        payload: {
          intent: reply.intent,
          rule: turn.rule,
          mode: reply.mode,
          citations: reply.answer.citations.map((citation) => citation.id),
          // Counted by the staff analytics (hand-off rate).
          ...(reply.handoff ? { handoff: true } : {}),
          ...(knowledge.version ? { knowledgeVersion: knowledge.version } : {}),
        },
      });
      if (stored.status !== "appended") throw new AppError("internal", "failed to store the reply");
      return {
        ...reply,
        sessionId: session.id,
        messageId: stored.message.id,
        ...(knowledge.version ? { knowledgeVersion: knowledge.version } : {}),
      };
    },
  };

  /**
   * With a model configured, a grounded answer to a question is rewritten; sentences the
   * grounding check rejects are dropped, and any fault falls back to the extractive answer.
   */
  async function maybeRephrase(
    sessionId: string,
    message: string,
    reply: TurnReply,
    tools: ChatModelTools,
  ): Promise<DraftReply> {
    if (!chatModel || reply.intent !== "consult" || !reply.grounded || reply.answer.sentences.length === 0)
      return { ...reply, mode: "extractive" };
    const history = (await storage.messages.listBySession({ sessionId, limit: 7 }))
      .slice(0, -1)
      .map(({ role, text }) => ({ role, text }));
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
