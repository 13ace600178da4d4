// What retrieval and the models see in one message, computed once per turn: the script it is
// written in, what it names, its questions with the passages found for each, the router's
// candidates, the learnt intent and how well the knowledge base answers it. The turn decides on
// this view alone.
import type { Benefit, Catalog, OutsideService, Policy } from "../catalog/index.js";
import {
  detectScript,
  normalizeText,
  type Retriever,
  type SearchHit,
  type SentenceIndex,
  type Tokenizer,
} from "../retrieval/index.js";
import {
  analyzeQuestion,
  certificateFormsIn,
  certificatesNamed,
  isSubject,
  type NamedCertificate,
  type QuestionAnalysis,
  splitQuestions,
} from "./analyze-question.js";
import { saysBenefitName } from "./answer-question.js";
import { factsInMessage } from "./benefit-answers.js";
import { extractAnswer } from "./extract-answer.js";
import type { PolicyDates } from "./flag-repealed-policies.js";
import type { IntentClassifier, IntentPrediction } from "./intent-classifier.js";
import { nameDocument, namingWords } from "./name-document.js";
import { placesNamed, placeText } from "./place-fit.js";
import { type RouteResult, routeMessage } from "./route-message.js";
import { ASKS_WRITER } from "./document-signature.js";
import { addressesAssistant, namesPersonOrTransfer, type SafetyIntent, safetyIntent } from "./safety-rules.js";

/** The knowledge a turn reads: catalog, retrieval over passages and sentences, the intent model. */
export interface ChatKnowledge {
  catalog: Pick<Catalog, "bundles" | "matters"> & Partial<Pick<Catalog, "benefits" | "outside">>;
  retriever: Retriever;
  tokenizer: Tokenizer;
  sentences: SentenceIndex;
  classifier: IntentClassifier;
  /** knowledge/benefits, for 「您可能还可以享受」; without them the chat offers none. */
  benefits?: Map<string, Benefit>;
  /** Policies' effective and repeal dates, so a repealed one is not cited as in force. */
  policies?: ReadonlyMap<string, PolicyDates & Partial<Pick<Policy, "explains" | "number">>>;
  /** The knowledge base version (content hash of the catalog and index) replies are given under. */
  version?: string;
}

export interface QuestionView {
  analysis: QuestionAnalysis;
  /** Tokens of the official terms the lexicon maps this question's words to. */
  expansionTokens: string[];
  /** Passages found for this question (all kinds, not collapsed), best first. */
  hits: SearchHit[];
}

export interface MessageView {
  message: string;
  script: "simplified" | "traditional";
  hasHan: boolean;
  /** Catalog documents the message names (`bundle:…`, `matter:…`, `policy:…`), best first. */
  mentions: string[];
  /** Policies the message names, by id. */
  policyIds: string[];
  /** Set by the turn: a follow-up asked of the policies the conversation is about (`policyIds` are theirs). */
  followsPolicies?: boolean;
  /** Tokens of the official terms the lexicon maps the message's words to. */
  expansionTokens: string[];
  safety?: { intent: SafetyIntent; rule: string };
  /** Facts for policy matching the message states outright (`factsInMessage`), read once per turn. */
  stated: ReturnType<typeof factsInMessage>;
  /** The message passed through `normalizeText` (simplified script, lower case), once for the whole turn. */
  normalized: string;
  /** The message speaks to the assistant or of how it answers (`addressesAssistant`). */
  toAssistant: boolean;
  /** The message names a person to speak with or being put through (`namesPersonOrTransfer`). */
  namesPerson: boolean;
  learned: IntentPrediction;
  route: RouteResult;
  /** One entry per question in the message ("多久？要钱吗" is two). */
  questions: QuestionView[];
  /** The best answer sentence's coverage of the whole message's subject (evidence that it is in scope). */
  answerCoverage: number;
  /**
   * Weighted share of the message's subject words that the knowledge base uses or the lexicon translates
   * (1 when it has none): "比特币现在还能不能买，会不会涨" has one word the lexicon knows (会涨 → 提高), and
   * a sentence covering that word is no evidence the message is about what the knowledge base holds.
   */
  domainShare: number;
  /** The message's subject words that no source uses and the lexicon does not translate ("奖学金", "征地款"). */
  untranslated: string[];
  /** Public services the message names that the knowledge base holds no guide for (knowledge/outside: "护照"). */
  outsideServices: string[];
}

const certificateCache = new WeakMap<SentenceIndex, Set<string>>();

/** The certificates the sources name, each as its kind with the two characters before it (once per index). */
function certificatesInSources(sentences: SentenceIndex): Set<string> {
  let forms = certificateCache.get(sentences);
  if (!forms) {
    forms = new Set(sentences.sentences.flatMap((sentence) => certificateFormsIn(sentence.normalized)));
    certificateCache.set(sentences, forms);
  }
  return forms;
}

const NO_SERVICES: readonly OutsideService[] = [];

/** Words that turn a question to another subject: "另外……", "顺便问一下……", "我还想问……", "对了，……". */
const TURNS_AWAY = /^(另外|顺便|顺带|还有|再问|还想问|我还想|我还要问|对了|此外|另问|另一个)/u;
const outsideCache = new WeakMap<readonly OutsideService[], NamedCertificate[]>();

/**
 * The public services of knowledge/outside a text names, each as its name and its normalised words (an answer that
 * says one of them speaks of it).
 */
function outsideServicesIn(normalized: string, services: readonly OutsideService[]): NamedCertificate[] {
  let named = outsideCache.get(services);
  if (!named) {
    named = services.map((service) => ({ name: service.name, forms: service.words.map(normalizeText) }));
    outsideCache.set(services, named);
  }
  return named.filter(({ forms }) => forms.some((form) => namesWord(normalized, form)));
}

/**
 * Whether a message names a bundle or matter the knowledge base guides other than by the words of a public service it
 * holds no guide for: "居住证怎么办理" names the school enrolment only through 居住证, one of its materials; "随迁子女上小学
 * 要先办居住证吗" names it by 随迁子女.
 */
function namesGuideBesides(
  retriever: Retriever,
  normalized: string,
  mentions: readonly string[],
  named: readonly NamedCertificate[],
): boolean {
  if (!mentions.some(isGuideMention)) return false;
  if (named.length === 0) return true;
  let rest = normalized;
  for (const { forms } of named)
    for (const form of forms) if (namesWord(rest, form)) rest = rest.replaceAll(form, "，");
  return retriever.describe(rest).mentions.some(isGuideMention);
}

/** The text says the word, and not as the start of another ("补办身份证明" says no 补办身份证). */
function namesWord(normalized: string, word: string): boolean {
  for (let at = normalized.indexOf(word); at >= 0; at = normalized.indexOf(word, at + 1))
    if (!(word.endsWith("证") && normalized[at + word.length] === "明")) return true;
  return false;
}

const titleCache = new WeakMap<object, Map<string, string>>();

/** Policy id → normalised title, worked out once per catalog. */
function policyTitles(policies: ReadonlyMap<string, { title: string }>): Map<string, string> {
  let titles = titleCache.get(policies);
  if (!titles) {
    titles = new Map([...policies].map(([id, policy]) => [id, normalizeText(policy.title)]));
    titleCache.set(policies, titles);
  }
  return titles;
}

/** Passages taken per question; the extractor also searches sentences on its own. */
const HITS_PER_QUESTION = 10;

/** The guides' words for how long the office takes. */
const OFFICE_TIME = /(办结|时限)/u;

export async function viewMessage(knowledge: ChatKnowledge, message: string): Promise<MessageView> {
  const { retriever, tokenizer, catalog } = knowledge;
  const normalized = normalizeText(message);
  const described = retriever.describe(message);
  // Only what the official terms say about the subject ("办理流程" for "怎么申请" adds nothing to it).
  const expansionOf = (terms: readonly string[]) => [
    ...new Set(terms.flatMap((term) => tokenizer.tokenize(term)).filter(isSubject)),
  ];
  const expansionTokens = expansionOf(described.expandedTerms);
  // Homophone typos the lexicon's sound matching found ("社报卡" → 社保卡) are read as meant.
  const asked = described.corrections.reduce(
    (text, correction) => text.replaceAll(correction.written, correction.meant),
    message,
  );
  const parts = splitQuestions(asked);
  const questions: QuestionView[] = [];
  // The questions that name something of the catalog on their own (a bundle, matter or policy).
  const namingOwn = new Set<QuestionView>();
  const analysed = parts.map((part) => ({ part, analysis: analyzeQuestion(part, tokenizer) }));
  // "您好！" or "谢谢！" beside the questions asks nothing: no question of its own, nor one more about
  // the one before it. A message of nothing else stays one question.
  const asksNothing = ({ analysis }: { analysis: QuestionAnalysis }) =>
    analysis.subjectTokens.length === 0 && analysis.answerTypes.length === 0;
  const asking = analysed.some((item) => !asksNothing(item)) ? analysed.filter((item) => !asksNothing(item)) : analysed;
  for (const { part, analysis } of asking) {
    const { hits } = await retriever.search({ query: part, k: HITS_PER_QUESTION, collapse: false });
    // What a part names of the catalog on its own ("另外退休要带什么") makes it a question of its own.
    const own = asking.length > 1 ? retriever.describe(part) : described;
    const namesOwn = asking.length > 1 && own.mentions.length > 0;
    const previous = questions.at(-1);
    const subjectRead = sameSubject(previous?.analysis, analysis, namesOwn);
    const earlierPlaces = previous ? placesNamed(placeText(previous.analysis)) : [];
    const read =
      earlierPlaces.length > 0 && placesNamed(placeText(subjectRead)).length === 0
        ? { ...subjectRead, placeAsked: earlierPlaces.join(" ") }
        : subjectRead;
    // The official terms for its own words, and for those of the question before it when it takes that
    // question's subject: "退休金" in the first question is no term of "听人说以后要涨到20年，是真的吗".
    const inherits = read.subjectTokens.some((token) => !analysis.subjectTokens.includes(token));
    // A span other than how long the office takes ("公示要挂几天") is not asked in the guides' words for that time
    // (几天 → 办结时限), which would find the guide's 「承诺办结时限：1个工作日」.
    const terms = expansionOf(
      read.span ? own.expandedTerms.filter((term) => !OFFICE_TIME.test(term)) : own.expandedTerms,
    );
    // "……高龄津贴是多大岁数开始有？找哪儿申请": the passages found for the question it asks more of are its own
    // too (its own words find nothing of the benefit).
    const found = new Set(hits.map((hit) => hit.chunk.id));
    const question: QuestionView = {
      analysis: read,
      hits: inherits && previous ? [...hits, ...previous.hits.filter((hit) => !found.has(hit.chunk.id))] : hits,
      expansionTokens: inherits && previous ? [...new Set([...terms, ...previous.expansionTokens])] : terms,
    };
    if (namesOwn) namingOwn.add(question);
    questions.push(question);
  }
  const whole =
    parts.length === 1
      ? (questions[0] as QuestionView)
      : {
          analysis: analyzeQuestion(asked, tokenizer),
          hits: (await retriever.search({ query: asked, k: HITS_PER_QUESTION, collapse: false })).hits,
        };
  // A policy named in other words ("高效办成一件事的指导意见里……") is read like one named by its title.
  const named = knowledge.policies ? nameDocument(normalized, policyTitles(knowledge.policies)) : undefined;
  const namedPolicies = [
    ...new Set([
      ...described.mentions.filter((id) => id.startsWith("policy:")).map((id) => id.slice(7)),
      ...(named?.policyIds ?? []),
    ]),
  ];
  // Who wrote a commentary named with the regulation it explains ("海南那篇解读国办24号文的文章，署名作者是谁"): the
  // regulation names which commentary, and the commentary's byline answers. Who issued the regulation, or when
  // (「工信部那篇解读里提到的国办发〔2025〕24号是谁印发的」), is still asked of the regulation.
  const explained = ASKS_WRITER.test(normalized)
    ? new Set(namedPolicies.map((id) => knowledge.policies?.get(id)?.explains))
    : new Set();
  const policyIds = namedPolicies.filter((id) => !explained.has(id));
  if (named)
    for (const question of questions) {
      const words = namingWords(question.analysis.normalized, named, question.analysis.subjectTokens);
      if (words.length === 0) continue;
      question.analysis = { ...question.analysis, namingWords: words };
      // The official terms for the words that name the document ("一件事" of its title → 一件事一次办,
      // 集成办) say nothing of what is asked about it.
      const rest = words.reduce((text, word) => text.replaceAll(word, " "), question.analysis.normalized);
      question.expansionTokens = expansionOf(retriever.describe(rest).expandedTerms);
    }
  // Certificates no source names and the lexicon does not translate ("教师资格证"): each question that names one is
  // answered only by a sentence that names it too.
  const said = certificatesInSources(knowledge.sentences);
  const servicesNamed = outsideServicesIn(normalized, catalog.outside ?? NO_SERVICES);
  const outside = namesGuideBesides(retriever, normalized, described.mentions, servicesNamed)
    ? NO_SERVICES
    : (catalog.outside ?? NO_SERVICES);
  let before: QuestionAnalysis | undefined;
  let servicesBefore: NamedCertificate[] = [];
  for (const question of questions) {
    const unheard = certificatesNamed(question.analysis.normalized).filter(
      ({ name, forms }) => !forms.some((form) => said.has(form)) && retriever.describe(name).expandedTerms.length === 0,
    );
    // A public service the knowledge base holds no guide for ("护照") likewise, whatever of its words the sources say,
    // when the message names no bundle or matter the knowledge base guides: in "香港员工入职要带港澳通行证吗" the
    // permit is a material of the hiring.
    const services = outsideServicesIn(question.analysis.normalized, outside);
    unheard.push(...services);
    if (unheard.length === 0) {
      // "个税年度汇算几号截止？过了会罚款吗": a question that asks about what the one before it named asks of its names.
      if (before?.unheardNames && asksOfBefore(question.analysis, before)) unheard.push(...before.unheardNames);
      // "结婚登记要带什么材料？必须回户口所在地的民政局吗？": in a message about such a service and no guided
      // matter, a later question asks of the service too, unless it turns to something else: it says so (另外, 顺便问
      // 一下), names a policy document, a benefit or another entry, or asks what a term means ("一件事一次办是什么意思").
      else if (
        servicesBefore.length > 0 &&
        !question.analysis.namingWords &&
        !TURNS_AWAY.test(question.analysis.normalized) &&
        !question.analysis.answerTypes.includes("definition") &&
        !saysBenefitName(knowledge.sentences, question.analysis.normalized) &&
        !namingOwn.has(question)
      )
        unheard.push(...servicesBefore);
    }
    if (unheard.length > 0) question.analysis = { ...question.analysis, unheardNames: unheard };
    servicesBefore = [...servicesBefore, ...services];
    before = question.analysis;
  }
  const probe = extractAnswer({
    question: whole.analysis,
    expansionTokens,
    sentences: knowledge.sentences,
    hits: whole.hits,
  });
  const stated = factsInMessage(normalized);
  // Each subject word is looked up in the lexicon once, for the domain share and for follow-ups.
  const untranslated = [
    ...new Set([whole, ...questions].flatMap((question) => question.analysis.subjectTokens)),
  ].filter((token) => !knowledge.sentences.knows(token) && retriever.describe(token).expandedTerms.length === 0);
  const route = await routeMessage({
    retriever,
    catalog,
    message,
    tokenizer,
    subjectWords: whole.analysis.subjectTokens,
    // A death in the family is the life event the after-death bundle takes the retirement's place for.
    eventTold: stated.familyMemberDied === true,
  });
  return {
    message,
    script: detectScript(message),
    hasHan: /\p{Script=Han}/u.test(message),
    mentions: described.mentions,
    policyIds,
    expansionTokens,
    safety: safetyIntent(message),
    stated,
    normalized,
    toAssistant: addressesAssistant(message),
    namesPerson: namesPersonOrTransfer(message),
    learned: knowledge.classifier.classify(message),
    route,
    questions,
    answerCoverage: probe.best?.coverage ?? 0,
    domainShare: domainShare(knowledge, whole.analysis.subjectTokens, untranslated),
    untranslated,
    outsideServices: outside === NO_SERVICES ? [] : servicesNamed.map((service) => service.name),
  };
}

/**
 * The `domainShare` of subject words, weighted as answer extraction weighs them; `untranslated` holds those no source
 * uses and the lexicon does not translate.
 */
function domainShare(knowledge: ChatKnowledge, subject: readonly string[], untranslated: readonly string[]): number {
  const { sentences } = knowledge;
  let total = 0;
  let known = 0;
  for (const token of new Set(subject)) {
    const weight = sentences.idf(token) * (token.length === 1 ? 0.33 : 1);
    total += weight;
    if (!untranslated.includes(token)) known += weight;
  }
  return total > 0 ? known / total : 1;
}

/** A mention (`MessageView.mentions`) of a bundle or matter the knowledge base guides, not of a policy or benefit. */
export function isGuideMention(mention: string): boolean {
  return mention.startsWith("bundle:") || mention.startsWith("matter:");
}

/**
 * A question of a message that asks about what the question before it asked about: `sameSubject` gave it the earlier
 * question's subject words to fall back on, or its own subject holds all of them.
 */
function asksOfBefore(current: QuestionAnalysis, before: QuestionAnalysis): boolean {
  return (
    current.earlierSubject !== undefined ||
    (before.subjectTokens.length > 0 && before.subjectTokens.every((token) => current.subjectTokens.includes(token)))
  );
}

/** Words that point back to what the question before named ("这个政策", "这项补贴"). */
export const POINTS_BACK = /^\s*(这个|这项|这种|这条|此项|它)/u;

/**
 * A question of a message that asks more about the one before it, naming nothing or only words of
 * it ("……新农合是不是可以报销？报销的流程是怎么样的？" asks how the 新农合 is reimbursed, not how any
 * reimbursement is; "……能否使用生育保险？需要哪些材料？" asks for that claim's materials). It takes
 * the earlier question's subject words and is no longer elliptical.
 */
export function sameSubject(
  previous: QuestionAnalysis | undefined,
  current: QuestionAnalysis,
  namesOwn = false,
): QuestionAnalysis {
  if (!previous || previous.elliptical) return current;
  // "……能否使用我所缴纳的生育保险？需要哪些材料？到哪里办理？": what names nothing asks about the first, and
  // the story told before the first is background to it too.
  if (current.elliptical)
    return {
      ...current,
      subjectTokens: previous.subjectTokens,
      elliptical: false,
      ...(previous.background ? { background: previous.background } : {}),
    };
  // "……免增值税？这个政策执行到啥时候？": what points back asks about the question before.
  if (POINTS_BACK.test(current.normalized))
    return { ...current, subjectTokens: [...new Set([...previous.subjectTokens, ...current.subjectTokens])] };
  const words = current.subjectTokens.filter((token) => token.length >= 2);
  const earlier = previous.subjectTokens.filter((token) => token.length >= 2);
  const joined = { ...current, subjectTokens: [...new Set([...previous.subjectTokens, ...current.subjectTokens])] };
  if (words.length > 0 && earlier.length > words.length && words.every((word) => earlier.includes(word))) return joined;
  // "……什么时候开始网上报名？孩子要满几周岁？", "……最高能贷多少万？贴息几年？": a question of one word
  // of its own that names nothing of the catalog may ask about what the one before it asked about
  // (answerQuestion asks it so when its own words answer nothing); "……？要公示多久" may not.
  const own = words.filter(
    (word) => !earlier.includes(word) && !words.some((other) => other.length > word.length && other.includes(word)),
  );
  if (!namesOwn && own.length <= 1 && earlier.length >= 2)
    return { ...current, earlierSubject: previous.subjectTokens };
  return current;
}
