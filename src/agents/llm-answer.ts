import type { Citation } from "../catalog/index.js";
import { normalizeText } from "../retrieval/index.js";
import type { ChatModel, ChatModelTools, RephraseInput } from "./chat-model.js";
import { checkGrounding } from "./check-grounding.js";
import type { AnswerSentence } from "./chat-reply.js";
import { ChatModelError } from "./resilient-chat-model.js";

export interface RephraseGroundedOptions {
  model: ChatModel;
  question: string;
  /** Earlier turns, oldest first. */
  history: RephraseInput["history"];
  /** The extractive answer: the only facts the model may use, and the fallback. */
  draft: { sentences: AnswerSentence[]; citations: Citation[] };
  tools: ChatModelTools;
  signal?: AbortSignal;
  /**
   * Share of a sentence's Han character pairs that must appear in its quotes or their titles (default 0.25).
   * `checkGrounding` checks numbers and document numbers; this catches a material or condition
   * named nowhere in the quotes. 0 turns it off.
   */
  minimumOverlap?: number;
}

export interface RephraseGroundedResult {
  /** Who wrote the sentences: the model, or the extractive composer (the draft, unchanged). */
  mode: "llm" | "extractive";
  sentences: AnswerSentence[];
  /** The citations the sentences name, in the draft's order. */
  citations: Citation[];
  /** Model sentences dropped as unsupported. */
  dropped: number;
  /** Why the draft was kept: `empty_draft`, `no_supported_sentence`, or the model's error code and message. */
  error?: string;
}

/**
 * Lets the model rephrase a grounded answer, then keeps only what the sources support: every
 * sentence passes `checkGrounding` against the quotes of the citations it names. When nothing
 * stands, or the model fails, times out or is switched off by its breaker, the draft is the answer.
 * Never throws for a model fault.
 */
export async function rephraseGrounded(options: RephraseGroundedOptions): Promise<RephraseGroundedResult> {
  const { model, draft, minimumOverlap = 0.25 } = options;
  const extractive = (error: string, dropped = 0): RephraseGroundedResult => ({
    mode: "extractive",
    sentences: draft.sentences,
    citations: draft.citations,
    dropped,
    error,
  });
  // Nothing grounded to rephrase: "I don't know" stays as the composer says it.
  if (draft.sentences.length === 0) return extractive("empty_draft");

  let sentences: AnswerSentence[];
  let returned: number;
  let found: Citation[] = [];
  try {
    const result = await model.rephrase(
      {
        question: options.question,
        history: options.history,
        draft: { sentences: draft.sentences, citations: draft.citations },
        tools: options.tools,
      },
      { signal: options.signal },
    );
    if (!Array.isArray(result?.sentences)) return extractive("invalid_output: no sentences");
    returned = result.sentences.length;
    found = Array.isArray(result.found) ? result.found : [];
    sentences = result.sentences.filter((sentence) => typeof sentence?.text === "string" && sentence.text.trim());
  } catch (error) {
    return extractive(describeError(error));
  }

  // The draft's evidence, and the passages the model found with its search tool.
  const evidence = [
    ...draft.citations,
    ...found.filter((item) => !draft.citations.some((citation) => citation.id === item.id)),
  ];
  const byId = new Map(evidence.map((citation) => [citation.id, citation]));
  const cited = sentences.map((sentence) => {
    const citationIds = [...new Set((sentence.citationIds ?? []).filter((id) => byId.has(id)))];
    const citations = citationIds.map((id) => byId.get(id) as Citation);
    return { text: sentence.text, citationIds, quotes: citations.map((citation) => citation.quote), citations };
  });
  // checkGrounding returns the very objects it was given: identity tells which stood.
  const supported = new Set(checkGrounding(cited).supported);
  const stands = cited.filter(
    (sentence) =>
      supported.has(sentence) &&
      // A sentence may name the matter (the citation's title) as well as repeat its quote.
      overlap(
        sentence.text,
        sentence.citations.flatMap((citation) => [citation.quote, citation.title]),
      ) >= minimumOverlap,
  );
  const dropped = returned - stands.length;
  if (stands.length === 0) return extractive("no_supported_sentence", dropped);
  const used = new Set(stands.flatMap((sentence) => sentence.citationIds));
  return {
    mode: "llm",
    sentences: stands.map(({ text, citationIds }) => ({ text, citationIds })),
    citations: evidence.filter((citation) => used.has(citation.id)),
    dropped,
  };
}

/** Share of the sentence's Han character pairs that occur in one of the quotes. */
export function overlap(sentence: string, quotes: string[]): number {
  const pairs = hanPairs(sentence);
  if (pairs.size === 0) return 1;
  const sources = quotes.map((quote) => hanPairs(quote));
  let found = 0;
  for (const pair of pairs) if (sources.some((source) => source.has(pair))) found += 1;
  return found / pairs.size;
}

function hanPairs(text: string): Set<string> {
  const result = new Set<string>();
  // Pairs within runs of Han characters: punctuation and digits break a run.
  for (const run of normalizeText(text).match(/\p{Script=Han}+/gu) ?? [])
    for (let i = 0; i + 1 < run.length; i++) result.add(run.slice(i, i + 2));
  return result;
}

function describeError(error: unknown): string {
  if (error instanceof ChatModelError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return `failed: ${error.message}`;
  return `failed: ${String(error)}`;
}
