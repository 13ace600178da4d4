// A turn's reply before presentation: its types, the fixed frames (greeting, refusal, hand-off)
// and the builders that put quoted sentences under a fact-free frame, checked against their citations.
import type { Citation } from "../catalog/index.js";
import { normalizeText } from "../retrieval/index.js";
import type { AnswerType } from "./analyze-question.js";
import { type AnswerPart, dedupeCitations, guideGap, NOT_FOUND } from "./answer-question.js";
import type { AnswerSentence, DraftReply, Intent } from "./chat-reply.js";
import { checkGrounding } from "./check-grounding.js";
import type { DialogueState } from "./dialogue-state.js";
import { type AnswerThresholds, holds, LEADING_ORDINAL } from "./extract-answer.js";
import type { ChatKnowledge, MessageView } from "./message-view.js";
import { placeFit, placeText, provincesAsked } from "./place-fit.js";

export interface TurnInput {
  state: DialogueState;
  view: MessageView;
  knowledge: Pick<ChatKnowledge, "catalog" | "sentences" | "tokenizer" | "benefits" | "policies">;
  thresholds?: AnswerThresholds;
  /** The day benefits are judged on (YYYY-MM-DD), from the service's clock; without it none are offered. */
  today?: string;
}

/** A reply before the service adds ids and the mode. */
export type TurnReply = Omit<DraftReply, "mode">;

export interface TurnResult {
  state: DialogueState;
  reply: TurnReply;
  /** Which rule decided, for logs and evaluation. */
  rule: string;
}

export const HANDOFF_TEXT = "如需人工帮助，可拨打12345政务服务便民热线，或到政务服务中心窗口咨询。";
export const HANDOFF = { channel: "12345" as const, text: HANDOFF_TEXT };
export const FIXED_TEXT = {
  injection: "我只能解答政务服务相关的问题，也不会透露系统设置。请问您想办理什么事项？",
  afterInjection:
    "您前面提出的要求（改变我的回答方式、扮演其他身份或透露系统设置），我不会照做。以下仍只按知识库如实回答：",
  out_of_scope: "抱歉，这个问题不在政务服务范围内，我暂时无法回答。您可以问我办事需要的材料、流程、时限等。",
  greeting:
    "您好！我是政务服务助手，可以帮您查找要办的事项、告诉您需要准备的材料，也可以解答政务服务政策方面的问题。比如：“宝宝刚出生要办哪些手续”“开饭店要办什么证”“退休要办什么”。",
  handoff: `这里不能直接转接人工。${HANDOFF_TEXT}`,
  unknown: "抱歉，知识库中没有找到能回答这个问题的依据。为免误导，我不作推测。",
  noRoute: "抱歉，我没能确定您要办理的事项。您可以换个说法，或说出具体要办的事。",
  whichMatter:
    "请问您问的是哪一项事项？请说出要办的事（比如“宝宝出生上户口”“开饭店办食品经营许可”），我再告诉您它的材料、时限、收费或办理地点。",
} as const;

/** An answer made of parts: quoted sentences under a fact-free frame, unknown parts said as such. */
export function answerReply(intent: Intent, parts: readonly AnswerPart[], view: MessageView): TurnReply {
  const answered = parts.filter((part) => part.status === "answered");
  const citations = dedupeCitations(answered.flatMap((part) => part.citations));
  const byId = new Map(citations.map((citation) => [citation.id, citation.quote]));
  const sentences: AnswerSentence[] = [];
  const seen: string[] = [];
  for (const part of answered)
    for (const sentence of part.sentences) {
      // The same line in two places (a guide and its bundle, numbered 2. in one list and 3. in the
      // other) is said once, and so is a sentence a line already said holds whole.
      // A list item's number ("2. ", "(三)") says where it stood in its list, not what it says.
      const key = sentence.text.replace(LEADING_ORDINAL, "").replace(/[^\p{L}\p{N}]/gu, "");
      if (seen.some((said) => said.includes(key))) continue;
      seen.push(key);
      sentences.push(sentence);
    }
  const grounding = checkGrounding(
    sentences.map((sentence) => ({
      text: sentence.text,
      quotes: sentence.citationIds.flatMap((id) => (byId.has(id) ? [byId.get(id) as string] : [])),
    })),
  );
  const kept = sentences.filter((sentence) => grounding.supported.some((item) => item.text === sentence.text));
  if (kept.length === 0)
    return { ...textReply(intent, `${FIXED_TEXT.unknown}${HANDOFF_TEXT}`, false), handoff: HANDOFF };
  const used = new Set(kept.flatMap((sentence) => sentence.citationIds));
  const usedCitations = citations.filter((citation) => used.has(citation.id));
  const titles = [...new Set(usedCitations.map((citation) => citation.title))];
  // What the sources say of the one place asked is only that it is not published ("兰州版本未公布联办承诺
  // 时限，以当地告知为准。广东版本最快5个工作日办结……" for Lanzhou): that is what is quoted, as a deferral.
  const deferredHere = deferredForPlaceAsked(view, kept);
  if (deferredHere) return deferralReply(intent, "知识库没有您所在地的具体规定，只说明：", deferredHere, usedCitations);
  // Sources that only defer ("各地要求不一，以当地办事指南为准") do not answer: say so, quote them,
  // and point to where the answer is; the question joins the maintainers' list.
  if (kept.every((sentence) => isDeferral(sentence.text)))
    return deferralReply(intent, "知识库的办事指南没有写明这一项的具体内容，只说明：", kept, usedCitations);
  // Sentences that stand in for an answer (a note says so) start with no 可以 or 不可以.
  const lead = answered.some((part) => part.note) ? "" : leadWord(view, kept);
  const frame = `${lead}${titles.length === 1 ? `根据《${titles[0]}》：` : "根据相关办事指南和政策文件："}`;
  const unknownLines = unknownParts(parts, view);
  return {
    intent,
    script: "simplified",
    answer: {
      text: framed(frame, withNotes(answered, kept), answered).concat(unknownLines).join("\n"),
      citations: usedCitations,
      sentences: kept,
    },
    grounded: true,
  };
}

/** The frame before the lines; a note the lines open with comes before the frame ("…没有找到…\n根据《…》："). */
function framed(frame: string, lines: readonly string[], answered: readonly AnswerPart[]): string[] {
  const [first, ...rest] = lines;
  if (first !== undefined && answered.some((part) => part.note === first)) return [first, frame, ...rest];
  return [frame, ...lines];
}

/** The kept sentences in order, each part's fact-free note (if any) before the first of its sentences. */
function withNotes(answered: readonly AnswerPart[], kept: readonly AnswerSentence[]): string[] {
  const lines: string[] = [];
  const noted = new Set<string>();
  for (const sentence of kept) {
    const part = answered.find((candidate) => candidate.sentences.some((item) => item.text === sentence.text));
    if (part?.note && !noted.has(part.note)) {
      noted.add(part.note);
      lines.push(part.note);
    }
    lines.push(sentence.text);
  }
  return lines;
}

/**
 * What the answered parts leave unknown, said once: the same gap is not repeated for each question,
 * and a question nothing answers is named ("另外，以下问题知识库中没有找到……：「多少岁可以领？」").
 */
function unknownParts(parts: readonly AnswerPart[], view: MessageView): string[] {
  const notFound: string[] = [];
  const lines: string[] = [];
  // Gaps of one guide are said together: "《…》的办事指南中没有写明办结时限、收费标准".
  const gaps = new Map<string, string[]>();
  parts.forEach((part, at) => {
    if (part.status !== "unknown" || !part.unknownText) return;
    if (part.missing) {
      const labels = gaps.get(part.missing.guide) ?? [];
      if (!labels.includes(part.missing.label)) gaps.set(part.missing.guide, [...labels, part.missing.label]);
    } else if (part.unknownText === NOT_FOUND) {
      const asked = view.questions[at]?.analysis.text.trim();
      if (asked && !notFound.includes(asked)) notFound.push(asked);
      else if (!asked && notFound.length === 0) lines.push(`另外，${NOT_FOUND}。`);
    } else if (!lines.includes(`另外，${part.unknownText}。`)) lines.push(`另外，${part.unknownText}。`);
  });
  for (const [guide, labels] of gaps) lines.push(`另外，${guideGap(guide, labels)}。`);
  if (notFound.length > 0) {
    const quoted = notFound.map((text) => `「${text.length > 40 ? `${text.slice(0, 40)}…` : text}」`).join("");
    lines.unshift(`另外，以下问题${NOT_FOUND}：${quoted}。`);
  }
  return lines;
}

/** A reply that answers nothing but quotes where the sources defer, under its lead, with the 12345 pointer. */
function deferralReply(
  intent: Intent,
  lead: string,
  sentences: readonly AnswerSentence[],
  citations: readonly Citation[],
): TurnReply {
  const cited = new Set(sentences.flatMap((sentence) => sentence.citationIds));
  return {
    intent,
    script: "simplified",
    answer: {
      text: [lead, ...sentences.map((sentence) => sentence.text), HANDOFF_TEXT].join("\n"),
      citations: citations.filter((citation) => cited.has(citation.id)),
      sentences: [...sentences],
    },
    handoff: HANDOFF,
    grounded: false,
  };
}

/** Answer types whose answer is a figure. */
const FIGURES = new Set<AnswerType>(["number", "date", "fee", "time_limit"]);

/**
 * For a one-question message that names a place: the clauses of the answer about that place, when each
 * of them only defers and every other clause speaks of other places. Undefined otherwise.
 */
function deferredForPlaceAsked(view: MessageView, kept: readonly AnswerSentence[]): AnswerSentence[] | undefined {
  const question = view.questions.length === 1 ? view.questions[0]?.analysis : undefined;
  const asked = question ? provincesAsked(placeText(question)) : undefined;
  if (!asked || !question) return undefined;
  const figure = question.answerTypes.find((type) => FIGURES.has(type));
  const here: AnswerSentence[] = [];
  for (const sentence of kept) {
    // A clause that names no place goes on about the place the clause before it named.
    let last: -1 | 0 | 1 = 0;
    // Deferring clauses next to each other are quoted as one ("兰州版本未公布联办承诺时限，以当地告知为准。").
    let run: AnswerSentence | undefined;
    for (const clause of sentence.text
      .split(/(?<=[。；;，,])/u)
      .map((text) => text.trim())
      .filter(Boolean)) {
      const named = placeFit(asked, clause);
      const fit: -1 | 0 | 1 = named === 0 ? last : named;
      last = fit;
      // A clause about the place that holds no figure of the kind asked answers nothing either
      // ("兰州联办的户口登记限于1岁以下的孩子" for how many working days).
      const unasked = figure !== undefined && !holds(normalizeText(clause), figure);
      if (fit === 1 && isDeferral(clause)) {
        if (run) run.text += clause;
        else {
          run = { text: clause, citationIds: sentence.citationIds };
          here.push(run);
        }
        continue;
      }
      run = undefined;
      if (fit === 1 && !unasked) return undefined;
      if (fit === 0) return undefined;
    }
  }
  return here.length > 0 ? here : undefined;
}

const DEFERRAL = /(为准|各地要求不一|各地不同|各地不一|未公布|没有核实|另行公布|暂未)/u;
/** A clause that states how something is worked out or given ("按照……计发", "按月折算", "按企业规模区分"). */
// "标准按当地规定确定" states no rule of its own.
const STATES_RULE =
  /(按照|依照|依据|按)(?!(有关|相关|国家|当地|各地)?规定|当地|各地)[^，,；;。]{1,30}(计发|发放|折算|确定|区分|计算|核定)/u;

/** A sentence that only says where the answer is to be found, with nothing of it (no figure, no list). */
function isDeferral(text: string): boolean {
  if (!DEFERRAL.test(text) || /\d/.test(text)) return false;
  // "生育津贴按照……上年度职工月平均工资计发，……以当地公布标准为准" says how it is worked out before it defers.
  const before = text.slice(0, DEFERRAL.exec(text)?.index ?? 0);
  if (STATES_RULE.test(before)) return false;
  // "以当地办事指南为准：申请材料一般还包括……" goes on to say something.
  // "…以当地规定为准，本样例不作列举" says no more than where to look: the sample lists nothing.
  const after = (text.split(/为准[：:，,]?/u)[1] ?? "").replace(/(本样例)?不作列举/gu, "");
  return after.replace(/[^\p{L}]/gu, "").length < 6;
}

// A yes/no question gets a leading 可以/不可以/需要/不需要 only when a quoted sentence says so.
const LEADS: { asks: RegExp; says: [RegExp, string][] }[] = [
  {
    asks: /(一定要|必须|需要|需不需要|要不要|用不用|得不得)/u,
    says: [
      [/(不需要|无需|不用|免于|不再需要)/u, "不需要。"],
      [/(需要|必须|应当|须)/u, "需要。"],
    ],
  },
  {
    asks: /(可以|可不可以|能不能|能否|能)/u,
    says: [
      [/(不可以|不能|不得|不予)/u, "不可以。"],
      // Not a bare 可: 「可信」「可靠」 say nothing of whether something may be done.
      [/(可以|能够|允许|准予)/u, "可以。"],
    ],
  },
];

/** Words by which a clause hedges what it says (可能, 部分, 要看 …): it gives no 可以 or 不需要 to lead with. */
const HEDGED = /(可能|或许|也许|不一定|(?<!大)部分|(?<![需还])要看|视情况)/u;

function leadWord(view: MessageView, sentences: readonly AnswerSentence[]): string {
  if (view.questions.length !== 1) return "";
  const question = view.questions[0]?.analysis;
  if (!question?.answerTypes.includes("yes_no") || question.answerTypes[0] !== "yes_no") return "";
  const first = sentences[0]?.text ?? "";
  const words = question.subjectTokens.filter((token) => token.length >= 2);
  for (const { asks, says } of LEADS) {
    if (!asks.test(question.normalized)) continue;
    for (const [pattern, lead] of says) {
      // The clause that says it must speak of what was asked: 「两项可以分别判断」 says nothing of
      // whether a benefit can be raised.
      const clause = normalizeText(first)
        .split(/[，,。；;：:]/u)
        .find((text) => pattern.test(text));
      // A clause of nothing else (an FAQ's 「可以，……」) answers its own question, which was asked.
      const bare = clause !== undefined && clause.replace(pattern, "").replace(/[^\p{L}\p{N}]/gu, "").length < 2;
      // A clause that speaks of it and hedges (「部分普通货运车辆可能无需许可」) is no verdict.
      if (clause !== undefined && (bare || words.length === 0 || words.some((word) => clause.includes(word))))
        return HEDGED.test(clause) ? "" : lead;
    }
  }
  return "";
}

export function textReply(intent: Intent, text: string, grounded: boolean): TurnReply {
  return { intent, script: "simplified", answer: { text, citations: [], sentences: [] }, grounded };
}

export function fixed(state: DialogueState, intent: Intent, text: string, rule: string): TurnResult {
  return {
    state,
    rule,
    reply: { ...textReply(intent, text, false), ...(intent === "handoff" ? { handoff: HANDOFF } : {}) },
  };
}

/** One answer, then another (a scenario's question or checklist): their text, citations and sentences once. */
export function answerThen(first: TurnReply["answer"], then: TurnReply["answer"]): TurnReply["answer"] {
  const sentences = [...first.sentences];
  for (const sentence of then.sentences)
    if (!sentences.some((said) => said.text === sentence.text)) sentences.push(sentence);
  return {
    text: `${first.text}\n${then.text}`,
    citations: dedupeCitations([...first.citations, ...then.citations]),
    sentences,
  };
}
