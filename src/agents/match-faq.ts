// The FAQ entry a question asks, in its own words or in other words. An FAQ answer was written as
// the answer to its question, so when the person asks that question it is the best answer there is;
// the guide's lines and extracted sentences come after. Two ways to be the same question:
// - almost word for word: most character pairs shared both ways;
// - in other words ("办退休要带什么证件" for 「办退休要带啥？」, "员工能自己拿着档案来报到吗" for
//   「新员工的档案怎么转过来？」): every subject word of the FAQ question is in the person's question
//   (a word counted by how much it tells apart), and what the person asks about is in the entry.
import type { Catalog } from "../catalog/index.js";
import { normalizeText, type Sentence, type SentenceIndex, type Tokenizer } from "../retrieval/index.js";
import { type AnswerType, analyzeQuestion, type QuestionAnalysis } from "./analyze-question.js";
import { holdsAsked } from "./extract-answer.js";
import { bigrams } from "./scenario-dialogue.js";

/** One FAQ entry's question, analysed once per index. */
export interface FaqQuestion {
  chunkId: string;
  /** The FAQ document the entry is in (`faq:…`). */
  documentId: string;
  /** The question's character pairs (for the word-for-word match). */
  pairs: Set<string>;
  /** The question, normalised. */
  question: string;
  analysis: QuestionAnalysis;
  /**
   * Normalised question and answer with the names of the bundle and matter the entry is about, for
   * whether the person's words are in the entry ("新生儿一件事" is what the newborn FAQ is about).
   */
  entryText: string;
}

/**
 * How alike two questions must be, chosen on the development sets (dialogs.jsonl and
 * answers-dev.jsonl, `npm run eval -- --suite dialogs` / `--suite answers`): the word-for-word
 * Jaccard of character pairs, and for other words the share of the FAQ question's subject (by idf)
 * the person's question holds and the share of the person's subject the entry holds. Measured
 * 2026-12-04 (dialogs key facts / answers-dev key facts): 0.8 and 0.6 → 0.820 / 0.855; 0.7 and 0.6
 * → 0.840 / 0.860; 0.6 and 0.6 → 0.860 / 0.860 (0.5 no better; 0.5 or 0.7 for the entry, worse);
 * refusal and over-refusal did not move in any.
 */
export const FAQ_MATCH = { sameWords: 0.55, faqSubjectAsked: 0.6, askedSubjectInEntry: 0.6 } as const;

// A figure the question asks for must be in the answer: the entry about the same subject may say
// how, not how much. So must a document to bring, a law, a number to call, a street or opening
// hours: "要准备什么材料" is not answered by an entry on how to ask.
const EVIDENCE_TYPES: readonly AnswerType[] = [
  "fee",
  "time_limit",
  "number",
  "date",
  "material",
  "legal_basis",
  "contact",
  "address",
  "hours",
];

/**
 * Units whose figure an entry must state to answer (a sum of money, "发多少"; an age, "几岁能退"; years, "最多能延迟几年"
 * is not answered by when the statutory age is reached; a span the rules set, whose pattern names years too, "公示期多少
 * 天"), read off the unit's pattern: other counts ("跑几个部门") may be answered by an entry that says none is needed.
 */
const STATED_UNIT = /元|岁|年/u;

const faqIndexes = new WeakMap<SentenceIndex, FaqQuestion[]>();

/** Every FAQ entry's question, analysed once per sentence index. */
export function faqQuestionsOf(
  sentences: SentenceIndex,
  tokenizer: Tokenizer,
  catalog: Pick<Catalog, "bundles" | "matters">,
): FaqQuestion[] {
  let list = faqIndexes.get(sentences);
  if (list) return list;
  const byChunk = new Map<string, Sentence[]>();
  for (const sentence of sentences.sentences)
    if (sentence.chunk.kind === "faq")
      byChunk.set(sentence.chunk.id, [...(byChunk.get(sentence.chunk.id) ?? []), sentence]);
  list = [...byChunk.entries()].map(([chunkId, answer]) => {
    const chunk = answer[0]?.chunk;
    const title = chunk?.title ?? "";
    const about = [
      chunk?.bundleId && catalog.bundles.get(chunk.bundleId)?.name,
      chunk?.matterId && catalog.matters.get(chunk.matterId)?.name,
    ];
    return {
      chunkId,
      documentId: chunk?.documentId ?? "",
      pairs: bigrams(normalizeText(title)),
      question: normalizeText(title),
      analysis: analyzeQuestion(title, tokenizer),
      entryText:
        normalizeText([title, ...about].filter(Boolean).join(" ")) + answer.map((item) => item.normalized).join(""),
    };
  });
  faqIndexes.set(sentences, list);
  return list;
}

export interface MatchFaqInput {
  question: QuestionAnalysis;
  sentences: SentenceIndex;
  faqQuestions: readonly FaqQuestion[];
  /** Only entries of these documents (a question in a conversation that names nothing else). */
  documents?: ReadonlySet<string>;
  /**
   * Words the conversation has said (the name of the matter discussed): an entry's question words among them count
   * as asked ("除了上市还能用在哪些地方" about the 专用信用报告 is 「专用信用报告除了上市还能用在哪？」).
   */
  said?: readonly string[];
}

export interface FaqMatch {
  /** The entry's answer, verbatim. */
  sentences: readonly Sentence[];
  /** Asked almost word for word, or in other words. */
  alike: "same-words" | "other-words";
}

/** The FAQ entry the question asks, or undefined. */
export function matchFaq(input: MatchFaqInput): FaqMatch | undefined {
  const { question, sentences } = input;
  const asked = bigrams(question.normalized);
  if (asked.size < 3) return undefined;
  let best: { chunkId: string; score: number } | undefined;
  for (const faq of input.faqQuestions) {
    if (input.documents && !input.documents.has(faq.documentId)) continue;
    if (otherSex(question.normalized, faq.question) || whichAskedOfWhether(question, faq)) continue;
    const score = sameWords(asked, faq.pairs) ?? otherWords(question, faq, sentences, input.said);
    if (score !== undefined && (!best || score > best.score)) best = { chunkId: faq.chunkId, score };
  }
  if (!best) return undefined;
  // The entry's answer, without what is left of its own question ("不激活行不行？").
  // A bare 「可以。」 answers only a question of whether: "残疾证怎么申请" does not get it.
  const whether = question.answerTypes.includes("yes_no");
  const answer = sentences
    .ofChunk(best.chunkId)
    .filter((item) => !/[?？]\s*$/u.test(item.normalized) && (whether || !BARE_YES_NO.test(item.normalized)));
  if (answer.length === 0) return undefined;
  const type = question.answerTypes[0];
  // A document named by the question itself ("社保卡") is no document to bring.
  // A sum asked in yuan or an age, too: "一个月发多少" is not answered by 「两项可以分别判断」, nor
  // "男的最早几岁能退" by 「最多提前3年」.
  const held = (item: Sentence) =>
    holdsAsked(item.normalized, type as AnswerType, question.subjectTokens) &&
    (!question.unit || !STATED_UNIT.test(question.unit.source) || question.unit.test(item.normalized));
  if (type && EVIDENCE_TYPES.includes(type) && !answer.some(held)) return undefined;
  return { sentences: answer, alike: best.score >= 2 ? "same-words" : "other-words" };
}

/**
 * A question of which ones and nothing more, against an entry that asks only whether: "孩子都一岁多了，
 * 能一起办哪些" is not answered by 「孩子都一岁多了还能一起办吗」, however alike the words.
 */
function whichAskedOfWhether(question: QuestionAnalysis, faq: FaqQuestion): boolean {
  const only = (types: readonly AnswerType[], type: AnswerType) =>
    types.length > 0 && types.every((item) => item === type);
  return only(question.answerTypes, "list") && only(faq.analysis.answerTypes, "yes_no");
}

const BARE_YES_NO = /^\s*(可以|不可以|能|不能|需要|不需要|要|不要|不用|是的|是|不是|对)[。.!！]?\s*$/u;

/**
 * Whether the two questions are about people of different sex ("男的现在多少岁退休" is not
 * 「女工人现在多少岁退休？」): one character apart, and everything apart for the answer.
 */
function otherSex(asked: string, faq: string): boolean {
  // 女 in 子女, 女儿, 妇女 is no woman asked about.
  const sex = (text: string) =>
    new Set(
      [
        ...text.matchAll(
          /男(?=的|性|工|职工|方|人|士|子|同志)|(?<![子儿孙妇])女(?!儿)(?=的|性|工|职工|方|人|士|同志)/gu,
        ),
      ].map(([word]) => word),
    );
  const [first, second] = [sex(asked), sex(faq)];
  return first.size === 1 && second.size === 1 && [...first][0] !== [...second][0];
}

/** Jaccard of character pairs, when it is high enough: "男的现在多少岁退休" is not "女工人现在多少岁退休？". */
function sameWords(asked: Set<string>, faq: Set<string>): number | undefined {
  let shared = 0;
  for (const pair of asked) if (faq.has(pair)) shared += 1;
  const similarity = shared / (asked.size + faq.size - shared);
  // Scored above any other-words match (those are at most 1.25).
  return similarity >= FAQ_MATCH.sameWords ? 2 + similarity : undefined;
}

/** The same question in other words: both coverages high enough, scored by the questions' overlap. */
function otherWords(
  question: QuestionAnalysis,
  faq: FaqQuestion,
  sentences: SentenceIndex,
  said: readonly string[] = [],
): number | undefined {
  if (question.elliptical || faq.analysis.elliptical) return undefined;
  const own = coverage(faq.analysis.subjectTokens, question.normalized, sentences);
  // What the conversation said only completes the question: half of the entry's question is the person's own words.
  const faqSubject =
    said.length === 0
      ? own
      : own < FAQ_MATCH.faqSubjectAsked / 2
        ? 0
        : coverage(faq.analysis.subjectTokens, [question.normalized, ...said].join(" "), sentences);
  if (faqSubject < FAQ_MATCH.faqSubjectAsked) return undefined;
  const askedSubject = coverage(question.subjectTokens, faq.entryText, sentences);
  if (askedSubject < FAQ_MATCH.askedSubjectInEntry) return undefined;
  if (!sameKind(question.answerTypes, faq.analysis.answerTypes) || countOfTime(question, faq.analysis))
    return undefined;
  // Of the entries that pass, the one whose question says most of what was asked: "想晚几年再退行不行"
  // before the general 「我啥时候能退休？」 for "到了退休年龄想晚几年再退，最多能延迟多久"; asked the
  // same way ("要带什么证件" and 「要带啥」) counts too.
  const asksAlike =
    question.answerTypes.length > 0 && kindOf(question.answerTypes) === kindOf(faq.analysis.answerTypes);
  // What the conversation said that the entry's question names is asked too ("给她上职工医保要带啥" after "新招了一个香港
  // 过来的设计师": 「香港员工参加职工医保要带什么？」 before the general entry).
  const completed = [...question.subjectTokens, ...said.filter((token) => faq.analysis.subjectTokens.includes(token))];
  return overlap(completed, faq.analysis.subjectTokens, sentences) + (asksAlike ? 0.25 : 0);
}

/** Weighted Jaccard of two questions' subject words (two-character words and longer, by idf). */
function overlap(asked: readonly string[], faq: readonly string[], sentences: SentenceIndex): number {
  const words = (tokens: readonly string[]) => new Set(tokens.filter((token) => token.length >= 2));
  const first = words(asked);
  const second = words(faq);
  let shared = 0;
  let union = 0;
  for (const token of new Set([...first, ...second])) {
    const weight = sentences.idf(token);
    union += weight;
    if (first.has(token) && second.has(token)) shared += weight;
  }
  return union > 0 ? shared / union : 0;
}

// Kinds of question one entry can answer: who or where ("死亡证明去哪开" is answered by who issues
// it), what to bring, on what basis, what a word means, how or whether. A figure question is checked against the answer's figures.
const KIND_OF: Partial<Record<AnswerType, string>> = {
  department: "who-where",
  place: "who-where",
  name: "who-where",
  contact: "who-where",
  fee: "figure",
  time_limit: "figure",
  number: "figure",
  date: "figure",
  material: "material",
  applicant: "applicant",
  legal_basis: "basis",
  definition: "definition",
};

/**
 * Whether an entry asking in the FAQ's way answers a question of this kind: "多少钱" is not
 * answered by an entry that asks "在哪办", nor "还能一起办吗" by one that asks what to bring; an entry
 * asking yes or no ("要办排水证吗？") is about its subject as a whole.
 */
function sameKind(types: readonly AnswerType[], faqTypes: readonly AnswerType[]): boolean {
  if (types.length === 0 || faqTypes.length === 0 || faqTypes.includes("yes_no")) return true;
  return kindOf(types) === kindOf(faqTypes);
}

/**
 * Things counted ("能查到几个部门的信息") asked of an entry that asks how long or when (「网上申请完多久能拿到查询
 * 结果？」): both ask a figure, not the same one.
 */
function countOfTime(question: QuestionAnalysis, faq: QuestionAnalysis): boolean {
  const countsThings = question.answerTypes[0] === "number" && question.counted === "个";
  return countsThings && (faq.answerTypes[0] === "time_limit" || faq.answerTypes[0] === "date");
}

/**
 * A question's kind: that of its most specific answer type with one, a basis asked as "哪个文件" (a
 * name) a basis. "要准备哪些材料" (a list of materials) asks what to bring, not how.
 */
function kindOf(types: readonly AnswerType[]): string {
  const type = types.includes("legal_basis") ? "legal_basis" : types.find((item) => KIND_OF[item] !== undefined);
  return (type && KIND_OF[type]) ?? "how";
}

/**
 * The share of the words (weighted by idf) a text holds: a word wholly, or the share of its
 * character pairs ("一岁多" is half in "一岁半").
 */
function coverage(tokens: readonly string[], text: string, sentences: SentenceIndex): number {
  let total = 0;
  let held = 0;
  for (const token of tokens) {
    // One character ("半", "拿", "新") says too little about the subject to count either way.
    if (token.length < 2) continue;
    const weight = sentences.idf(token);
    total += weight;
    if (text.includes(token)) held += weight;
    else if (token.length >= 3) {
      const pairs = [...bigrams(token)];
      held += (weight * pairs.filter((pair) => text.includes(pair)).length) / pairs.length;
    }
  }
  return total > 0 ? held / total : 0;
}
