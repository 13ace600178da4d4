// Sentence-level answer extraction: candidate sentences from the passages retrieval found and
// from a sentence index, scored by how much of the question's subject they hold (words weighted
// by how rare they are, headings counting half), whether they hold the kind of answer asked for
// (a number for 多少, a year for 哪一年, an enumeration for 哪些 …) and where retrieval ranked their
// passage. The best sentences are quoted verbatim; when none holds enough, the answer is "unknown".
import { BENEFIT_HEADINGS } from "../catalog/index.js";
import type { SearchHit, Sentence, SentenceIndex } from "../retrieval/index.js";
import { normalizeText } from "../retrieval/index.js";
import { AMOUNT, type AnswerType, type GuideElement, isSubject, type QuestionAnalysis } from "./analyze-question.js";
import { placeFit, placeText, provincesAsked } from "./place-fit.js";

/**
 * Thresholds of the extractor, chosen on the development sets (answers-dev.jsonl and the consult,
 * policy and cannot-answer cases of dialogs.jsonl) by `npm run eval -- --suite answers --sweep`;
 * evals/reports/answers-refusal-curve.png shows the trade-off they sit on.
 */
export interface AnswerThresholds {
  /** Least weighted share of the question's subject words the best sentence (with its headings) holds. */
  minCoverage: number;
  /** Further sentences are quoted when their score is at least this share of the best one's. */
  keepWithin: number;
  /** Most sentences quoted for one question. */
  maxSentences: number;
}

export const ANSWER_THRESHOLDS: AnswerThresholds = { minCoverage: 0.3, keepWithin: 0.9, maxSentences: 3 };

// What a sentence must hold to answer each kind of question.
const EVIDENCE: Record<AnswerType, RegExp> = {
  // The counters a question counts in (analyze-question's COUNTED), spelled in figures or characters;
  // an ordinal ("第一步") counts nothing, nor does the name "一件事"; a fraction in words ("三分之二") is a figure too.
  number:
    /\d|(?<!第)[一二两三四五六七八九十百千万]+(个|项|类|种|次(?!性)|家|倍|成|批|件(?!事)|条|年|方面|级|层|步|份|张|部门)|百分之|[一二三四五六七八九十]分之[一二三四五六七八九十]/u,
  // A year of a document's number ("公告2023年第19号") is no date.
  // A day of a month in digits ("已于7月1日正式上线") is a date too.
  date: /\d{4}\s*年(?!第\d+号)|[一二三四五六七八九十]+月|(?<![\d.])\d{1,2}\s*月\s*\d{1,2}\s*日|年底|年内|底前|月底|\d+\s*(个工作日|日|天|个月)内|之日起/u,
  // "1.2万亿元" is an amount in yuan too.
  // A sum invested or earned ("投资额超过30万元") is no fee.
  fee: new RegExp(
    `((?<!(投资额?|营业额|资本|资产|收入|贷款|额度)\\S{0,3})(?<![\\d.])${AMOUNT}元|免费|不收费|不收取|免收|收费标准：)`,
    "u",
  ),
  // A span of years is short ("3年"); one in characters is said as a span ("满一年", "三日内"): "2024年第一批",
  // "二〇二四年", "十月一日起" and "三年行动计划" are no time limits, nor the day of a date ("自2016年1月1日起执行");
  // "接诉即办" names a way of working, not how soon.
  time_limit:
    /(工作日|个月|天内|日内|小时|(?<!接诉)即办|当场|当天|立即|(?<![\d月])\d{1,3}\s*(天|日|年(?!龄|度|级)|周(?!岁)|个月)|(满|不超过|最长|最多|期限|为期)[一二两三四五六七八九十]{1,3}(个)?(天|日|年|周|月)|(?<![第〇\d一二两三四五六七八九十月])[一二两三四五六七八九十]{1,3}(个)?(天|日|个月|年|周)(内|以内|之内))/u,
  // A number to call: "咨询电话是多少" is not answered by a sentence that only says 热线.
  contact: /(\d{3,4}-?\d{7,8}|12345|\d{5,})/u,
  // Normalised text has half-width brackets: "（二）" reads "(二)".
  list: /(、.{1,20}、)|[（(][一二三四五六七八九十][)）]|[①②③]|[1-9][.、．]/u,
  name: /(部门|局|委员会|中心|平台|系统|热线|号码|机构|“[^”]{2,}”|《[^》]{2,}》|\d{3,})/u,
  definition: /(是指|指的是|即|定位|作为|打造|是.{2,30}的)/u,
  // The 可 of 许可证 says nothing of whether; "开业前要办理……" says it must be done ("要申请人签字", "要过年了"
  // do not).
  yes_no:
    /(可以|(?<!许)可|能够|不能|禁止|应当|须|必须|需要|不需要|无需|免|不得|不予|允许|鼓励|支持|不再|要(办理|申请(?!人)|提交|取得|(做|过)(检查|登记|备案)|办(?!公|法|事处)))/u,
  // Checked outside the words the question names ("社保卡" is no material brought for 社保卡补领).
  // 代表 is no form ("全国人民代表大会").
  material: /(证|(?<!代)表|书|簿|卡|执照|材料|照片|复印件|原件|证明|凭证|合同|协议)/u,
  // "社保卡要先启用金融功能": what must come first is a condition.
  condition: /(符合|具有|满足|年满|户籍|条件|应当|须|要先|需先|得先)/u,
  // "死亡证明去哪开" is answered by who issues it: "由公安机关出具"; "找哪儿申请" by "向户籍所在地乡镇（街道）申请".
  place:
    /(窗口|中心|网上|平台|大厅|办理点|app|小程序|网站|线上|线下|医院|派出所|服务站|营业厅|网点|(由|向|到|在).{0,10}(机关|机构|乡镇|街道|社区|居委会|村委会))/iu,
  procedure: /(提交|申请|审核|受理|办结|领取|→|步骤|流程|然后|之后|先|再)/u,
  // A law, regulation or order named: "企业破产法", "《…》", "第58号令", not "法律赋予的职责" or "依法".
  legal_basis:
    /(《[^》]+》|\p{Script=Han}{2,}(法|条例|规定|办法|细则)(?=第|[，。；、,;:：（()）]|$)|令第?\d+号|第\d+号令|第[一二三四五六七八九十百零\d]+条|[〔[(]\d{4}[〕\])]\s*\d+\s*号)/u,
  department: /(部门|局|委员会|中心|机构|机关|单位|医院|银行|办公室|窗口|本人|申请人)/u,
  // Who applies: 「由所在单位申报」「由本人申请」「监护人代为申请」「申请人为人民法院指定的管理人」; not a will or an agreement
  // (「按本人意愿」「与单位协商」).
  applicant:
    /(由[^，。；,;]{1,16}(办理|申请|申报|提出|代办|提交|申领|领取)(?!表|书)|由[^，。；,;]{1,8}向[^，。；,;]{1,20}(申请|申领|申报|提出)(?!表|书)|(本人|申请人|单位|个人|监护人|家属|亲属|代理人|经办人|法定代表人|管理人)[^，。；,;]{0,2}(申请|申报|办理|提出|代办|提交|领取|申领)(?!表|书)|申请人(须为|应为|限于|为|是)(?!否)(?![^，。；,;]{0,12}的[，,])|单位和个人|个人和单位|代办|委托他人|委托代理)/u,
  address: /([路街巷道]\d+号|\d+号(楼|院)|\d+\s*(楼|层)(?!级))/u,
  hours: /(\d{1,2}[:：]\d{2}|\d{1,2}\s*点|上午|下午|周[一二三四五六日]至|星期[一二三四五六日天]|节假日|双休日|周末)/u,
};

// A question that asks for the conditions themselves ("什么样的体系" asks what kind, not on what terms).
const CONDITION_ASKED = /(条件|资格|什么情况下|哪些情况|符合)/u;

/** Why a question whose kind of answer no close sentence holds is not answered. */
const TYPE_MISSING: Partial<Record<AnswerType, ExtractedAnswer["reason"]>> = {
  place: "no_place",
  material: "no_material",
};

/**
 * How much a sentence about the place a question names gains, and one about another place only
 * loses (a share of its score). Not chosen by a sweep: set where it decided between sentences of
 * nearly equal coverage (福建版本…6个月 against 兰州版本…1岁以下) and left every development answer as it was.
 */
const PLACE_WEIGHT = 0.15;

/**
 * The headings under which a benefit's lines answer a guide element (a benefit has no guide elements:
 * 「高龄津贴怎么申请」 is answered under 申领方式, not by its summary that names it more often).
 */
export const HEADINGS_OF_ELEMENT: Partial<Record<GuideElement, readonly string[]>> = {
  process: [BENEFIT_HEADINGS.claim],
  channels: [BENEFIT_HEADINGS.claim],
  conditions: [BENEFIT_HEADINGS.conditions],
  basis: [BENEFIT_HEADINGS.basis, BENEFIT_HEADINGS.overview],
  department: [BENEFIT_HEADINGS.claim],
};
/** How much more of the question a sentence without the figure must cover to be read with its run's figure. */
const FULLER_BY = 0.1;
/** A question of which items make up a set: 哪几项, 清单……哪些, 具体有哪些. */
const ITEMS_OF_A_SET =
  /(哪几(项|个|类|种|件|批)|清单[^，,。？?]{0,6}(哪些|哪几|什么|啥)|具体(有|包括|是)?(哪些|哪几))/u;
/** How close to the best sentence an enumeration must be to answer a question of which ones instead. */
const LIST_WITHIN = 0.85;
/** How much a benefit's line under the heading of the element asked counts over the others. */
const HEADING_WEIGHT = 0.15;

/**
 * How much a subject word only the story before the question holds counts ("被公司辞退了，心里挺难受的。
 * 想问下领失业金要满足啥条件？"). Not chosen by a sweep: set where the story stopped outweighing the
 * question on the fifth blind set's development half, and checked on the other development sets.
 */
const BACKGROUND_WEIGHT = 0.35;

/** Most sentences an enumeration given one item per sentence is quoted with. */
const MAX_ENUMERATED = 6;

/** Answer types whose answer is a figure: a sentence without one does not answer, however close. */
const NEEDS_FIGURE = new Set<AnswerType>(["number", "date", "fee", "time_limit", "contact", "address", "hours"]);
// A question of legal basis is not answered by a sentence that names no law, regulation or order.
const NEEDS_TYPE = new Set<AnswerType>([...NEEDS_FIGURE, "legal_basis"]);

export interface ExtractAnswerInput {
  question: QuestionAnalysis;
  /** Words the conversation supplies (the matter being discussed) for an elliptical question. */
  contextTokens?: readonly string[];
  /** Official terms the lexicon maps the question's words to (retrieval's expansion). */
  expansionTokens?: readonly string[];
  sentences: SentenceIndex;
  /** Passages hybrid retrieval found for the question, best first. */
  hits: readonly SearchHit[];
  /** Only sentences of these documents (a policy the question names, the guide being discussed). */
  scope?: ReadonlySet<string>;
  thresholds?: AnswerThresholds;
  /** Return the ranked candidates instead of an answer (inspection). */
  explain?: boolean;
}

export interface ScoredSentence {
  sentence: Sentence;
  score: number;
  /** Weighted share of the subject words held by the sentence (headings half). */
  coverage: number;
  /** Holds the kind of answer asked for (true when the question asks for no kind). */
  typeMatch: boolean;
}

export interface ExtractedAnswer {
  status: "answered" | "unknown";
  /** Every candidate, best first (for inspection and evaluation). */
  ranked?: ScoredSentence[];
  /** Quoted sentences, in reading order. */
  sentences: ScoredSentence[];
  /** The best candidate, answered or not (refusal curves are drawn from it). */
  best?: ScoredSentence;
  reason?:
    | "no_subject"
    | "no_candidate"
    | "low_coverage"
    | "no_figure"
    | "no_place"
    | "no_material"
    | "no_condition"
    | "no_list";
}

/**
 * Whether a word is the question's shorter words with nothing but function words around them
 * ("大厅办" is 大厅 and 办, "网上预约" is 网上 and 预约); "济南市" keeps 市, a word of its own.
 */
function madeOfOtherWords(token: string, subject: readonly string[]): boolean {
  let rest = token;
  for (const other of subject) if (other !== token && other.length >= 2) rest = rest.replaceAll(other, "");
  return rest !== token && (rest.length === 0 || !isSubject(rest));
}

/** The share of a phrase's letters and digits no subject word of two characters or more holds. */
function uncoveredShare(phrase: string, subjectTokens: readonly string[]): number {
  // Positions in UTF-16 units throughout, as indexOf gives them.
  const covered = new Array<boolean>(phrase.length).fill(false);
  for (const token of subjectTokens) {
    if (token.length < 2) continue;
    for (let at = phrase.indexOf(token); at >= 0; at = phrase.indexOf(token, at + 1))
      covered.fill(true, at, at + token.length);
  }
  let letters = 0;
  let open = 0;
  for (let at = 0; at < phrase.length; at++) {
    if (!/[\p{L}\p{N}]/u.test(phrase[at] as string)) continue;
    letters += 1;
    if (!covered[at]) open += 1;
  }
  return letters > 0 ? open / letters : 0;
}

export function extractAnswer(input: ExtractAnswerInput): ExtractedAnswer {
  const thresholds = input.thresholds ?? ANSWER_THRESHOLDS;
  const { question, sentences: index } = input;
  const asked = new Set(question.quoted ?? []);
  const subject = [...new Set([...question.subjectTokens, ...asked, ...(input.contextTokens ?? [])])];
  if (subject.length === 0) return { status: "unknown", sentences: [], reason: "no_subject" };
  const inScope = (sentence: Sentence) => !input.scope || input.scope.has(sentence.chunk.documentId);

  // Candidates: every sentence of the passages retrieval ranked, and the sentences BM25 finds alone.
  const rankOf = new Map<string, number>();
  const candidates = new Map<number, Sentence>();
  input.hits.forEach((hit, rank) => {
    rankOf.set(hit.chunk.id, rank);
    for (const sentence of index.ofChunk(hit.chunk.id)) if (inScope(sentence)) candidates.set(sentence.index, sentence);
  });
  const searchTokens = [
    ...subject,
    ...subject.flatMap((token) => FULL_FORMS[token] ?? []),
    ...(input.expansionTokens ?? []),
  ];
  for (const { sentence } of index.search(searchTokens, { k: 40, documentIds: input.scope }))
    candidates.set(sentence.index, sentence);
  // A question that names nothing ("多久能出结果？") is asked of the documents of the matter being
  // discussed: all their sentences are candidates, not only those that repeat the matter's name.
  // So is a question asked of benefits only ("个税每个月能扣多少" of the 婴幼儿照护 deduction discussed): each entry is a
  // few lines, all about it, and its amount line ("每个婴幼儿每月2000元定额扣除") need not repeat the question's words.
  if (
    input.scope &&
    (candidates.size < 5 ||
      (input.contextTokens?.length ?? 0) > 0 ||
      [...input.scope].every((documentId) => documentId.startsWith("benefit:")))
  )
    for (const documentId of input.scope)
      for (const sentence of index.ofDocument(documentId)) candidates.set(sentence.index, sentence);
  // A question is not an answer (an FAQ's own question, a scenario question of a guide), nor is a bare
  // 「可以。」 that only answers its own FAQ question.
  for (const [key, { normalized }] of candidates)
    if (
      /[?？]\s*$/u.test(normalized) ||
      (normalized.length < 12 && normalized.replace(/[^\p{L}\p{N}]/gu, "").length < 4)
    )
      candidates.delete(key);
  // A benefit's lines are short ("去世的家人生前参加了基本养老保险") and speak only of that benefit: they
  // answer a question that names it (a word of its name, aliases or field), or one asked of it.
  for (const [key, sentence] of candidates)
    if (
      sentence.chunk.kind === "benefit" &&
      !input.scope?.has(sentence.chunk.documentId) &&
      !subject.some((token) => token.length >= 2 && namesOf(sentence).includes(token))
    )
      candidates.delete(key);
  // What a bundle holds ("包含事项：…") answers which matters it takes and what to do, not whether
  // something holds or how much: "……特殊工种核准我也得办吗" is not answered by the list naming it.
  // A question of the matters themselves ("包含几个事项", "包不包括社保卡申领") is answered by it.
  const primaryType = question.answerTypes.find((type) => type !== "yes_no") ?? question.answerTypes[0];
  if (
    primaryType &&
    primaryType !== "list" &&
    primaryType !== "procedure" &&
    !/(事项|包含|包括)/u.test(question.normalized)
  )
    for (const [key, sentence] of candidates)
      if (sentence.chunk.kind === "bundle" && sentence.normalized.startsWith("包含事项")) candidates.delete(key);
  if (candidates.size === 0) return { status: "unknown", sentences: [], reason: "no_candidate" };
  // Quoted words no candidate says (a shop's name, what someone said) tell no sentence apart: they weigh nothing.
  const quoted = new Set(
    [...asked].filter((words) => [...candidates.values()].some((item) => item.normalized.includes(words))),
  );

  // Single characters left after segmentation ("公", "定") say little; they weigh a third. A word the
  // sources never use that holds a shorter word of the question ("大厅办", "网上预约") says nothing
  // that word does not: it is not counted twice.
  const background = new Set(question.background ?? []);
  const wordWeights = subject
    .filter((token) => !asked.has(token) && (index.knows(token) || !madeOfOtherWords(token, subject)))
    .map((token) => ({
      token,
      weight: index.idf(token) * (token.length === 1 ? 0.33 : 1) * (background.has(token) ? BACKGROUND_WEIGHT : 1),
    }));
  // Words quoted whole tell apart the sentence that says them as they are ("变“企业找政策”为“政策找企业”"): for what
  // of them the question's subject words do not already hold (政策 and 找 are no subject words), as much as a word
  // of the question on average. Quoted words the subject words hold (“一线应答”) count no more than those words.
  const meanWeight =
    wordWeights.length > 0 ? wordWeights.reduce((sum, item) => sum + item.weight, 0) / wordWeights.length : 1;
  const weights = [
    ...wordWeights,
    ...[...quoted].map((token) => ({ token, weight: meanWeight * uncoveredShare(token, question.subjectTokens) })),
  ].filter((item) => item.weight > 0);
  const total = weights.reduce((sum, item) => sum + item.weight, 0);
  const expansionWeights = (input.expansionTokens ?? [])
    .filter((token) => !subject.includes(token))
    .map((token) => ({ token, weight: index.idf(token) }));
  const expansionTotal = expansionWeights.reduce((sum, item) => sum + item.weight, 0);
  // The question has words of its own no source uses, which the lexicon may translate.
  const ownWords = weights.some(({ token }) => !index.knows(token));
  const askedPlace = provincesAsked(placeText(question));
  const asksCondition = primaryType === "condition" && CONDITION_ASKED.test(question.normalized);
  // The headings a benefit's lines answer the question under: the element's, or for a sum asked (the unit
  // the question asks its figure in is money: "社保补贴最多能补多少") the amount's.
  const answeringHeadings = question.element
    ? HEADINGS_OF_ELEMENT[question.element]
    : question.unit?.test("100元")
      ? [BENEFIT_HEADINGS.amount]
      : undefined;
  const answersUnderHeading = (sentence: Sentence) =>
    sentence.chunk.kind === "benefit" &&
    (answeringHeadings?.some((heading) => sentence.chunk.sectionPath.includes(heading)) ?? false);

  const scored: ScoredSentence[] = [...candidates.values()].map((sentence) => {
    const context = headingsOf(sentence);
    const passage = passageOf(index, sentence);
    let matched = 0;
    // Subject words no source uses at all: the person's own words, which the lexicon may translate.
    let missing = 0;
    for (const { token, weight } of weights) {
      if (inText(sentence, token)) matched += weight;
      // An FAQ answer answers its own question, and every line of a benefit speaks of that benefit: words
      // of that question or the benefit's name count nearly in full.
      else if (context.includes(token))
        matched += ownTitle(sentence) && titleOf(sentence).includes(token) ? weight * 0.8 : weight / 2;
      // Said in a neighbouring sentence of the same passage: part of the same answer.
      else if (passage.includes(token)) matched += weight / 3;
      else if (!index.knows(token)) missing += weight;
    }
    // Colloquial words the lexicon maps to official terms count for as much of those terms as is there.
    if (missing > 0 && expansionTotal > 0) {
      let found = 0;
      for (const { token, weight } of expansionWeights)
        if (inText(sentence, token) || context.includes(token)) found += weight;
      matched += missing * 0.8 * (found / expansionTotal);
    }
    const coverage = total > 0 ? matched / total : 0;
    // A benefit's entry names no documents to bring and no fee to pay ("育儿补贴要交钱吗" is not
    // answered by what it gives): none of its lines answers either.
    // A question of the conditions themselves is answered by a line under a heading of conditions
    // (享受条件, 受理条件), or by one that states one, not by one that only names them ("列明……三项条件").
    const conditionLine =
      asksCondition &&
      (sentence.chunk.sectionPath.some((heading) => heading.includes("条件")) ||
        holds(sentence.normalized.replaceAll("条件", ""), "condition"));
    const typeMatch =
      ((primaryType !== "material" && primaryType !== "fee") || sentence.chunk.kind !== "benefit") &&
      (primaryType === undefined ||
        (asksCondition
          ? conditionLine
          : holdsAsked(sentence.normalized, primaryType, subject) &&
            (!question.unit || question.unit.test(sentence.normalized))));
    // "有什么窗口安排" asks which (a list) of windows (a place): a sentence that names a window is not
    // penalised as if it answered nothing asked, though it lists nothing.
    const listOfPlaces =
      primaryType === "list" && question.answerTypes.includes("place") && holds(sentence.normalized, "place");
    const penalty = typeMatch || listOfPlaces ? 1 : primaryType && NEEDS_TYPE.has(primaryType) ? 0.6 : 0.85;
    const rank = rankOf.get(sentence.chunk.id);
    const rankBonus = rank === undefined ? 0 : 0.06 / (1 + rank);
    // A question about one place ("福建这边……") is answered by what is said of that place first. In a
    // document about a place (Hainan's commentary) every sentence speaks of it: none is preferred.
    const titleFit = placeFit(askedPlace, sentence.chunk.title);
    const place = 1 + PLACE_WEIGHT * (titleFit !== 0 ? Math.min(titleFit, 0) : placeFit(askedPlace, sentence.text));
    const heading = answersUnderHeading(sentence) ? 1 + HEADING_WEIGHT : 1;
    return { sentence, coverage, typeMatch, score: coverage * penalty * place * heading + rankBonus };
  });
  scored.sort((a, b) => b.score - a.score || a.sentence.index - b.sentence.index);
  if (input.explain) return { status: "unknown", sentences: [], ranked: scored.slice(0, 8), best: scored[0] };
  let best = scored[0] as ScoredSentence;
  if (best.coverage < thresholds.minCoverage) return { status: "unknown", sentences: [], best, reason: "low_coverage" };
  // "哪里可以办社保卡" is answered by a sentence that names a place, however close another one is;
  // "什么情况下可以申请法律援助" by one that states a condition, not one that only names 法律援助.
  // "要带什么材料" by one that names a document, not one that only lists the service's name.
  // "退休手续谁来办" by the sentence that says who applies (「由所在单位申报」), when there is one.
  // The closest sentence that holds the kind of answer asked for and covers enough of the question.
  const closestTyped = scored.find((item) => item.typeMatch && item.coverage >= thresholds.minCoverage);
  if (!best.typeMatch && primaryType === "applicant" && closestTyped) best = closestTyped;
  if (!best.typeMatch && (primaryType === "place" || primaryType === "material" || asksCondition)) {
    if (!closestTyped)
      return { status: "unknown", sentences: [], best, reason: TYPE_MISSING[primaryType] ?? "no_condition" };
    best = closestTyped;
  }
  // "能一起办哪几样" by an enumeration, when one is nearly as close as the best sentence that lists nothing
  // (a question of which materials, conditions or figures is answered by those, listed or not).
  if (
    !best.typeMatch &&
    question.answerTypes.every((type) => type === "list" || type === "yes_no") &&
    primaryType === "list"
  ) {
    const listed = scored.find(
      (item) => item.typeMatch && item.coverage >= thresholds.minCoverage && item.score >= best.score * LIST_WITHIN,
    );
    if (listed) best = listed;
    // Which items make up a set the question names ("2025年第二批重点事项具体有哪几项", "清单都有哪些") are answered by
    // an enumeration, never by a sentence about the set that lists none.
    else if (ITEMS_OF_A_SET.test(question.normalized))
      return { status: "unknown", sentences: [], best, reason: "no_list" };
  }
  // A figure question that names nothing ("多久能出结果？"), asked of the documents of the matter being
  // discussed, is answered by the closest of their sentences that holds a figure of the kind asked.
  const elliptical = input.scope !== undefined && (input.contextTokens?.length ?? 0) > 0;
  const figured =
    !best.typeMatch && primaryType && NEEDS_FIGURE.has(primaryType) && elliptical ? closestTyped : undefined;
  if (figured) return { status: "answered", sentences: [figured], best: figured };
  // A sentence that says much more of what was asked but holds no figure, whose run of 「；」-joined
  // clauses opens with the figure ("2022年底前，……；……实现“跨省通办”。" for "……跨省通办，目标是在哪年
  // 底前"), answers before a closer figure of something else ("2025年底前，……").
  if (best.typeMatch && primaryType && NEEDS_FIGURE.has(primaryType)) {
    const fuller = scored.find(
      (item) =>
        !item.typeMatch &&
        item.coverage >= best.coverage + FULLER_BY &&
        figureBefore(index, item.sentence, primaryType, question.unit) !== undefined,
    );
    if (fuller) best = fuller;
  }
  if (!best.typeMatch && primaryType && NEEDS_FIGURE.has(primaryType)) {
    // "2022年底前，……；……；政务服务中心综合窗口全覆盖" : the figure may open the sentence before,
    // or the first clause of the run of 「；」-joined clauses the best one ends.
    const previous = figureBefore(index, best.sentence, primaryType, question.unit);
    if (!previous) return { status: "unknown", sentences: [], best, reason: "no_figure" };
    const withFigure = [
      { sentence: previous, score: best.score, coverage: best.coverage, typeMatch: true },
      { ...best, typeMatch: true },
    ];
    return { status: "answered", sentences: withFigure, best: withFigure[1] };
  }
  // Further sentences only when they hold subject words the kept ones do not (or go on with a list).
  const kept: ScoredSentence[] = [best];
  const covered = (token: string) => kept.some((item) => item.sentence.normalized.includes(token));
  for (const item of scored) {
    if (kept.length >= thresholds.maxSentences || item.score < best.score * thresholds.keepWithin) break;
    if (item === best || item.coverage < thresholds.minCoverage || item.typeMatch !== best.typeMatch) continue;
    if (item.sentence.normalized === best.sentence.normalized) continue;
    // A benefit's lines do not name it ("执行期限：……"): one benefit's are not added to another's.
    const benefits = [item, ...kept].map(({ sentence }) => sentence.chunk).filter((chunk) => chunk.kind === "benefit");
    if (new Set(benefits.map((chunk) => chunk.documentId)).size > 1) continue;
    // The official term for the person's own words counts as those words ("老外" → 外国人).
    const adds = [...weights, ...(ownWords ? expansionWeights : [])].some(
      ({ token }) => !covered(token) && item.sentence.normalized.includes(token),
    );
    // A near tie with the best is kept too: which of two equally good sentences answers is not clear.
    const tie = kept.length < 2 && item.score >= best.score * 0.95;
    // A benefit's line under the heading that answers (`answeringHeadings`: the element's, such as 政策依据 for
    // a basis, or 享受标准 for a sum asked) is kept beside a closer line of the same benefit: it states what was
    // asked in the benefit's own terms.
    const answering =
      item.sentence.chunk.documentId === best.sentence.chunk.documentId && answersUnderHeading(item.sentence);
    if (adds || tie || answering || primaryType === "list") kept.push(item);
  }
  // An enumeration may go on in the next sentence of the same passage ("包括：……；……").
  if (primaryType === "list" && kept.length < thresholds.maxSentences) {
    const next = index.ofChunk(best.sentence.chunk.id)[best.sentence.position + 1];
    if (next && EVIDENCE.list.test(next.normalized) && !kept.some((item) => item.sentence === next))
      kept.push({ sentence: next, score: best.score, coverage: best.coverage, typeMatch: true });
  }
  // Items given one sentence each ("设置综合咨询窗口……。设置帮办代办窗口……。"): the sentences after
  // the best that name the kind of item asked for ("哪些窗口") are the rest of the enumeration.
  const head = question.listHead;
  if (primaryType === "list" && head && best.sentence.normalized.includes(head)) {
    const passage = index.ofChunk(best.sentence.chunk.id);
    for (let at = best.sentence.position + 1; at < passage.length && kept.length < MAX_ENUMERATED; at++) {
      const next = passage[at] as Sentence;
      if (!next.normalized.includes(head)) break;
      if (!kept.some((item) => item.sentence === next))
        kept.push({ sentence: next, score: best.score, coverage: best.coverage, typeMatch: true });
    }
  }
  // A run-in heading kept alone ("(三)总体目标。" for "……的总体目标是什么") says only what follows it: the
  // sentence after it in the same passage is what it heads.
  for (const item of [...kept]) {
    if (!RUN_IN_HEADING.test(item.sentence.normalized)) continue;
    const next = index.ofChunk(item.sentence.chunk.id)[item.sentence.position + 1];
    if (next && !kept.some((other) => other.sentence === next))
      kept.push({ sentence: next, score: item.score, coverage: item.coverage, typeMatch: item.typeMatch });
  }
  kept.sort((a, b) => a.sentence.index - b.sentence.index);
  return { status: "answered", sentences: kept, best };
}

/**
 * A numbered heading run into its paragraph, standing as a sentence of its own: "(三)总体目标。", "一、工作要求。".
 * An item of a numbered list ("1. 经办人居民身份证") is no heading.
 */
const RUN_IN_HEADING =
  /^\s*([(（][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)\s*[^\s，,；;。]{2,12}[。:：]?\s*$/u;

/**
 * The sentence before `sentence` that holds the figure asked for: the one right before it, or the
 * nearest earlier clause of the same 「；」-joined sentence (at most four clauses back).
 */
function figureBefore(
  index: SentenceIndex,
  sentence: Sentence,
  type: AnswerType,
  unit: RegExp | undefined,
): Sentence | undefined {
  const passage = index.ofChunk(sentence.chunk.id);
  for (let back = 1; back <= 4; back++) {
    const earlier = passage[sentence.position - back];
    if (!earlier) return undefined;
    // In the unit asked, too: "能贷多少" is not answered by 「推出76个事项」.
    if (holds(earlier.normalized, type) && (!unit || unit.test(earlier.normalized))) return earlier;
    if (!/[;；]$/u.test(earlier.normalized.trim())) return undefined;
  }
  return undefined;
}

/** A word in a sentence: a longer word anywhere in its text, a single character only as a word of its own. */
function inText(sentence: Sentence, token: string): boolean {
  if (token.length === 1) return sentence.tokens.has(token);
  return (
    sentence.normalized.includes(token) ||
    (FULL_FORMS[token]?.some((full) => sentence.normalized.includes(full)) ?? false)
  );
}

/**
 * Short forms the sources use themselves, so that the lexicon's translation of them never counts (it
 * counts only for words no source uses), for what the sources also write out: "社保最晚啥时候得办" is
 * answered by a line on 社会保险登记. A sentence that writes the full form holds the short one.
 */
const FULL_FORMS: Readonly<Record<string, readonly string[]>> = {
  社保: ["社会保险"],
};

// An item's number at the head of a line ("1. 逝者居民身份证", "(二)") is no figure.
export const LEADING_ORDINAL = /^\s*(\d{1,2}\s*[.、．]|[(（][一二三四五六七八九十\d]{1,3}[)）])\s*/u;

const DEPARTMENT_LINE = /^\s*(实施|协同|牵头)部门[:：]/u;

/** A sentence with the question's own words taken out ("社保卡" is no material brought for 社保卡补领). */
export function without(normalizedSentence: string, words: readonly string[]): string {
  return words.reduce((text, word) => (word.length >= 2 ? text.split(word).join(" ") : text), normalizedSentence);
}

/**
 * Whether a sentence holds the kind of answer a question asks, the question's own words taken out for a material
 * (a document the question names itself, "社保卡", is no document to bring).
 */
export function holdsAsked(normalizedSentence: string, type: AnswerType, subject: readonly string[]): boolean {
  return holds(type === "material" ? without(normalizedSentence, subject) : normalizedSentence, type);
}

/** Whether a sentence holds the kind of answer asked for. */
export function holds(normalizedSentence: string, type: AnswerType): boolean {
  // A guide's line of departments names who, not where: "住房公积金管理中心" there is no place to go.
  if (type === "place" && DEPARTMENT_LINE.test(normalizedSentence)) return false;
  return EVIDENCE[type].test(
    NEEDS_FIGURE.has(type) ? normalizedSentence.replace(LEADING_ORDINAL, "") : normalizedSentence,
  );
}

const headingCache = new WeakMap<object, string>();
const titleCache = new WeakMap<object, string>();

const namesCache = new WeakMap<object, string>();

/** A passage's document by its names: title and aliases, not the section's heading. */
function namesOf(sentence: Sentence): string {
  let text = namesCache.get(sentence.chunk);
  if (text === undefined) {
    text = normalizeText(`${sentence.chunk.title} ${sentence.chunk.context}`);
    namesCache.set(sentence.chunk, text);
  }
  return text;
}

const ownTitle = (sentence: Sentence): boolean => sentence.chunk.kind === "faq" || sentence.chunk.kind === "benefit";

/** A passage's title, normalised (an FAQ entry's question, a benefit's name …), worked out once. */
function titleOf(sentence: Sentence): string {
  let text = titleCache.get(sentence.chunk);
  if (text === undefined) {
    text = normalizeText(sentence.chunk.title);
    titleCache.set(sentence.chunk, text);
  }
  return text;
}
const passageCache = new WeakMap<object, string>();

/** The whole passage a sentence is part of, normalised. */
function passageOf(index: SentenceIndex, sentence: Sentence): string {
  let text = passageCache.get(sentence.chunk);
  if (text === undefined) {
    text = index
      .ofChunk(sentence.chunk.id)
      .map((item) => item.normalized)
      .join(" ");
    passageCache.set(sentence.chunk, text);
  }
  return text;
}

/** The passage's title, headings and context, normalised: half evidence for a sentence under them. */
function headingsOf(sentence: Sentence): string {
  const chunk = sentence.chunk;
  let text = headingCache.get(chunk);
  if (text === undefined) {
    text = normalizeText(`${chunk.title} ${chunk.sectionPath.join(" ")} ${chunk.context}`);
    headingCache.set(chunk, text);
  }
  return text;
}
