import { z } from "zod";
import {
  buildChecklist,
  type Catalog,
  type Checklist,
  type Citation,
  describeMaterial,
  scenariosToAsk,
} from "../catalog/index.js";
import { AppError } from "../errors.js";
import type { Retriever, Tokenizer } from "../retrieval/index.js";
import type { Storage } from "../storage/index.js";
import type { ChatModel, ChatModelTools } from "./chat-model.js";
import { classifyIntent, type Intent } from "./classify-intent.js";
import { rephraseGrounded } from "./llm-answer.js";
import { composeAnswer } from "./compose-answer.js";
import { type RouteCandidate, routeMessage } from "./route-message.js";
import { extractScenarioAnswers } from "./scenario-dialogue.js";

/** What the dialogue remembers between turns (stored as the session state). */
export const DialogueStateSchema = z
  .object({
    /** The bundle or matter the conversation is about. */
    target: z.object({ kind: z.enum(["bundle", "matter"]), id: z.string() }).optional(),
    /** A scenario dialogue in progress. */
    scenario: z
      .object({ bundleId: z.string(), answers: z.record(z.string(), z.string()), awaiting: z.string().optional() })
      .optional(),
    /** Candidates offered in a clarifying question. */
    clarify: z.array(z.object({ id: z.string(), kind: z.enum(["bundle", "matter"]), name: z.string() })).optional(),
  })
  .catch({});
export type DialogueState = z.infer<typeof DialogueStateSchema>;

export interface ChatReply {
  sessionId: string;
  messageId: string;
  /** `llm` when a configured model rephrased a grounded answer; otherwise `extractive`. */
  mode: "extractive" | "llm";
  intent: Intent;
  answer: { text: string; citations: Citation[] };
  route?: { candidates: RouteCandidate[] };
  clarify?: { question: string; options: { id: string; kind: "bundle" | "matter"; label: string }[] };
  scenario?: {
    bundleId: string;
    scenarioId: string;
    question: string;
    help?: string;
    options: { value: string; label: string }[];
  };
  checklist?: Checklist;
  handoff?: { channel: "12345"; text: string };
  /** False when the reply had no grounded answer (unknown, refusal): such questions feed the maintainers' list. */
  grounded: boolean;
}

export interface ChatServiceOptions {
  catalog: Pick<Catalog, "bundles" | "matters">;
  retriever: Retriever;
  tokenizer: Tokenizer;
  storage: Pick<Storage, "sessions" | "messages">;
  /** Optional model that rephrases grounded answers; its output passes the grounding check. */
  chatModel?: ChatModel;
}

export interface ChatService {
  reply(input: { sessionId?: string; message: string; clientKey: string; userId?: string }): Promise<ChatReply>;
}

const HANDOFF_TEXT = "如需人工帮助，可拨打12345政务服务便民热线，或到政务服务中心窗口咨询。";
const FIXED = {
  injection: "我只能解答政务服务相关的问题，也不会透露系统设置。请问您想办理什么事项？",
  out_of_scope: "抱歉，这个问题不在政务服务范围内，我暂时无法回答。您可以问我办事需要的材料、流程、时限等。",
  greeting:
    "您好！我是政务服务助手，可以帮您查找要办的事项、告诉您需要准备的材料。比如：“宝宝刚出生要办哪些手续”“开饭店要办什么证”“退休要办什么”。",
  handoff: "好的，正在为您转接人工服务。",
};

/**
 * The extractive dialogue: intent → routing → scenario questions → checklist, or a grounded
 * answer. Every factual sentence it says is copied from a cited source; everything else is a
 * fixed frame with no facts in it.
 */
export function createChatService(options: ChatServiceOptions): ChatService {
  const { catalog, retriever, tokenizer, storage, chatModel } = options;
  const tools: ChatModelTools = {
    async searchKnowledge({ query, k = 5 }) {
      const { hits } = await retriever.search({ query, k: Math.min(k, 10) });
      return hits.map((hit) => ({ id: hit.chunk.id, title: hit.chunk.title, text: hit.chunk.text }));
    },
    async getBundle({ bundleId }) {
      return catalog.bundles.get(bundleId) ?? { error: "unknown bundle" };
    },
    async buildChecklist({ bundleId, answers }) {
      return catalog.bundles.has(bundleId)
        ? buildChecklist({ catalog, bundleId, answers })
        : { error: "unknown bundle" };
    },
  };

  return {
    async reply(input) {
      const session = input.sessionId
        ? await storage.sessions.get(input.sessionId)
        : await storage.sessions.create({ clientKey: input.clientKey, userId: input.userId });
      if (!session) throw new AppError("not_found", "会话不存在或已过期，请开始新的对话");
      const state = DialogueStateSchema.parse(session.state);
      const userMessage = await storage.messages.append({ sessionId: session.id, role: "user", text: input.message });
      if (userMessage.status !== "appended") throw new AppError("not_found", "会话不存在或已过期，请开始新的对话");

      // What the message names (bundles, matters, policies), from the query expansion alone.
      const { mentions } = retriever.describe(input.message);
      const mentionsCatalog = mentions.length > 0;
      const namedPolicy = mentions.find((mention) => mention.startsWith("policy:"))?.slice("policy:".length);
      const { intent } = classifyIntent({
        message: input.message,
        awaitingScenario: state.scenario?.awaiting !== undefined,
        mentionsCatalog,
      });
      const draft = await respond({ intent, message: input.message, state, mentionsCatalog, namedPolicy });
      const rephrased = await maybeRephrase(session.id, input.message, intent, draft.reply);

      if (JSON.stringify(draft.state) !== JSON.stringify(state))
        await storage.sessions.updateState({ id: session.id, state: draft.state });
      const reply: Omit<ChatReply, "messageId"> = { sessionId: session.id, intent, ...rephrased };
      const stored = await storage.messages.append({
        sessionId: session.id,
        role: "assistant",
        text: reply.answer.text,
        grounded: reply.grounded,
        replyToId: userMessage.message.id,
        payload: { intent, mode: reply.mode, citations: reply.answer.citations.map((citation) => citation.id) },
      });
      if (stored.status !== "appended") throw new AppError("internal", "failed to store the reply");
      return { ...reply, messageId: stored.message.id };
    },
  };

  /**
   * With a model configured, a grounded consult answer is rephrased; sentences the grounding check
   * rejects are dropped, and any fault falls back to the extractive answer.
   */
  async function maybeRephrase(
    sessionId: string,
    message: string,
    intent: Intent,
    reply: Omit<ChatReply, "sessionId" | "messageId" | "mode" | "intent">,
  ): Promise<Omit<ChatReply, "sessionId" | "messageId" | "intent">> {
    if (!chatModel || intent !== "consult" || !reply.grounded || reply.answer.citations.length === 0)
      return { ...reply, mode: "extractive" };
    const citationIds = reply.answer.citations.map((citation) => citation.id);
    const lines = reply.answer.text.split("\n").slice(1);
    const draft = {
      sentences: lines.map((text) => ({ text, citationIds })),
      citations: reply.answer.citations,
    };
    const history = (await storage.messages.listBySession({ sessionId, limit: 7 }))
      .slice(0, -1)
      .map(({ role, text }) => ({ role, text }));
    const result = await rephraseGrounded({ model: chatModel, question: message, history, draft, tools });
    if (result.mode !== "llm") return { ...reply, mode: "extractive" };
    return {
      ...reply,
      mode: "llm",
      answer: { text: result.sentences.map((sentence) => sentence.text).join(""), citations: result.citations },
    };
  }

  async function respond(turn: {
    intent: Intent;
    message: string;
    state: DialogueState;
    mentionsCatalog: boolean;
    namedPolicy?: string;
  }): Promise<{ state: DialogueState; reply: Omit<ChatReply, "sessionId" | "messageId" | "mode" | "intent"> }> {
    const { intent, message, state } = turn;
    const fixed = (text: string, extra: Partial<ChatReply> = {}) => ({
      state,
      reply: { answer: { text, citations: [] }, grounded: false, ...extra },
    });
    switch (intent) {
      case "injection":
        return fixed(FIXED.injection);
      case "out_of_scope":
        return fixed(FIXED.out_of_scope);
      case "greeting":
        return { state, reply: { answer: { text: FIXED.greeting, citations: [] }, grounded: true } };
      case "handoff":
        return fixed(`${FIXED.handoff}${HANDOFF_TEXT}`, { handoff: { channel: "12345", text: HANDOFF_TEXT } });
      case "skip":
        return finishScenario(state, true);
      case "scenario_answer":
        return continueScenario(state, message);
      default:
        break;
    }
    // A reply naming one of the offered candidates settles the clarifying question.
    const chosen = state.clarify?.find(
      (candidate) => message.includes(candidate.name) || message.trim() === candidate.name,
    );
    if (chosen) return startTarget({ ...state, clarify: undefined }, chosen, message);

    // A question that names a policy document is answered from that document.
    const policyHit = turn.namedPolicy;
    if (policyHit && (intent === "consult" || intent === "route")) {
      const answer = await composeAnswer({ catalog, retriever, tokenizer, message, policyId: policyHit });
      if (answer.status === "answered")
        return { state, reply: { answer: { text: answer.text, citations: answer.citations }, grounded: true } };
    }
    if (intent === "consult") {
      const route = await routeMessage({ retriever, catalog, message, tokenizer, preferNamedMatter: true });
      const top = route.candidates[0];
      const target = top && route.decision === "confident" ? { kind: top.kind, id: top.id } : state.target;
      const answer = await composeAnswer({ catalog, retriever, tokenizer, message, target });
      if (answer.status === "unknown")
        return {
          state: { ...state, target },
          reply: {
            answer: { text: answer.text, citations: [] },
            route,
            handoff: { channel: "12345", text: HANDOFF_TEXT },
            grounded: false,
          },
        };
      return {
        state: { ...state, target },
        reply: { answer: { text: answer.text, citations: answer.citations }, route, grounded: true },
      };
    }

    const route = await routeMessage({ retriever, catalog, message, tokenizer });
    const [top] = route.candidates;
    if (!top || route.decision === "none")
      return fixed(`抱歉，我没能确定您要办理的事项。您可以换个说法，或说出具体要办的事。${HANDOFF_TEXT}`, {
        route,
        handoff: { channel: "12345", text: HANDOFF_TEXT },
      });
    if (route.decision === "unsure") {
      const options = route.candidates.slice(0, 4).map(({ id, kind, name }) => ({ id, kind, label: name }));
      return {
        state: { ...state, clarify: route.candidates.slice(0, 4).map(({ id, kind, name }) => ({ id, kind, name })) },
        reply: {
          answer: { text: "您想办理的是下面哪一项？", citations: [] },
          route,
          clarify: { question: "您想办理的是下面哪一项？", options },
          grounded: true,
        },
      };
    }
    const started = await startTarget(state, top, message);
    return { state: started.state, reply: { ...started.reply, route } };
  }

  async function startTarget(state: DialogueState, target: { kind: "bundle" | "matter"; id: string }, message: string) {
    if (target.kind === "bundle") {
      const bundle = catalog.bundles.get(target.id);
      if (!bundle) throw new AppError("internal", `routed to unknown bundle ${target.id}`);
      const answers = extractScenarioAnswers(bundle, message, {});
      return nextStep({ ...state, target, scenario: { bundleId: bundle.id, answers } });
    }
    const answer = await composeAnswer({ catalog, retriever, tokenizer, message, target, element: "materials" });
    return {
      state: { ...state, target, scenario: undefined },
      reply: { answer: { text: answer.text, citations: answer.citations }, grounded: answer.status === "answered" },
    };
  }

  async function continueScenario(state: DialogueState, message: string) {
    const scenario = state.scenario;
    const bundle = scenario ? catalog.bundles.get(scenario.bundleId) : undefined;
    if (!scenario || !bundle) return finishScenario(state, true);
    const found = extractScenarioAnswers(bundle, message, scenario.answers, { awaiting: scenario.awaiting });
    if (Object.keys(found).length === 0) {
      const awaiting = bundle.scenarios.find((candidate) => candidate.id === scenario.awaiting);
      const labels = awaiting?.options.map((option) => `“${option.label}”`).join("、") ?? "";
      const next = await nextStep(state);
      return {
        state: next.state,
        reply: {
          ...next.reply,
          answer: { text: `没有听明白您的选择，请从${labels}中选一项，或说“跳过”查看完整清单。`, citations: [] },
        },
      };
    }
    return nextStep({ ...state, scenario: { ...scenario, answers: { ...scenario.answers, ...found } } });
  }

  async function nextStep(state: DialogueState) {
    const scenario = state.scenario;
    const bundle = scenario ? catalog.bundles.get(scenario.bundleId) : undefined;
    if (!scenario || !bundle) return finishScenario(state, true);
    const [next] = scenariosToAsk(bundle, scenario.answers);
    if (!next) return finishScenario(state, false);
    return {
      state: { ...state, scenario: { ...scenario, awaiting: next.id } },
      reply: {
        answer: { text: `为了告诉您需要办理的事项和材料，想先确认：${next.question}`, citations: [] },
        scenario: {
          bundleId: bundle.id,
          scenarioId: next.id,
          question: next.question,
          help: next.help,
          options: next.options.map(({ value, label }) => ({ value, label })),
        },
        grounded: true,
      },
    };
  }

  function finishScenario(state: DialogueState, skipped: boolean) {
    const scenario = state.scenario;
    if (!scenario)
      return { state, reply: { answer: { text: "好的。请问您想办理什么事项？", citations: [] }, grounded: false } };
    const checklist = buildChecklist({ catalog, bundleId: scenario.bundleId, answers: scenario.answers });
    const matterLines = checklist.matters.map((matter) => ({
      text: `· ${matter.name}`,
      conditional: matter.conditional !== undefined,
      citation: matter.citation,
    }));
    const materialLines = checklist.materials.map((material) => ({
      text: `· ${describeMaterial({ ...material, deferrable: material.deferrable || undefined })}`,
      conditional: material.conditional !== undefined,
      citation: material.citations[0] as Citation,
    }));
    const lines = [...matterLines, ...materialLines];
    // Headings end in a colon; items under "视情形" depend on questions not answered yet.
    const section = (heading: string, items: { text: string }[]) =>
      items.length ? [heading, ...items.map((item) => item.text)] : [];
    const frame = skipped
      ? `以下是《${checklist.bundleName}》的完整一次告知单（标注“视情形”的事项和材料，取决于您尚未回答的问题）：`
      : `以下是根据您的情况整理的《${checklist.bundleName}》一次告知单：`;
    const text = [
      frame,
      ...section(
        "需办理的事项：",
        matterLines.filter((line) => !line.conditional),
      ),
      ...section(
        "视情形需办理的事项：",
        matterLines.filter((line) => line.conditional),
      ),
      ...section(
        "需准备的材料：",
        materialLines.filter((line) => !line.conditional),
      ),
      ...section(
        "视情形需准备的材料：",
        materialLines.filter((line) => line.conditional),
      ),
    ].join("\n");
    return {
      state: { ...state, scenario: undefined },
      reply: {
        answer: { text, citations: dedupe(lines.map((line) => line.citation)) },
        checklist,
        grounded: true,
      },
    };
  }
}

function dedupe(citations: Citation[]): Citation[] {
  const seen = new Map<string, Citation>();
  for (const citation of citations)
    if (!seen.has(`${citation.id}|${citation.quote}`)) seen.set(`${citation.id}|${citation.quote}`, citation);
  return [...seen.values()];
}
