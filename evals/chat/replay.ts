// What a chat reply amounts to for scoring, shared by the dialogue, answer and real-message
// evaluations: the route, the checklist, the answer text, its sentences with their quotes, and
// whether (and why) it refused.
import type { ChatReply, ChatService } from "../../src/agents/index.js";
import { extractFacts, OFFER_FRAME } from "../../src/agents/index.js";
import { normalizeText } from "../../src/retrieval/index.js";

export interface Outcome {
  /** `bundle:<id>` or `matter:<id>` the conversation was routed to (first reply, or `routeFrom: "last"`). */
  route?: string;
  checklist?: { matters: string[]; materials: string[] };
  text: string;
  sentences: { text: string; quotes: string[] }[];
  refusal?: "unknown" | "out_of_scope" | "injection";
  intent?: string;
  /** The replies, for the report. */
  replies?: ChatReply[];
}

export interface ReplayOptions {
  /** Stop at the first reply with a checklist (scenario dialogues). Default true. */
  stopAtChecklist?: boolean;
  /** Which reply's route counts: the first (routing questions) or the last (a follow-up that switches). */
  routeFrom?: "first" | "last";
}

/** Plays the turns of one conversation through the chat service and reads the outcome. */
export async function replayConversation(
  chat: ChatService,
  turns: readonly string[],
  clientKey: string,
  options: ReplayOptions = {},
): Promise<Outcome> {
  let sessionId: string | undefined;
  const replies: ChatReply[] = [];
  for (const message of turns) {
    const reply = await chat.reply({ sessionId, message, clientKey });
    replies.push(reply);
    sessionId = reply.sessionId;
    if (reply.checklist && options.stopAtChecklist !== false) break;
  }
  const reply = replies.at(-1) as ChatReply;
  const routed = (options.routeFrom === "last" ? reply : (replies[0] as ChatReply)) ?? reply;
  return { ...outcomeOf(reply, routed), replies };
}

/** The outcome of a final reply; `routed` is the reply whose route counts. */
export function outcomeOf(reply: ChatReply, routed: ChatReply = reply): Outcome {
  const top = routed.route?.candidates[0];
  return {
    route: top ? `${top.kind}:${top.id}` : routed.scenario ? `bundle:${routed.scenario.bundleId}` : undefined,
    checklist: reply.checklist
      ? { matters: reply.checklist.matters.map((m) => m.id), materials: reply.checklist.materials.map((m) => m.id) }
      : undefined,
    text: reply.answer.text,
    sentences: answerSentences(reply),
    refusal:
      reply.intent === "out_of_scope" || reply.intent === "injection"
        ? reply.intent
        : !reply.grounded && reply.handoff && reply.intent !== "handoff"
          ? "unknown"
          : undefined,
    intent: reply.intent,
  };
}

/** The sentences a reply states, each with the quotes of the citations it names. */
function answerSentences(reply: ChatReply): Outcome["sentences"] {
  if (reply.answer.citations.length === 0) return [];
  const byId = new Map(reply.answer.citations.map((citation) => [citation.id, citation.quote]));
  const all = [...byId.values()];
  if (reply.answer.sentences && reply.answer.sentences.length > 0)
    return reply.answer.sentences.map((sentence) => ({
      text: sentence.text,
      quotes: sentence.citationIds.flatMap((id) => (byId.has(id) ? [byId.get(id) as string] : [])),
    }));
  // Replies without sentence structure: every line after the frame that is not a heading states something,
  // but for the line that offers the benefits listed below a checklist (a frame too).
  return reply.answer.text
    .split("\n")
    .slice(1)
    .filter((text) => text.trim() && !/[：:]$/u.test(text.trim()) && text.trim() !== OFFER_FRAME)
    .map((text) => ({ text, quotes: all }));
}

const lettersAndDigits = (text: string) => normalizeText(text).replace(/[^\p{L}\p{N}]/gu, "");

/**
 * Whether a sentence is supported by its quotes: every number and document number in it appears in
 * a quote, and most of its character pairs do too (the words come from the source, not from us).
 */
export function isSupported(sentence: { text: string; quotes: string[] }): boolean {
  const quotes = sentence.quotes.map(lettersAndDigits);
  const text = lettersAndDigits(sentence.text);
  const facts = extractFacts(sentence.text).map(lettersAndDigits);
  if (!facts.every((fact) => quotes.some((quote) => quote.includes(fact)))) return false;
  const pairs = Array.from({ length: Math.max(0, text.length - 1) }, (_, i) => text.slice(i, i + 2));
  if (pairs.length === 0) return true;
  const found = pairs.filter((pair) => quotes.some((quote) => quote.includes(pair))).length;
  return found / pairs.length >= 0.6;
}

/** Whether an answer holds a key fact, both read in simplified script without spaces or punctuation. */
export function containsFact(text: string, fact: string): boolean {
  return lettersAndDigits(text).includes(lettersAndDigits(fact));
}

export const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
