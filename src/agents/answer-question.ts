// One question answered from the knowledge base: a guide element of the matter being discussed
// (its lines in the guide), the FAQ entry asked almost word for word, or the sentences extraction
// finds. Every sentence is verbatim from a cited source; when nothing holds the answer, the part
// says what is unknown instead.
import {
  BENEFIT_HEADINGS,
  type Benefit,
  type Bundle,
  bundleSections,
  type Catalog,
  type Citation,
  describeChannel,
  type GuideSection,
  matterSections,
  type Policy,
} from "../catalog/index.js";
import { normalizeText, type SearchHit, type Sentence, type SentenceIndex } from "../retrieval/index.js";
import { documentNumber, documentOpening, type Signed, signature, signingDate } from "./document-signature.js";
import { placesElsewhere, placeText } from "./place-fit.js";
import { answerTypeOf, askingClause, type GuideElement, type QuestionAnalysis } from "./analyze-question.js";
import type { AnswerSentence } from "./chat-reply.js";
import { bigrams } from "./scenario-dialogue.js";
import { type AnswerThresholds, extractAnswer, HEADINGS_OF_ELEMENT, holds, holdsAsked } from "./extract-answer.js";
import { type FaqQuestion, matchFaq } from "./match-faq.js";

export interface AnswerPart {
  status: "answered" | "unknown";
  /** Verbatim sentences, each naming its citation. */
  sentences: AnswerSentence[];
  citations: Citation[];
  /** For an unknown part: what is missing, in plain Chinese (fact-free). */
  unknownText?: string;
  /** For an unknown guide element: whose guide lacks which line (gaps of one guide are said together). */
  missing?: { guide: string; label: string };
  /** How it was answered, for logs and evaluation. */
  source: "guide_element" | "faq" | "extracted" | "none";
  /** A fact-free line said before the sentences (what they stand for). */
  note?: string;
  /** An unknown part that says what the document asked about lacks: nothing else is read for it. */
  settled?: boolean;
}

export type Target = { kind: "bundle" | "matter"; id: string };

/** Whether two targets (or route candidates) are the same bundle or matter. */
export const sameTarget = (a: Target | undefined, b: Target | undefined): boolean =>
  a?.kind === b?.kind && a?.id === b?.id;

/** What an unknown part says when nothing in the knowledge base answers it. */
export const NOT_FOUND = "知识库中没有找到能回答这个问题的依据";

export interface AnswerQuestionInput {
  question: QuestionAnalysis;
  /**
   * With knowledge/benefits, a benefit claimed through a matter (`claim.matterId`) is part of that
   * matter's documents: "护理补贴要评到几级才能申请" about the 护理补贴 matter is answered by the
   * benefit's conditions.
   */
  catalog: Pick<Catalog, "bundles" | "matters"> & { benefits?: ReadonlyMap<string, Pick<Benefit, "id" | "claim">> };
  /** The policies' numbers as the catalog records them, for "文号是多少" (default: none known). */
  policies?: ReadonlyMap<string, Partial<Pick<Policy, "number">>>;
  sentences: SentenceIndex;
  /** Passages retrieval found for this question. */
  hits: readonly SearchHit[];
  /** The bundle or matter the conversation is about. */
  target?: Target;
  /** Policy documents the message names (by id): the answer comes from them when they hold it. */
  policyIds?: readonly string[];
  /** Official terms the lexicon adds for the question's words. */
  expansionTokens?: readonly string[];
  /** The bundle whose scenario questions are under way: its documents are part of the conversation. */
  conversationBundleId?: string;
  /**
   * The message names a bundle or matter other than the target and the conversation's bundle: an
   * element question is then not taken to be about the target unless it names it.
   */
  namesOther?: boolean;
  /**
   * The message names a bundle or matter of the catalog in its own words: a question about it, which
   * the target's sentences must answer (`saysWhatWasAsked`), rather than a follow-up in a conversation.
   */
  namesCatalog?: boolean;
  /**
   * The target is the conversation's (an earlier turn chose it), not only the router's guess for this
   * message: the question is a follow-up.
   */
  inConversation?: boolean;
  /** Tokens of the target's name, for an elliptical question ("要多久？"). */
  targetTokens?: readonly string[];
  /**
   * Tokens of what the conversation has named: the target's name and the one it was about before ("上海的企业开专用信用报告"
   * then "除了上市还能用在哪些地方", now about the listing bundle). Default: `targetTokens`.
   */
  saidTokens?: readonly string[];
  thresholds?: AnswerThresholds;
  /** The FAQ entries' questions, analysed (`faqQuestionsOf`): a question one of them asks gets its answer. */
  faqQuestions?: readonly FaqQuestion[];
  /**
   * The question before it in the same message found no answer: a question that asks about what that one asked
   * (`earlierSubject`) is then not asked again with its words ("……顺产的生育医疗费用能报销多少钱？剖腹产呢").
   */
  earlierUnknown?: boolean;
}

/** Elements a bundle's guide states for all its matters: where to apply. */
const BUNDLE_WIDE = new Set<GuideElement>(["channels"]);

const ELEMENT_SECTIONS: Record<GuideElement, { label: string; section: string; prefixes?: string[] }> = {
  fee: { label: "收费标准", section: "time-fee", prefixes: ["收费标准"] },
  time: { label: "办结时限", section: "time-fee", prefixes: ["法定办结时限", "承诺办结时限"] },
  contact: { label: "咨询电话", section: "channels", prefixes: ["咨询方式"] },
  materials: { label: "申请材料", section: "materials" },
  conditions: { label: "受理条件", section: "conditions" },
  channels: { label: "办理渠道", section: "channels" },
  process: { label: "办理流程", section: "process" },
  basis: { label: "设定依据", section: "basis" },
  department: { label: "实施部门", section: "overview", prefixes: ["实施部门", "协同部门", "牵头部门"] },
};

/**
 * Documents that make up a target's guide: the bundle (or matter), the bundle's matters, their FAQ.
 * `ownOnly` leaves out the other matters of the bundle a matter is discussed in: the fee line of the
 * drainage permit is not what the food licence costs. `benefits: false` leaves out the benefits claimed
 * through its matters (a bundle's documents for route reports).
 */
function targetDocuments(
  input: Pick<AnswerQuestionInput, "catalog">,
  target: Target,
  options: { conversationBundleId?: string; ownOnly?: boolean; benefits?: boolean } = {},
): Set<string> {
  const { conversationBundleId, ownOnly = false, benefits = true } = options;
  const documents = new Set([`${target.kind}:${target.id}`]);
  for (const bundleId of [target.kind === "bundle" ? target.id : undefined, conversationBundleId]) {
    if (!bundleId) continue;
    documents.add(`bundle:${bundleId}`);
    if (ownOnly && target.kind === "matter") continue;
    for (const entry of input.catalog.bundles.get(bundleId)?.matters ?? []) documents.add(`matter:${entry.matterId}`);
  }
  if (!benefits) return documents;
  const claimed = benefitsByMatter(input.catalog.benefits);
  for (const document of [...documents])
    if (document.startsWith("matter:")) for (const benefit of claimed.get(document) ?? []) documents.add(benefit);
  return documents;
}

const claimedCache = new WeakMap<object, Map<string, string[]>>();

/** For each matter (`matter:<id>`), the benefits claimed through it (`benefit:<id>`): worked out once. */
function benefitsByMatter(benefits: AnswerQuestionInput["catalog"]["benefits"]): Map<string, string[]> {
  if (!benefits) return new Map();
  let claimed = claimedCache.get(benefits);
  if (!claimed) {
    claimed = new Map();
    for (const benefit of benefits.values()) {
      const matterId = benefit.claim?.matterId;
      if (!matterId) continue;
      const key = `matter:${matterId}`;
      claimed.set(key, [...(claimed.get(key) ?? []), `benefit:${benefit.id}`]);
    }
    claimedCache.set(benefits, claimed);
  }
  return claimed;
}

/** A guide's line that puts something outside the matter: "补发、换发不在本事项和“新生儿出生一件事”联办范围内". */
const OUTSIDE_SCOPE = /不在[^。；;]{0,20}范围/u;
/** Words before a word that say it is not what is asked: "不是补发", "不用补发吧". */
const NOT_ASKED = ["不是", "不用", "不需要", "没", "非"];
/** A question of the first time a thing is done: "第一次办", "首次签发". */
const FIRST_TIME = /(首次|第一次|首签|头一次|初次)/u;

/**
 * A question about what the guide of the matter discussed says it does not cover ("出生医学证明丢了要补发，要带啥"
 * of 出生医学证明签发（首签）: 「补发、换发不在本事项……范围内」) is not answered with that matter's lines: the guide's
 * line is told, with what its documents and FAQ say of it besides when that answers what is asked (去哪 → 「补发、换发
 * 需要单独向签发机构申请」), else with the knowledge base having no answer.
 */
function excludedByGuide(input: AnswerQuestionInput): AnswerPart | undefined {
  const { target, question } = input;
  // "第一次签发要带啥" asks what the guide covers, however it also speaks of 补发.
  if (target?.kind !== "matter" || FIRST_TIME.test(question.normalized)) return undefined;
  // The words that name the matter itself say nothing of what it leaves out.
  const names = targetNames(input.catalog, target).map(normalizeText);
  const words = question.subjectTokens.filter(
    (token) => token.length >= 2 && !names.some((name) => name.includes(token)),
  );
  for (const sentence of input.sentences.ofDocument(`matter:${target.id}`)) {
    const at = sentence.normalized.search(OUTSIDE_SCOPE);
    if (at <= 0) continue;
    // What is put outside: the clause before 不在 ("补发、换发"); one that says who ("非婚生育……的，不在联办范围内")
    // puts a case outside, which the scenario's questions ask about, not an act.
    const clause =
      sentence.normalized
        .slice(0, at)
        .split(/[，,；;：:]/u)
        .filter((part) => part.trim())
        .at(-1) ?? "";
    // A word said as what is not asked ("不是补发", "不用补发吧") asks nothing of it.
    const asked = words.filter(
      (word) => clause.includes(word) && !NOT_ASKED.some((not) => question.normalized.includes(`${not}${word}`)),
    );
    if (/的[\s,，]*$/u.test(sentence.normalized.slice(0, at)) || asked.length === 0) continue;
    const primary = question.answerTypes.find((type) => type !== "yes_no") ?? question.answerTypes[0];
    // What the matter's own documents or its FAQ say of it besides ("补发、换发需要单独向签发机构申请") is told with the
    // guide's line: that much the knowledge base does say.
    const besides = [...withFaq(input, new Set([`matter:${target.id}`]))]
      .flatMap((documentId) => input.sentences.ofDocument(documentId))
      .filter(
        (other) =>
          other !== sentence &&
          !OUTSIDE_SCOPE.test(other.normalized) &&
          !/[?？]\s*$/u.test(other.normalized) &&
          asked.some((word) => other.normalized.includes(word)) &&
          // and answers what is asked: where to apply answers 去哪, not 多久 or 多少钱.
          (primary === undefined || holdsAsked(other.normalized, primary, question.subjectTokens)),
      );
    if (besides.length > 0) return { ...cite([sentence, ...besides]), status: "answered", source: "extracted" };
    return {
      ...unknownPart(),
      unknownText: `《${input.catalog.matters.get(target.id)?.name ?? target.id}》的办事指南写明：“${sentence.text.trim()}”${NOT_FOUND}`,
      settled: true,
    };
  }
  return undefined;
}

/** What an unknown part says to a question about the person's own application. */
export const OWN_CASE_TEXT =
  "我查不到您个人申请的办理进度和结果。请联系受理您申请的部门；如果是网上提交的，也可以登录提交申请的平台查看办理状态";
/** What an unknown part says when asked to look up the person's own records (缴费年限, 账户余额 …). */
export const OWN_RECORD_TEXT =
  "我查不到您个人的缴费、账户、证照等记录，也不能替您查询。请通过负责该事项的部门或其官方平台，本人查询";

export function answerQuestion(input: AnswerQuestionInput): AnswerPart {
  const part = answerOnce(input);
  const earlier = input.question.earlierSubject;
  // Whether something holds is asked of its own words ("……有效期多久？过期了还能用吗" is not answered by
  // what the report is).
  const types = input.question.answerTypes;
  const whether = types.length > 0 && types.every((type) => type === "yes_no");
  if (part.status === "answered" || part.settled || !earlier || whether || input.earlierUnknown) return part;
  // Its own word answered nothing: it asks about what the question before it asked about.
  const subjectTokens = [...new Set([...earlier, ...input.question.subjectTokens])];
  const again = answerOnce({ ...input, question: { ...input.question, subjectTokens, earlierSubject: undefined } });
  return again.status === "answered" ? again : part;
}

function answerOnce(input: AnswerQuestionInput): AnswerPart {
  // "我上周交的申请审到哪了": no guide knows; quoting the matter's time limit or materials would mislead.
  if (input.question.ownCase)
    return {
      ...unknownPart(),
      unknownText: input.question.ownCase === "record" ? OWN_RECORD_TEXT : OWN_CASE_TEXT,
      settled: true,
    };
  const part = answerFromFaqOrSources(input);
  // An FAQ entry written for it answers ("出生证明补发去哪" → 「补发、换发需要单独向签发机构申请」); otherwise what the
  // guide says it does not cover is said, not its lines.
  const excluded = part.source === "faq" ? undefined : excludedByGuide(input);
  if (excluded) return excluded;
  // "办护照要带啥" that nothing answers is told the knowledge base holds nothing on 护照; an unknown that says more
  // (what the guide does not state) stays.
  if (part.status !== "answered")
    return part.unknownText && part.unknownText !== NOT_FOUND ? part : (unheardPart(input, []) ?? part);
  if (!holdsQuotedNames(input, part)) return unknownPart();
  // "教师资格证认定需要满足什么条件" is not answered by the conditions of a pension's 资格确认.
  // A sentence, or the title or headings of a document cited, that names it answers.
  const unheard = unheardPart(input, textsOf(part));
  if (unheard) return unheard;
  // "上海查破产企业信息的窗口在哪" is not answered by Beijing's window.
  const elsewhere = placesElsewhere(
    placeText(input.question),
    part.sentences.map((sentence) => sentence.text),
  );
  return elsewhere
    ? {
        ...unknownPart(),
        unknownText: `找到的说明只涉及${elsewhere.elsewhere.join("、")}的做法，没有找到关于${elsewhere.asked.join("、")}的说明`,
      }
    : part;
}

/**
 * The settled unknown for the certificates and services the question names that the knowledge base does not hold
 * (`unheardNames`) and none of `texts` names; none when every one is named.
 */
function unheardPart(input: AnswerQuestionInput, texts: readonly string[]): AnswerPart | undefined {
  const unheard = (input.question.unheardNames ?? []).filter(
    ({ forms }) => !texts.some((text) => forms.some((form) => text.includes(form))),
  );
  if (unheard.length === 0) return undefined;
  return {
    ...unknownPart(),
    unknownText: `知识库中没有关于“${unheard.map((named) => named.name).join("”“")}”的办事指南或政策规定`,
    settled: true,
  };
}

/**
 * Whether an answer speaks of what the question names in 《》: a sentence or the title or headings of
 * a document it cites holds the name. "外省异地办理《就业失业登记证》" is not answered by a sentence on
 * 跨省通办 that never names the certificate.
 */
function holdsQuotedNames(input: AnswerQuestionInput, part: AnswerPart): boolean {
  const names = [...input.question.text.matchAll(/《([^》]{2,40})》/gu)].map((match) =>
    normalizeText(match[1] as string),
  );
  if (names.length === 0) return true;
  const texts = textsOf(part);
  // A matter cited is spoken of by any of its names ("餐饮服务许可证" for the food business licence).
  const cited = part.citations
    .map((citation) => citation.documentId.split(":"))
    .filter(([kind]) => kind === "bundle" || kind === "matter")
    .map(([kind, id]) => ({ kind, id }) as Target);
  return names.every(
    (name) =>
      texts.some((text) => text.includes(name)) || cited.some((target) => namesTarget(input.catalog, target, name)),
  );
}

/** What an answer says, normalised: its sentences, and the titles and headings of the documents it cites. */
function textsOf(part: AnswerPart): string[] {
  return [...part.sentences.map((sentence) => normalizeText(sentence.text)), ...part.citations.map(headingOf)];
}

function answerFromFaqOrSources(input: AnswerQuestionInput): AnswerPart {
  const { question, target } = input;
  // A question in a conversation that names nothing else asks the conversation's own FAQ: "要带什么材料"
  // while opening a restaurant is not the newborn FAQ's 「上户口要带什么材料？」.
  const documents = target && input.namesOther === false ? conversationDocuments(input, target) : undefined;
  const faq = matchFaq({
    question,
    sentences: input.sentences,
    faqQuestions: input.faqQuestions ?? [],
    documents,
    said: documents ? (input.saidTokens ?? input.targetTokens) : undefined,
  });
  if (!faq) return answerFromSources(input);
  const faqPart: AnswerPart = { ...cite(faq.sentences), status: "answered", source: "faq" };
  // An entry asked in other words comes after the guide of a matter the question names, for the
  // element it asks ("食品经营许可要什么材料": that matter's list first, then the bundle's FAQ).
  const guideFirst =
    faq.alike === "other-words" &&
    target?.kind === "matter" &&
    question.element !== undefined &&
    namesTarget(input.catalog, target, question.normalized);
  if (!guideFirst) return faqPart;
  const guide = answerFromSources(input);
  return guide.status === "answered" ? join(guide, faqPart) : faqPart;
}

/**
 * The documents a conversation about a target holds, with their FAQ: the target's guide, its bundle's,
 * and for a matter those of the bundles that hold it (a bundle's FAQ is about each of its matters).
 */
/**
 * The guides a conversation is about: the target's, those of its bundle and of the conversation's bundle with their
 * matters, and their FAQ entries; not the benefits claimed through them.
 */
export function guideDocuments(
  input: Pick<AnswerQuestionInput, "catalog" | "sentences">,
  target: Target,
  conversationBundleId?: string,
): Set<string> {
  return withFaq(input, targetDocuments(input, target, { conversationBundleId, benefits: false }));
}

function conversationDocuments(input: AnswerQuestionInput, target: Target): Set<string> {
  const documents = targetDocuments(input, target, { conversationBundleId: input.conversationBundleId });
  if (target.kind === "matter")
    for (const bundleId of bundlesHolding(input.catalog).get(target.id) ?? []) documents.add(`bundle:${bundleId}`);
  return withFaq(input, documents);
}

// What a person receives rather than pays: "一个月多少钱" about such a matter asks for the amount.
const RECEIVED = /(补贴|津贴|待遇|奖励|抚恤|救助|养老金|提取|支取)/u;

/** A fee question about a matter that pays the person out asks how much is paid, not what it costs. */
function asAmount(input: AnswerQuestionInput): AnswerQuestionInput {
  const { question, target, catalog } = input;
  if (question.element !== "fee" || !target) return input;
  const name = target.kind === "bundle" ? catalog.bundles.get(target.id)?.name : catalog.matters.get(target.id)?.name;
  if (!name || !RECEIVED.test(name)) return input;
  const answerTypes = question.answerTypes.map((type) => (type === "fee" ? "number" : type));
  return { ...input, question: { ...question, element: undefined, answerTypes } };
}

/** The answer from the guides, notes and policies, when no FAQ entry is asked. */
function answerFromSources(asked: AnswerQuestionInput): AnswerPart {
  const input = asAmount(asked);
  const { question, target } = input;
  // A policy the question names ("国发〔2022〕5号对老年人……") is read before any guide.
  const named = namedPolicies(input);
  if (named?.status === "answered" || named?.settled) return named;
  let element: AnswerPart | undefined;
  if (target) {
    // In a conversation about a matter or bundle, its own documents are read first: the guide's
    // line for the element asked, and a sentence of its notes or FAQ that says more precisely what
    // was asked ("不走告知承诺的话要等多久"); a question the target does not answer is then asked of
    // the policies, or of the whole knowledge base when the message names something else (below).
    // A guide element (时限, 收费 …) of a matter is read in that matter's own documents only.
    const ownOnly = question.element !== undefined;
    const scope = withFaq(
      input,
      targetDocuments(input, target, { conversationBundleId: input.conversationBundleId, ownOnly }),
    );
    const scoped = extractIn(input, scope);
    // A guide element asked in a conversation is about the target unless the message names something
    // else of the catalog: "谁负责审批" while closing a company asks who approves the closure.
    const namesIt =
      question.elliptical ||
      namesTarget(input.catalog, target, question.normalized) ||
      (question.element !== undefined && input.namesOther === false);
    if (question.element) {
      element = answerElement(input, question.element, target);
      // A matter handled within a bundle is applied for through the bundle's channels: they answer when
      // the matter's own guide names none. (Its time limit is not the bundle's: the joint time limit
      // says each matter's own is in its guide.)
      // Only for a matter of that bundle alone: a business licence is applied for in many bundles.
      const bundleId = input.conversationBundleId;
      const holders = bundlesHolding(input.catalog).get(target.id) ?? [];
      if (
        element.status === "unknown" &&
        target.kind === "matter" &&
        bundleId &&
        holders.length === 1 &&
        holders[0] === bundleId &&
        BUNDLE_WIDE.has(question.element)
      ) {
        const wide = answerElement(input, question.element, { kind: "bundle", id: bundleId });
        if (wide.status === "answered") element = wide;
      }
      // A matter's guide that names no channel still names the office that handles it ("打疫苗的本子在哪办" →
      // 「实施部门：卫生健康部门（预防接种单位）」): where to go is that office. Only for a plain question of where
      // (`WHERE_TO_GO`): not whether it can be done online, where online, what comes next, or which kind of place
      // ("去哪家医院做鉴定"), none of which the office answers.
      if (
        element.status === "unknown" &&
        question.element === "channels" &&
        target.kind === "matter" &&
        !question.answerTypes.includes("yes_no") &&
        WHERE_TO_GO.test(question.normalized) &&
        !PLACE_OF_A_KIND.test(question.normalized)
      ) {
        const office = answerElement(input, "department", target);
        // Said so: the guide names no channel, and the line that follows names the office.
        if (office.status === "answered")
          element = { ...office, note: `${element.unknownText}，以下是其中写明的实施部门：` };
      }
      if (element.status === "answered" && (namesIt || scoped.status === "answered"))
        return scoped.status === "answered" ? join(element, scoped) : element;
      // Without the guide's line, a note of the target answers only if it holds what the element is
      // (a condition for 受理条件): "哪些人可以申请" is not answered by the list of the bundle's matters.
      // Nor one that says nothing of what was asked beyond the name ("预防接种证弄丢了，咋补办" is not
      // answered by what the certificate is for).
      const noted =
        scoped.status === "answered" && saysWhatWasAsked(input, scoped)
          ? notesOn(input, scoped, target, question.element)
          : undefined;
      if (noted) return noted;
      if (namesIt) return element;
    } else if (scoped.status === "answered" && saysWhatWasAsked(input, scoped)) return scoped;
    if (question.elliptical) return scoped;
  }
  // A question in a conversation that names nothing else of the catalog is about the conversation:
  // beyond its documents only the policies (general rules) are read, never another matter's guide
  // or FAQ ("要本人去吗" while registering a birth is not answered by the social security card FAQ).
  // On a first message routed to a target, a benefit it names is read too: "子女教育个税每个月能扣多少"
  // names one, though 孩子上学 routes it to school enrolment.
  const followUp = target !== undefined && input.namesOther === false;
  const anywhere = followUp ? extractGeneral(input) : extractAnywhere(input);
  // A general rule answers a follow-up only if it holds every word the follow-up asks with: "孩子能代办
  // 吗" about a disability certificate is not answered by post offices acting as agents.
  if (followUp && input.inConversation && anywhere.status === "answered" && !holdsEveryWord(input, anywhere))
    return element ?? unknownPart();
  // An answer found outside the conversation must be about what was asked (`aboutAsked`): quoted from a
  // benefit a first message names by three words of its name ("孩子今年上小学了，个税子女教育专项附加扣除每个月
  // 能扣多少", whose rarest word is its story's), it is. Otherwise the guide being discussed says it has no
  // such line, or nothing answers.
  const firstMessage = input.inConversation === false;
  if (
    anywhere.status === "answered" &&
    !(firstMessage && namesQuotedBenefit(input, anywhere, STRONGLY_NAMED)) &&
    !aboutAsked(input, anywhere)
  )
    return element ?? eligibility(input);
  // What the target's documents do not say is not found in a policy by the words that name the target
  // ("食品经营许可证可以转让吗" is not answered by a sentence on the licence's changes).
  if (
    anywhere.status === "answered" &&
    target &&
    !(saysWhatWasAsked(input, anywhere) && aboutTarget(input, anywhere)) &&
    !(firstMessage && namesQuotedBenefit(input, anywhere))
  )
    return element ?? eligibility(input);
  return anywhere.status === "answered" ? anywhere : eligibility(input, anywhere);
}

// A plain question of where to go: "在哪办", "去哪里申请".
const WHERE_TO_GO = /(哪里|哪儿|在哪|去哪|到哪|什么地方|啥地方)/u;
// Where of a kind the office is not: a kind of place ("去哪家医院", "哪个银行"), a channel ("网上在哪申请"), or
// the step after ("办好了下一步去哪里").
const PLACE_OF_A_KIND = /哪(一)?(家|个|所|间|座)|医院|银行|学校|网上|线上|网站|app|小程序|手机|下一步|接下来|然后/iu;

/** Words of its name a question holds to name a benefit (its whole name is enough at this count). */
export const NAMING_WORDS = 2;
/**
 * Words of its name a benefit is named by to outweigh a matter the message also names, and for an answer
 * quoted from it to be about what was asked.
 */
export const STRONGLY_NAMED = 3;

// Whether someone may receive or apply for what a matter grants: "有退休工资的残疾人能领护理补贴吗".
const ASKS_ELIGIBILITY =
  /(能|可以|能否|能不能|可不可以|是否可以|是否能|有没有资格|有资格|符合).{0,6}(领取|领|申请|申领|享受|报销|参保|参加|办理|办)/u;
// What the person asks to receive or apply for, up to where the question ends ("……能不能申请行政复议？").
const ELIGIBILITY_OBJECT = new RegExp(
  `${ASKS_ELIGIBILITY.source}(\\p{Script=Han}{2,16}?)(吗|呢|么|不(?=[？?。!！]*$)|[？?，,。！!]|$)`,
  "u",
);

/**
 * A yes-or-no question whether someone may receive or apply for the matter named, which no sentence
 * answers for the person's own circumstance: the matter's 受理条件 are what decides, quoted under a
 * note that the guide does not speak of that circumstance. Otherwise nothing answers.
 */
function eligibility(input: AnswerQuestionInput, fallback: AnswerPart = unknownPart()): AnswerPart {
  const { question, target } = input;
  const yesOrNo = question.answerTypes[0] === "yes_no";
  if (!target || question.element || !yesOrNo || !input.namesCatalog || !ASKS_ELIGIBILITY.test(question.normalized))
    return fallback;
  // "我能不能申请行政复议" while repairing credit asks about something the matter's guide never names:
  // its conditions do not decide it.
  const object = ELIGIBILITY_OBJECT.exec(question.normalized)?.[3]?.replace(/^(个|一个|一下|这个|那个)/u, "");
  if (object && object.length >= 2 && !namedIn(input, target, object)) return fallback;
  const conditions = answerElement(input, "conditions", target);
  if (conditions.status === "answered") return { ...conditions, note: ELIGIBILITY_NOTE };
  // A guide that leaves its conditions to the local rules is read with the benefit claimed through it:
  // its 享受条件 decide ("有退休工资的残疾人能领护理补贴吗").
  const claimed =
    target.kind === "matter" ? (benefitsByMatter(input.catalog.benefits).get(`matter:${target.id}`) ?? []) : [];
  const lines = claimed.flatMap((documentId) =>
    input.sentences
      .ofDocument(documentId)
      .filter((sentence) => sentence.chunk.sectionPath.includes(BENEFIT_HEADINGS.conditions)),
  );
  if (lines.length === 0) return fallback;
  return { ...cite(lines), status: "answered", source: "extracted", note: ELIGIBILITY_NOTE };
}

/** Whether `words` name the target, or appear in a sentence of one of its own documents. */
function namedIn(input: AnswerQuestionInput, target: Target, words: string): boolean {
  if (namesTarget(input.catalog, target, words)) return true;
  return [...targetDocuments(input, target)].some((documentId) =>
    input.sentences.ofDocument(documentId).some((sentence) => sentence.normalized.includes(words)),
  );
}

/** The fact-free line before the conditions quoted for an eligibility question. */
export const ELIGIBILITY_NOTE = "办事指南没有专门说明您问到的情形，以下是该事项的受理条件，请对照：";

/**
 * The sentences of an answer that stand in for a missing guide line: those of the target's own guide
 * or of the FAQ about it, and those that hold what the element's line would. Undefined when none.
 */
function notesOn(
  input: AnswerQuestionInput,
  part: AnswerPart,
  target: Target,
  element: GuideElement,
): AnswerPart | undefined {
  const key = `${target.kind}:${target.id}`;
  // The benefit claimed through the matter is its own too: its 享受条件 are the matter's conditions.
  const own = new Set([
    key,
    ...(faqDocumentsOf(input.sentences).get(key) ?? []),
    ...(benefitsByMatter(input.catalog.benefits).get(key) ?? []),
  ]);
  const type = answerTypeOf(element);
  const documentOf = new Map(part.citations.map((citation) => [citation.id, citation.documentId]));
  const sentences = part.sentences.filter(
    (sentence) =>
      sentence.citationIds.some((id) => own.has(documentOf.get(id) ?? "")) ||
      (type !== undefined && holds(normalizeText(sentence.text), type)),
  );
  if (sentences.length === 0) return undefined;
  const cited = new Set(sentences.flatMap((sentence) => sentence.citationIds));
  return { ...part, sentences, citations: part.citations.filter((citation) => cited.has(citation.id)) };
}

const holdersCache = new WeakMap<object, Map<string, string[]>>();

/** For each matter, the bundles that hold it: worked out once per catalog. */
export function bundlesHolding(catalog: AnswerQuestionInput["catalog"]): Map<string, string[]> {
  let holders = holdersCache.get(catalog.bundles);
  if (!holders) {
    holders = new Map();
    for (const bundle of catalog.bundles.values())
      for (const { matterId } of bundle.matters) holders.set(matterId, [...(holders.get(matterId) ?? []), bundle.id]);
    holdersCache.set(catalog.bundles, holders);
  }
  return holders;
}

/**
 * Whether sentences of the target's own documents say what the question asks about the target: one
 * of them holds one of the question's most specific whole words beyond those naming the target
 * (within 2 of the rarest), or the official term the lexicon gives for the person's words.
 * "今年的退休工资怎么还只发到二月份" is not answered by how a pension is paid, nor "食品经营许可证可以
 * 转让吗" by what the licence is for. The story told around the question is left out; words that only name
 * the element asked (政策依据) are said by a line of that kind. Only for a message that names the catalog
 * itself: a follow-up that names nothing ("外地户口的呢？") is about the conversation.
 */
function saysWhatWasAsked(input: AnswerQuestionInput, part: AnswerPart): boolean {
  if (!input.namesCatalog || input.question.elliptical) return true;
  const naming = (input.targetTokens ?? []).filter((token) => token.length >= 2);
  const beyondName = (token: string) =>
    token.length >= 2 && !naming.some((name) => token.includes(name) || name.includes(token));
  // Whole words only: "二月份", not the "月份" the segmenter also gives ("出生月份" does not answer it). The
  // story told around the question (「……想打印出来给居委会看」) is not what it asks.
  const background = new Set(input.question.background ?? []);
  const words = wholeWords(input.question.subjectTokens).filter((word) => beyondName(word) && !background.has(word));
  if (words.length === 0) return true;
  // An FAQ entry's answer says what its question says ("服务员、厨师要办健康证吗？" → 「从事接触直接入口食品工作的
  // 从业人员，要取得健康证明……」 says it of 服务员).
  const texts = [
    ...part.sentences.map((sentence) => normalizeText(sentence.text)),
    ...part.citations.filter((citation) => citation.documentId.startsWith("faq:")).map(headingOf),
  ];
  // Words that only name the element asked ("政策依据" of 设定依据, or of a benefit's 政策依据) are said by a
  // line of that kind (「……（国发〔2015〕52号）」), not by the words themselves.
  const { element } = input.question;
  const elementNames = element ? [ELEMENT_SECTIONS[element].label, ...(HEADINGS_OF_ELEMENT[element] ?? [])] : [];
  const type = element && answerTypeOf(element);
  if (type && words.every((word) => elementNames.some((name) => name.includes(word))))
    return texts.some((text) => holds(text, type));
  // A count asked in its unit ("交多少年", "多少人"), which a sentence of the target states in that unit
  // (「累计缴费满十五年」, 「持卡人数达13.86亿」), says what was asked, in whatever words.
  // It must still hold a word the question says beyond the name (全国, 退休 of 退休金).
  const { unit, answerTypes } = input.question;
  if (
    unit &&
    answerTypes[0] === "number" &&
    texts.some(
      (text) => unit.test(text) && input.question.subjectTokens.some((word) => beyondName(word) && text.includes(word)),
    )
  )
    return true;
  // The official term for the person's words ("自己拿着档案" → 个人自带) says it too; a verb with its
  // result ("评到几级") is said by the verb with its own result ("被评定为一级").
  // A word no source uses, said outside the clause that asks ("听说得先在网上挂出去公示，要挂几天才行"), tells the story,
  // and no sentence of the target can say it: the rarest of the others must be said. One in the clause that asks
  // ("有没有个计算公式") is what is asked, and still must.
  const asking = askingClause(input.question.normalized);
  const told = words.filter((word) => input.sentences.knows(word) || asking.includes(word));
  const terms = [
    ...specificWords(input, told.length > 0 ? told : words, 2),
    ...(input.expansionTokens ?? []).filter(beyondName),
  ].flatMap((token) =>
    RESULTATIVE.test(token) ? [token, `${token.slice(0, 1)}定`, `${token.slice(0, 1)}为`] : [token],
  );
  return terms.some((token) => texts.some((text) => text.includes(token)));
}

/** A verb and the complement of its result, two characters: "评到", "发到", "交完". */
const RESULTATIVE = /^\p{Script=Han}(到|完|好|成|掉)$/u;

/**
 * Whether one of the part's sentences, with the title and headings of the document it is from, holds
 * every subject word of two characters or more of the question ("甘肃" is in the title of Gansu's
 * opinions, not in each of their sentences).
 */
function holdsEveryWord(input: AnswerQuestionInput, part: AnswerPart): boolean {
  const words = wholeWords(input.question.subjectTokens).filter((token) => token.length >= 2);
  const headings = new Map(part.citations.map((citation) => [citation.id, headingOf(citation)]));
  return part.sentences.some((sentence) => {
    const text = [normalizeText(sentence.text), ...sentence.citationIds.map((id) => headings.get(id) ?? "")].join(" ");
    return words.every((word) => text.includes(word));
  });
}

/**
 * Whether sentences found outside the target's documents, for a message that names the target, are
 * about it: one of them holds a word of its name. "外国人可以申请残疾人证吗" is not answered by a
 * sentence on services for foreigners that says nothing of disability.
 */
function aboutTarget(input: AnswerQuestionInput, part: AnswerPart): boolean {
  if (!input.namesCatalog || input.question.elliptical || !input.target) return true;
  const naming = (input.targetTokens ?? []).filter((token) => token.length >= 2);
  if (naming.length === 0) return true;
  const own = withFaq(
    input,
    targetDocuments(input, input.target, { conversationBundleId: input.conversationBundleId }),
  );
  const documentOf = new Map(part.citations.map((citation) => [citation.id, citation.documentId]));
  return part.sentences.some(
    (sentence) =>
      sentence.citationIds.some((id) => own.has(documentOf.get(id) ?? "")) ||
      naming.some((token) => normalizeText(sentence.text).includes(token)),
  );
}

/**
 * The words of a question that may name a benefit: its subject words of two characters or more, and of
 * the official terms the lexicon gives for them only words of three characters or more ("保险" of
 * 医疗保险, for 医保, does not name 养老保险).
 */
function namingWordsOf(subjectTokens: readonly string[], expansionTokens: readonly string[] = []): string[] {
  return [...subjectTokens.filter((word) => word.length >= 2), ...expansionTokens.filter((word) => word.length >= 3)];
}

/**
 * Whether words name a benefit: two words of its name, each counted once ("个体工商户" of the lexicon's
 * 个体工商户登记 counts, and "个体" inside it does not count again) and coming from two words of the
 * question or its official terms, one of them in no other benefit's
 * name ("个税住房租金专项附加扣除" names no benefit of the knowledge base, though 个人所得税 and 专项附加扣除
 * are in four names).
 */
function namesBenefit(
  words: readonly string[],
  benefitId: string,
  names: ReadonlyMap<string, string>,
  whole: readonly string[] = wholeWords(words),
  minWords = NAMING_WORDS,
): boolean {
  const name = names.get(benefitId) ?? "";
  // Its whole name, said as one word ("国家那个育儿补贴是给多大的孩子的"), names it alone (unless more
  // words are asked for).
  if (minWords <= NAMING_WORDS && name.length >= 3 && words.includes(name)) return true;
  const held = wholeWords(words.filter((word) => name.includes(word)));
  // Pieces of one word of the question are one word (`whole`, the words no other holds): 个体 and 工商户
  // of "个体工商户登记" do not name 个体工商户个人所得税减征 twice.
  const named = new Set(held.map((word) => whole.find((other) => other.includes(word)) ?? word));
  const others = [...names].filter(([id]) => id !== benefitId).map(([, other]) => other);
  return named.size >= minWords && held.some((word) => !others.some((other) => other.includes(word)));
}

/**
 * The one benefit a question names ("3岁以下婴幼儿照护那个个税扣除，两口子咋分着扣" names the 婴幼儿照护
 * deduction), or undefined when it names none or several.
 */
export function benefitNamedBy(
  sentences: SentenceIndex,
  subjectTokens: readonly string[],
  expansionTokens: readonly string[] = [],
  minWords = NAMING_WORDS,
): string | undefined {
  const names = benefitNames(sentences);
  const words = namingWordsOf(subjectTokens, expansionTokens);
  const whole = wholeWords(words);
  const named = [...names.keys()].filter((id) => namesBenefit(words, id, names, whole, minWords));
  return named.length === 1 ? named[0] : undefined;
}

/**
 * The benefits whose names hold a word of three characters or more that a question says, in its words or
 * the official terms (个人所得税 for 个税): a family it names without saying which one ("个税每个月能扣多少").
 * None when one of its words names a member alone.
 */
export function benefitFamilyNamedBy(
  sentences: SentenceIndex,
  subjectTokens: readonly string[],
  expansionTokens: readonly string[] = [],
): string[] {
  const words = wholeWords(namingWordsOf(subjectTokens, expansionTokens)).filter(
    (word) => Array.from(word).length >= 3,
  );
  const family = [...benefitNames(sentences)].filter(([, name]) => words.some((word) => name.includes(word)));
  // Only words they all share: one that names a member alone ("六税两费" beside 小规模纳税人) says which it is.
  const shared = (word: string) => family.every(([, name]) => name.includes(word));
  return words.every((word) => !family.some(([, name]) => name.includes(word)) || shared(word))
    ? family.map(([id]) => id)
    : [];
}

/**
 * Whether a message says a benefit's name or one of its aliases of three characters or more whole
 * ("俺爷今年八十一了，高龄津贴是多大岁数开始有", "六税两费到底是哪六个税"): a message of the domain, whatever
 * else it says.
 */
export function saysBenefitName(sentences: SentenceIndex, normalized: string): boolean {
  const message = withoutQuotes(normalized);
  return benefitNameForms(sentences).some((form) => message.includes(form));
}

/**
 * The one benefit whose name or alias of three characters or more a message says whole ("国家那个育儿补贴我老婆
 * 能去领吗" says 育儿补贴), with the forms said, or undefined when it says none or several. A form said only as
 * part of a longer form of another benefit (社保补贴 in 企业社保补贴) does not count.
 */
export function benefitSaidBy(
  sentences: SentenceIndex,
  normalized: string,
): { benefitId: string; forms: string[] } | undefined {
  const message = withoutQuotes(normalized);
  const said = benefitFormsById(sentences).filter(([, form]) => message.includes(form));
  const kept = said.filter(
    ([id, form]) =>
      !said.some(([other, longer]) => other !== id && longer.length > form.length && longer.includes(form)),
  );
  const ids = new Set(kept.map(([id]) => id));
  const [benefitId] = ids;
  return ids.size === 1 && benefitId ? { benefitId, forms: kept.map(([, form]) => form) } : undefined;
}

const withoutQuotes = (text: string) => text.replace(/[“”"「」《》]/gu, "");
const benefitFormIndexes = new WeakMap<SentenceIndex, [string, string][]>();

/** Every benefit's name (without a closing bracketed part) and aliases, without quotes: once per index. */
function benefitNameForms(sentences: SentenceIndex): string[] {
  return benefitFormsById(sentences).map(([, form]) => form);
}

/** `benefitNameForms`, each with its benefit's id. */
function benefitFormsById(sentences: SentenceIndex): [string, string][] {
  let forms = benefitFormIndexes.get(sentences);
  if (!forms) {
    const aliases = benefitAliases(sentences);
    forms = [...benefitNames(sentences)].flatMap(([id, name]): [string, string][] => [
      [id, withoutQuotes(name).replace(/[（(][^（()）]*[)）]$/u, "")],
      ...(aliases.get(id) ?? []).map((alias): [string, string] => [id, withoutQuotes(alias)]),
    ]);
    benefitFormIndexes.set(sentences, forms);
  }
  return forms;
}

/**
 * Whether a first message names the one benefit an answer quotes: "子女教育个税每个月能扣多少" asks about
 * 子女教育个人所得税专项附加扣除, not about the school enrolment its 孩子上学 was routed to.
 */
function namesQuotedBenefit(input: AnswerQuestionInput, part: AnswerPart, minWords = NAMING_WORDS): boolean {
  const documents = new Set(part.citations.map((citation) => citation.documentId));
  const [only] = documents;
  if (documents.size !== 1 || !only?.startsWith("benefit:")) return false;
  const words = namingWordsOf(input.question.subjectTokens, input.expansionTokens);
  const names = benefitNames(input.sentences);
  // Telling a benefit from a rival, a word of two characters the lexicon gives counts too (灵活 of 灵活就业人员参保).
  const telling = [...words, ...(input.expansionTokens ?? []).filter((word) => word.length === 2)];
  // An alias said whole names it; strongly, one of four characters or more that is not a shorter alias with a word
  // added ("城乡居民养老"; not "丧葬费", nor "领失业金", which is 失业金), and only when the clause that asks names no
  // other benefit ("我交着城乡居民养老保险，父母能扣赡养老人吗" asks of the 赡养老人 deduction).
  const strongly = minWords > NAMING_WORDS;
  if (
    (!strongly || !askingClauseNamesOther(input, only)) &&
    saysAlias(input.question.normalized, telling, only, names, input.sentences, strongly)
  )
    return true;
  return namesBenefit(words, only, names, wholeWords(words), minWords);
}

/** Whether the last clause that asks names, by two words of its name, a benefit other than `benefitId`. */
function askingClauseNamesOther(input: AnswerQuestionInput, benefitId: string): boolean {
  const asking = askingClause(input.question.normalized);
  const words = namingWordsOf(input.question.subjectTokens.filter((token) => asking.includes(token)));
  const names = benefitNames(input.sentences);
  return [...names.keys()].some((id) => id !== benefitId && namesBenefit(words, id, names));
}

/**
 * Whether a message says one of a benefit's aliases whole, an alias no other benefit has: "听说有社保补贴"
 * names 就业困难人员灵活就业社会保险补贴 (whose name's words are all in 企业吸纳就业困难人员社会保险补贴's too).
 * When another benefit has a longer alias holding it (企业社保补贴), the message must not say that one, and
 * must say a word of this benefit's name the other's lacks (灵活, of the lexicon's 灵活就业人员参保 for
 * 「打零工自己交社保」): "单位的社保补贴" names neither.
 */
function saysAlias(
  normalized: string,
  words: readonly string[],
  benefitId: string,
  names: ReadonlyMap<string, string>,
  sentences: SentenceIndex,
  strongly = false,
): boolean {
  const aliases = benefitAliases(sentences);
  const name = names.get(benefitId) ?? "";
  const own = aliases.get(benefitId) ?? [];
  return own.some((alias) => {
    if (!normalized.includes(alias)) return false;
    if (strongly && (Array.from(alias).length < 4 || own.some((other) => other !== alias && alias.includes(other))))
      return false;
    const rivals = [...aliases].filter(([id, list]) => id !== benefitId && list.some((other) => other.includes(alias)));
    return rivals.every(
      ([id, list]) =>
        !list.includes(alias) &&
        !list.some((other) => normalized.includes(other)) &&
        words.some((word) => name.includes(word) && !(names.get(id) ?? "").includes(word)),
    );
  });
}

/** The subject words that no longer subject word holds ("二月份", not the "月份" inside it). */
function wholeWords(tokens: readonly string[]): string[] {
  return tokens.filter((token, _, all) => !all.some((other) => other.length > token.length && other.includes(token)));
}

/** A cited document's title and headings, normalised. */
function headingOf(citation: Citation): string {
  return normalizeText(`${citation.title} ${citation.sectionPath.join(" ")}`);
}

/** The words nearly as rare as the rarest (within `margin`), with the single characters beside them. */
function specificWords(input: AnswerQuestionInput, words: readonly string[], margin: number): string[] {
  const top = Math.max(...words.map((token) => input.sentences.idf(token)));
  return words
    .filter((token) => input.sentences.idf(token) >= top - margin)
    .map((token) => withLoneCharacters(input.question, token));
}

/** What a guide without the lines asked for is said to lack ("《…》的办事指南中没有写明办结时限、收费标准"). */
export function guideGap(guide: string, labels: readonly string[]): string {
  return `《${guide}》的办事指南中没有写明${labels.join("、")}`;
}

/** Nothing in the knowledge base answers the question. */
function unknownPart(): AnswerPart {
  return { status: "unknown", sentences: [], citations: [], source: "none", unknownText: NOT_FOUND };
}

/**
 * Whether an answer from outside the conversation is about what was asked: its guide or FAQ
 * sources hold one of the question's most specific subject words (the rarest, or nearly as rare).
 * A how-to question (材料, 时限, 在哪办 …) is answered by the guide of what it asks, so the word must
 * be in a source's title: "结婚登记要带什么材料" is not answered from the newborn guide, nor "公租房怎
 * 么申请" from a school-enrolment FAQ. Any other question may find the word in the quoted sentences
 * too: "产假工资是按月发放吗" is not answered by how a pension is paid.
 */
function aboutAsked(input: AnswerQuestionInput, part: AnswerPart): boolean {
  const { question } = input;
  const words = question.subjectTokens.filter((token) => token.length >= 2);
  if (words.length === 0) return true;
  if (namesMissingMember(input, part)) return false;
  // A title must hold the rarest word itself; quoted sentences, which say more, a word nearly as rare.
  const specific = specificWords(input, words, question.element ? 1e-9 : 1);
  // Policies are read for what they say, not for their titles; but the telephone number of a place
  // ("兰州市政务服务中心的咨询电话") is only in a sentence that names the place.
  if (part.citations.some((citation) => citation.documentId.startsWith("policy:"))) {
    const said = part.sentences.map((sentence) => normalizeText(sentence.text));
    // A how-to question about nothing of the catalog and no policy is asked of a service the guides do not
    // cover: a policy's general aim is no answer unless it speaks of that service ("港澳通行证续签能在网上办吗"
    // is not answered by 提升网上办事深度).
    if (howToBeyondCatalog(input, part))
      return specificWords(input, words, 1).some((token) => said.some((text) => text.includes(token)));
    if (question.element !== "contact") return true;
    const places = placesNamed(question.normalized);
    // So is the number asked of something named ("甘快办APP的客服热线是多少" is not answered by 12345
    // called the 总客服); "要跟哪个报警电话对接" asks which number, answered by 110.
    const numberOfNamed = /(是多少|是几|号码是)/u.test(question.normalized);
    return (
      places.every((place) => said.some((text) => text.includes(place))) &&
      (!numberOfNamed || specific.some((token) => said.some((text) => text.includes(token))))
    );
  }
  const texts = part.citations.map(headingOf);
  if (!question.element) texts.push(...part.sentences.map((sentence) => normalizeText(sentence.text)));
  return specific.some((token) => texts.some((text) => text.includes(token)));
}

/**
 * Whether a question names a benefit the knowledge base lacks, of the family of the one quoted: words of
 * the quoted benefit's name that other benefits share, with a word the knowledge base never uses between
 * them, where the member would be told ("个税大病医疗专项附加扣除" is not 子女教育个人所得税专项附加扣除). A word
 * before them is the person's story ("孩子上高中的个人所得税专项附加扣除", "宝宝刚满1岁，个税里……的扣除").
 */
function namesMissingMember(input: AnswerQuestionInput, part: AnswerPart): boolean {
  const documents = new Set(part.citations.map((citation) => citation.documentId));
  const [only] = documents;
  if (documents.size !== 1 || !only?.startsWith("benefit:") || namesQuotedBenefit(input, part)) return false;
  const name = benefitNames(input.sentences).get(only) ?? "";
  const words = namingWordsOf(input.question.subjectTokens, input.expansionTokens);
  const family = wholeWords(words.filter((word) => name.includes(word)));
  const { normalized } = input.question;
  // Where the message says the family's words, a short form of one of them included (个税 of 个人所得税).
  const said = [
    ...family,
    ...input.question.subjectTokens.filter((token) =>
      FULL_FORMS_OF_NAMES.get(token)?.some((full) => name.includes(full)),
    ),
  ];
  const spans = said.map((word) => [normalized.indexOf(word), word.length] as const).filter(([at]) => at >= 0);
  if (family.length < 2 || spans.length < 2) return false;
  const start = Math.min(...spans.map(([at]) => at));
  const end = Math.max(...spans.map(([at, length]) => at + length));
  return words.some((word) => {
    const at = normalized.indexOf(word);
    return at > start && at + word.length < end && !input.sentences.knows(word);
  });
}

/** Short forms of words in benefits' names: 个税 for 个人所得税. */
const FULL_FORMS_OF_NAMES = new Map([["个税", ["个人所得税"]]]);

/** A first how-to question that routes nowhere, names no policy and is answered from the policies alone. */
function howToBeyondCatalog(input: AnswerQuestionInput, part: AnswerPart): boolean {
  return (
    input.question.element !== undefined &&
    input.question.element !== "contact" &&
    !input.target &&
    (input.policyIds ?? []).length === 0 &&
    part.citations.every((citation) => citation.documentId.startsWith("policy:"))
  );
}

// Words ending in 市/省/县/区 that name no place.
const NOT_PLACES = new Set([
  "城市",
  "超市",
  "上市",
  "都市",
  "社区",
  "园区",
  "景区",
  "小区",
  "辖区",
  "城区",
  "市区",
  "地区",
  "片区",
  "郊区",
]);

/** Places a question names by their administrative suffix ("兰州市", "甘肃省"), without the suffix. */
function placesNamed(normalized: string): string[] {
  return [...normalized.matchAll(/(\p{Script=Han}{2,3}?)(省|市|县|区)/gu)]
    .filter((match) => !NOT_PLACES.has(match[0]))
    .map((match) => match[1] as string);
}

/**
 * A word with the single subject characters the segmenter left beside it in the question: "公租房"
 * (segmented 公 + 租房) is not 租房.
 */
function withLoneCharacters(question: AnswerQuestionInput["question"], token: string): string {
  const lone = new Set(question.subjectTokens.filter((item) => item.length === 1));
  const at = question.normalized.indexOf(token);
  if (at < 0 || lone.size === 0) return token;
  const before = question.normalized[at - 1];
  const after = question.normalized[at + token.length];
  return `${before && lone.has(before) ? before : ""}${token}${after && lone.has(after) ? after : ""}`;
}

/** Two answers to one question, the second's sentences after the first's, each cited once. */
function join(first: AnswerPart, second: AnswerPart): AnswerPart {
  const extra = second.sentences.filter((sentence) => !first.sentences.some((item) => item.text === sentence.text));
  if (extra.length === 0) return first;
  return {
    ...first,
    sentences: [...first.sentences, ...extra],
    citations: dedupeCitations([...first.citations, ...second.citations]),
  };
}

/**
 * The document of a policy the conversation is about: a policy by its id, a benefit (knowledge/benefits)
 * as `benefit:<id>`. `discussedId` is the way back, from a cited document.
 */
export const discussedDocument = (id: string): string => (id.startsWith("benefit:") ? id : `policy:${id}`);

/** How the conversation keeps a cited policy or benefit (`discussedDocument` reads it back); else undefined. */
export function discussedId(documentId: string): string | undefined {
  if (documentId.startsWith("policy:")) return documentId.slice("policy:".length);
  return documentId.startsWith("benefit:") ? documentId : undefined;
}

/**
 * The documents of a conversation about a bundle: its guide, its matters' guides and the FAQ about any
 * of them. Not the benefits claimed through its matters: an answer quoted from a benefit reports no
 * route (report-route.ts).
 */
export function bundleDocuments(
  input: Pick<AnswerQuestionInput, "catalog" | "sentences">,
  bundleId: string,
): Set<string> {
  return withFaq(input, targetDocuments(input, { kind: "bundle", id: bundleId }, { benefits: false }));
}

/** Whether an answer quotes something, and only the bundle's own documents (its guides and FAQ). */
export function quotesOnlyBundle(
  input: Pick<AnswerQuestionInput, "catalog" | "sentences">,
  bundleId: string,
  citations: readonly Citation[],
): boolean {
  const own = bundleDocuments(input, bundleId);
  return citations.length > 0 && citations.every((citation) => own.has(citation.documentId));
}

/** What the policies the message names say, when it names any. */
function namedPolicies(input: AnswerQuestionInput): AnswerPart | undefined {
  const policies = input.policyIds ?? [];
  if (policies.length === 0) return undefined;
  const { question } = input;
  const naming = new Set(question.namingWords ?? []);
  const subjectTokens = question.subjectTokens.filter((token) => !naming.has(token));
  // One policy named: when it was issued, who signed it, or which document it is, read off the document itself.
  const document =
    policies.length === 1 && !policies[0]?.startsWith("benefit:")
      ? input.sentences.ofDocument(`policy:${policies[0]}`)
      : undefined;
  // Its number, its signing date and who signed it may be asked together ("文号和成文日期是啥"): each is quoted.
  const closing = document
    ? [
        documentNumber(question, document, input.policies?.get(policies[0] ?? "")?.number),
        signingDate(question, document),
        signature(question, document),
      ].filter((found): found is Signed => found !== undefined)
    : [];
  const signed =
    document && signedParts(closing.length > 0 ? closing : [documentOpening(question, document, subjectTokens)]);
  if (signed) return signed;
  const within = subjectTokens.length > 0 ? { ...input, question: { ...question, subjectTokens } } : input;
  return extractIn(within, new Set(policies.map(discussedDocument)));
}

/** The policies the message names first (the whole knowledge base when they do not hold it), or everything. */
function extractAnywhere(input: AnswerQuestionInput): AnswerPart {
  const scoped = namedPolicies(input);
  // The document named may not hold it (a commentary on it does): then the other policies, never a
  // guide ("国办发〔2025〕24号是哪天印发的" is not answered by the date some other notice was issued).
  if (scoped?.status === "answered") return scoped;
  const elsewhere = extractIn(input, scoped ? policyDocuments(input.sentences) : undefined);
  // Said so: the person asked what one document says, and the sentences are another's.
  return scoped && elsewhere.status === "answered" ? { ...elsewhere, note: OTHER_DOCUMENT_NOTE } : elsewhere;
}

/**
 * Several lines read off one document, quoted in its order under one note; those it lacks are said to be
 * missing. One alone is `signedPart`.
 */
function signedParts(found: readonly (Signed | undefined)[]): AnswerPart | undefined {
  const present = found.filter((item): item is Signed => item !== undefined);
  if (present.length <= 1) return signedPart(present[0]);
  const lines = present.filter((item): item is Extract<Signed, { sentence: Sentence }> => "sentence" in item);
  const lacking = present.filter((item): item is Extract<Signed, { unknownText: string }> => "unknownText" in item);
  if (lines.length === 0) return signedPart({ unknownText: lacking.map((item) => item.unknownText).join("；") });
  const ordered = [...lines].sort((a, b) => a.sentence.index - b.sentence.index);
  const labels = ordered.map((item) => item.label);
  const { citations } = cite(ordered.map((item) => item.sentence));
  const note = lines.length === 1 ? (lines[0]?.note ?? "") : `以下依次为该文件的${labels.join("、")}：`;
  return {
    status: "answered",
    source: "extracted",
    // What the document lacks is said first, as a fact-free line ("所问文件的正文中没有署名……。以下为该文件的文号：").
    note: [...lacking.map((item) => `${item.unknownText}。`), note].join(""),
    sentences: ordered.map((item) => ({ text: item.text, citationIds: [item.sentence.chunk.id] })),
    citations,
  };
}

/** A signature or signing date found, quoted under its note; or said to be missing, settled. */
function signedPart(found: Signed | undefined): AnswerPart | undefined {
  if (!found) return undefined;
  if ("unknownText" in found) return { ...unknownPart(), unknownText: found.unknownText, settled: true };
  const { citations } = cite([found.sentence]);
  return {
    status: "answered",
    source: "extracted",
    note: found.note,
    sentences: [{ text: found.text, citationIds: [found.sentence.chunk.id] }],
    citations,
  };
}

/** The fact-free line before sentences found in other policies than the one the question names. */
export const OTHER_DOCUMENT_NOTE = "您提到的文件中没有找到这一内容，以下出自其他政策文件：";

function extractIn(input: AnswerQuestionInput, scope: ReadonlySet<string> | undefined): AnswerPart {
  const extracted = extractAnswer({
    question: input.question,
    contextTokens: input.question.elliptical ? input.targetTokens : undefined,
    expansionTokens: input.expansionTokens,
    sentences: input.sentences,
    hits: input.hits,
    scope,
    thresholds: input.thresholds,
  });
  if (extracted.status === "unknown") return unknownPart();
  return {
    ...cite(extracted.sentences.map((item) => item.sentence)),
    status: "answered",
    source: "extracted",
  };
}

const kindIndexes = new WeakMap<SentenceIndex, Map<string, Set<string>>>();

/** Every document of the index of the given kinds (`policy:…` with commentaries, `benefit:…`): once per index. */
function documentsOfKinds(sentences: SentenceIndex, kinds: readonly ("policy" | "benefit")[]): Set<string> {
  const key = kinds.join(",");
  const byKinds = kindIndexes.get(sentences) ?? new Map<string, Set<string>>();
  kindIndexes.set(sentences, byKinds);
  let documents = byKinds.get(key);
  if (!documents) {
    documents = new Set(
      sentences.sentences
        .filter((item) => (kinds as readonly string[]).includes(item.chunk.kind))
        .map((item) => item.chunk.documentId),
    );
    byKinds.set(key, documents);
  }
  return documents;
}

const benefitNameIndexes = new WeakMap<SentenceIndex, Map<string, string>>();

/** Each benefit's document id and normalised name, worked out once per index. */
function benefitNames(sentences: SentenceIndex): Map<string, string> {
  let names = benefitNameIndexes.get(sentences);
  if (!names) {
    names = new Map(
      [...documentsOfKinds(sentences, ["benefit"])].map((id) => [
        id,
        normalizeText(sentences.ofDocument(id)[0]?.chunk.title ?? ""),
      ]),
    );
    benefitNameIndexes.set(sentences, names);
  }
  return names;
}

const benefitAliasIndexes = new WeakMap<SentenceIndex, Map<string, string[]>>();

/** Each benefit's aliases of three characters or more (its passages' context), normalised: once per index. */
function benefitAliases(sentences: SentenceIndex): Map<string, string[]> {
  let aliases = benefitAliasIndexes.get(sentences);
  if (!aliases) {
    aliases = new Map(
      [...documentsOfKinds(sentences, ["benefit"])].map((id) => [
        id,
        (sentences.ofDocument(id)[0]?.chunk.context ?? "")
          .split(/\s+/u)
          .map((alias) => normalizeText(alias))
          .filter((alias) => alias.length >= 3),
      ]),
    );
    benefitAliasIndexes.set(sentences, aliases);
  }
  return aliases;
}

/** Every policy document of the index, commentaries included. */
const policyDocuments = (sentences: SentenceIndex): Set<string> => documentsOfKinds(sentences, ["policy"]);

/**
 * The general rules beyond a target's documents: the policies, and on a first message the benefit it
 * names (a benefit's line is no answer to a question that does not name it: "孩子要满几周岁" is not
 * answered by 生育津贴's 孩子未满1周岁).
 */
function extractGeneral(input: AnswerQuestionInput): AnswerPart {
  const policies = () => extractIn(input, policyDocuments(input.sentences));
  if (input.inConversation !== false) return policies();
  const part = extractIn(input, documentsOfKinds(input.sentences, ["policy", "benefit"]));
  const benefit = part.citations.some((citation) => citation.documentId.startsWith("benefit:"));
  return part.status === "answered" && benefit && !namesQuotedBenefit(input, part) ? policies() : part;
}

/** The FAQ entries about the matters and bundles of a scope, added to it. */
function withFaq(input: Pick<AnswerQuestionInput, "sentences">, documents: Set<string>): Set<string> {
  const faqOf = faqDocumentsOf(input.sentences);
  for (const document of [...documents]) for (const faq of faqOf.get(document) ?? []) documents.add(faq);
  return documents;
}

const faqIndexes = new WeakMap<SentenceIndex, Map<string, Set<string>>>();

/** For each bundle and matter (`bundle:x`, `matter:y`), the FAQ documents about it: built once per index. */
function faqDocumentsOf(sentences: SentenceIndex): Map<string, Set<string>> {
  let index = faqIndexes.get(sentences);
  if (index) return index;
  index = new Map();
  for (const sentence of sentences.sentences) {
    const { chunk } = sentence;
    if (chunk.kind !== "faq") continue;
    for (const about of [chunk.bundleId && `bundle:${chunk.bundleId}`, chunk.matterId && `matter:${chunk.matterId}`])
      if (about) {
        const set = index.get(about) ?? new Set<string>();
        set.add(chunk.documentId);
        index.set(about, set);
      }
  }
  faqIndexes.set(sentences, index);
  return index;
}

/** One citation per source section, whatever quotes of it were taken. */
export function dedupeCitations(citations: readonly Citation[]): Citation[] {
  const seen = new Map<string, Citation>();
  for (const citation of citations) {
    const existing = seen.get(citation.id);
    if (!existing) seen.set(citation.id, { ...citation });
    else if (!existing.quote.includes(citation.quote)) existing.quote = `${existing.quote}\n${citation.quote}`;
  }
  return [...seen.values()];
}

/** Citations for picked sentences: one per passage, quoting the sentences taken from it. */
export function cite(picked: readonly Sentence[]): Pick<AnswerPart, "sentences" | "citations"> {
  const byChunk = new Map<string, { citation: Citation; texts: string[] }>();
  for (const sentence of picked) {
    const chunk = sentence.chunk;
    let entry = byChunk.get(chunk.id);
    if (!entry) {
      entry = {
        citation: {
          id: chunk.id,
          documentId: chunk.documentId,
          title: chunk.title,
          sectionPath: chunk.sectionPath,
          quote: "",
        },
        texts: [],
      };
      byChunk.set(chunk.id, entry);
    }
    entry.texts.push(sentence.text);
  }
  const citations = [...byChunk.values()].map(({ citation, texts }) => ({ ...citation, quote: texts.join("") }));
  return {
    sentences: picked.map((sentence) => ({ text: sentence.text, citationIds: [sentence.chunk.id] })),
    citations,
  };
}

/** Whether a question names the bundle or matter, wholly or with a word left off. */
export function namesTarget(catalog: AnswerQuestionInput["catalog"], target: Target, normalized: string): boolean {
  return nameShare(catalog, target, normalized) >= NAMED_SHARE;
}

/** Share of a name's character pairs a question must hold to name it with a word left off. */
const NAMED_SHARE = 0.75;

/**
 * How wholly a question names a bundle or matter: 1 when it holds a name or alias, else the largest
 * share of a name's character pairs it holds ("申请终止公示行政处罚" for 终止公示行政处罚信息), counted
 * only for names of four pairs or more.
 */
export function nameShare(
  catalog: AnswerQuestionInput["catalog"],
  target: Target,
  normalized: string,
  asked: ReadonlySet<string> = bigrams(normalized),
): number {
  let best = 0;
  for (const { plain, pairs } of namesOf(catalog, target)) {
    if (normalized.includes(plain)) return 1;
    if (pairs.size >= 4) best = Math.max(best, [...pairs].filter((pair) => asked.has(pair)).length / pairs.size);
  }
  return best;
}

/** The matter a question names with a word left off ("公积金单位缴存登记注销"), when one is named so. */
export function matterNamedLoosely(catalog: AnswerQuestionInput["catalog"], normalized: string): string | undefined {
  let best: { id: string; share: number } | undefined;
  const asked = bigrams(normalized);
  for (const id of catalog.matters.keys()) {
    const share = nameShare(catalog, { kind: "matter", id }, normalized, asked);
    if (share >= NAMED_SHARE && (!best || share > best.share)) best = { id, share };
  }
  return best?.id;
}

const nameForms = new WeakMap<object, Map<string, { plain: string; pairs: Set<string> }[]>>();

/** A target's names and aliases, normalised (without quotes or a closing 一件事): worked out once per catalog. */
export function targetNames(catalog: AnswerQuestionInput["catalog"], target: Target): string[] {
  return namesOf(catalog, target).map((form) => form.plain);
}

/** A target's names and aliases, normalised, with their character pairs: worked out once per catalog. */
function namesOf(catalog: AnswerQuestionInput["catalog"], target: Target): { plain: string; pairs: Set<string> }[] {
  let forms = nameForms.get(catalog.matters);
  if (!forms) {
    forms = new Map();
    nameForms.set(catalog.matters, forms);
  }
  const key = `${target.kind}:${target.id}`;
  let found = forms.get(key);
  if (!found) {
    const bundle = target.kind === "bundle" ? catalog.bundles.get(target.id) : undefined;
    const matter = target.kind === "matter" ? catalog.matters.get(target.id) : undefined;
    const names = bundle
      ? [bundle.name, bundle.shortName, ...(bundle.aliases ?? [])]
      : [matter?.name, ...(matter?.aliases ?? [])];
    found = names.flatMap((name) => {
      if (!name) return [];
      const plain = normalizeText(name)
        .replace(/["“”]/g, "")
        .replace(/一件事$/u, "");
      return [{ plain, pairs: bigrams(plain) }];
    });
    forms.set(key, found);
  }
  return found;
}

// A bundle's guide sections, worked out once per catalog (a knowledge reload brings a new matters
// map and new bundles): they were rebuilt, scenario lines and all, for every question about an element.
const bundleSectionsCache = new WeakMap<object, WeakMap<Bundle, GuideSection[]>>();
function cachedBundleSections(bundle: Bundle, catalog: Pick<Catalog, "matters">): GuideSection[] {
  let byBundle = bundleSectionsCache.get(catalog.matters);
  if (!byBundle) bundleSectionsCache.set(catalog.matters, (byBundle = new WeakMap()));
  let sections = byBundle.get(bundle);
  if (!sections) byBundle.set(bundle, (sections = bundleSections(bundle, catalog)));
  return sections;
}

function answerElement(input: AnswerQuestionInput, element: GuideElement, target: Target): AnswerPart {
  const { catalog } = input;
  const spec = ELEMENT_SECTIONS[element];
  const bundle = target.kind === "bundle" ? catalog.bundles.get(target.id) : undefined;
  const matter = target.kind === "matter" ? catalog.matters.get(target.id) : undefined;
  const name = bundle?.name ?? matter?.name ?? target.id;
  const sections: GuideSection[] = bundle
    ? cachedBundleSections(bundle, catalog)
    : matter
      ? matterSections(matter)
      : [];
  // A bundle keeps its time limits and channels in one section.
  const sectionKey =
    bundle && (spec.section === "time-fee" || spec.section === "channels") ? "time-channels" : spec.section;
  const section = sections.find((candidate) => candidate.key === sectionKey);
  // A bundle's time-limit note ("兰州版本未公布联办承诺时限…") answers a time question too.
  const timeNote = element === "time" ? bundle?.timeLimits?.note : undefined;
  const bundleChannels =
    bundle && element === "channels" ? new Set((bundle.channels ?? []).map(describeChannel)) : undefined;
  const lines = (section?.lines ?? []).filter((line) =>
    bundleChannels
      ? bundleChannels.has(line)
      : !spec.prefixes || spec.prefixes.some((prefix) => line.startsWith(prefix)) || line === timeNote,
  );
  if ((!section || lines.length === 0) && bundle && element === "basis") {
    // A bundle's guide names no basis of its own: it is done on its matters' bases, each line once.
    const bases = bundle.matters
      .map((entry) => answerElement(input, "basis", { kind: "matter", id: entry.matterId }))
      .filter((part) => part.status === "answered");
    const [first, ...rest] = bases;
    if (first) return rest.reduce(join, first);
  }
  // A matter's guide that names no basis is done on the basis of the benefit claimed through it (职工死亡提取住房公积金:
  // 住房公积金管理条例第二十四条): its 政策依据 lines.
  if ((!section || lines.length === 0) && matter && element === "basis") {
    const all = benefitsByMatter(catalog.benefits).get(`matter:${matter.id}`) ?? [];
    // Of several claimed through it (生育津贴 and 生育医疗费用 through the reimbursement), the one the question names;
    // none when it names neither, rather than both bases mixed.
    const claimed =
      all.length <= 1
        ? all
        : all.filter((documentId) => {
            const title = normalizeText(input.sentences.ofDocument(documentId)[0]?.chunk.title ?? "");
            return input.question.subjectTokens.some(
              (token) => token.length >= 2 && title.includes(token) && !normalizeText(matter.name).includes(token),
            );
          });
    const bases = claimed.flatMap((documentId) =>
      input.sentences
        .ofDocument(documentId)
        .filter((sentence) => sentence.chunk.sectionPath.includes(BENEFIT_HEADINGS.basis)),
    );
    if (bases.length > 0) return { ...cite(bases), status: "answered", source: "guide_element" };
  }
  if (!section || lines.length === 0)
    return {
      status: "unknown",
      sentences: [],
      citations: [],
      source: "none",
      unknownText: guideGap(name, [spec.label]),
      missing: { guide: name, label: spec.label },
    };
  const documentId = `${target.kind}:${target.id}`;
  const citation: Citation = {
    id: `${documentId}#${section.key}`,
    documentId,
    title: name,
    sectionPath: [section.heading],
    quote: lines.join("\n"),
  };
  return {
    status: "answered",
    sentences: lines.map((text) => ({ text, citationIds: [citation.id] })),
    citations: [citation],
    source: "guide_element",
  };
}
