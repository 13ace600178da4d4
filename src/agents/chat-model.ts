import type { Citation } from "../catalog/index.js";
import type { AnswerSentence } from "./chat-reply.js";

/** A passage the model found through its search tool. */
export interface KnowledgePassage {
  id: string;
  documentId: string;
  title: string;
  sectionPath: string[];
  text: string;
}

/** Tools a model may call while writing an answer; each returns JSON-serialisable data. */
export interface ChatModelTools {
  /** Passages found: each may be cited like the draft's evidence. */
  searchKnowledge(input: { query: string; k?: number }): Promise<KnowledgePassage[]>;
  getBundle(input: { bundleId: string }): Promise<unknown>;
  buildChecklist(input: { bundleId: string; answers: Record<string, string> }): Promise<unknown>;
}

export interface RephraseInput {
  question: string;
  /** Earlier turns, oldest first. */
  history: { role: "user" | "assistant"; text: string }[];
  /** The grounded extractive answer: the only facts the model may use, with their citations. */
  draft: { sentences: AnswerSentence[]; citations: Citation[] };
  tools: ChatModelTools;
}

export interface RephraseResult {
  /** Sentences in the model's words, each naming the citation ids that support it. */
  sentences: AnswerSentence[];
  /** Passages the model found with its tools and cited (beyond the draft's evidence). */
  found?: Citation[];
}

/**
 * An optional language model that rewrites a grounded answer conversationally. Whatever it
 * returns still passes `checkGrounding`; sentences that fail are dropped, and when none stand
 * the extractive answer is used. Implementations: the OpenAI-compatible one (ChatOpenAI), and
 * fakes in tests.
 */
export interface ChatModel {
  /** For the `mode` field and logs, e.g. `openai:qwen-plus`. */
  readonly name: string;
  rephrase(input: RephraseInput, options?: { signal?: AbortSignal }): Promise<RephraseResult>;
}
