// The reply in the person's script: traditional in, traditional out, and simplified out for simplified in,
// though the source quoted is written in traditional (国发〔2022〕5号 is). Quotes in citations stay as the
// sources wrote them; the grounding check ran on the simplified text before this.
import { detectScript, toSimplifiedForReading, toTraditionalChinese } from "../retrieval/index.js";
import type { TurnReply } from "./turn-reply.js";

export function presentReply<R extends TurnReply>(reply: R, script: "simplified" | "traditional"): R {
  if (script === "simplified") {
    // Only a quote from a source written in traditional script is converted, sentence by sentence: the
    // knowledge base's simplified text is left alone (a second conversion would turn its 显著 into 显着).
    const converted = new Map(
      reply.answer.sentences
        .filter((sentence) => detectScript(sentence.text) === "traditional")
        .map((sentence) => [sentence, toSimplifiedForReading(sentence.text)] as const),
    );
    if (converted.size === 0) return { ...reply, script };
    let text = reply.answer.text;
    for (const [sentence, simplified] of converted) text = text.replace(sentence.text, simplified);
    return {
      ...reply,
      script,
      answer: {
        ...reply.answer,
        text,
        sentences: reply.answer.sentences.map((sentence) => {
          const simplified = converted.get(sentence);
          return simplified === undefined ? sentence : { ...sentence, text: simplified };
        }),
      },
    };
  }
  const convert = toTraditionalChinese;
  return {
    ...reply,
    script,
    answer: {
      ...reply.answer,
      text: convert(reply.answer.text),
      sentences: reply.answer.sentences.map((sentence) => ({ ...sentence, text: convert(sentence.text) })),
    },
    ...(reply.clarify
      ? {
          clarify: {
            question: convert(reply.clarify.question),
            options: reply.clarify.options.map((option) => ({ ...option, label: convert(option.label) })),
          },
        }
      : {}),
    ...(reply.scenario
      ? {
          scenario: {
            ...reply.scenario,
            question: convert(reply.scenario.question),
            ...(reply.scenario.help ? { help: convert(reply.scenario.help) } : {}),
            options: reply.scenario.options.map((option) => ({ ...option, label: convert(option.label) })),
          },
        }
      : {}),
    ...(reply.handoff ? { handoff: { ...reply.handoff, text: convert(reply.handoff.text) } } : {}),
    ...(reply.checklist ? { checklist: convertShown(reply.checklist, convert) } : {}),
    ...(reply.benefits ? { benefits: convertShown(reply.benefits, convert) } : {}),
  };
}

// Keys whose values are quoted sources (left as written) or codes.
const KEPT = new Set(["citation", "citations", "crossProvince"]);

/** Every text a card shows, converted; citations (quotes, titles) stay as the sources wrote them. */
function convertShown<T>(value: T, convert: (text: string) => string): T {
  if (typeof value === "string") return convert(value) as T;
  if (Array.isArray(value)) return value.map((item) => convertShown(item, convert)) as T;
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, KEPT.has(key) ? item : convertShown(item, convert)]),
    ) as T;
  return value;
}
