// Policy matching in the chat: 「您可能还可以享受」 after a checklist, and the short dialogue behind
// 「我能领什么补贴」 that asks only for the facts that decide. Pure, like the rest of a turn.
import {
  type BenefitMatch,
  type Facts,
  formatReason,
  matchBenefits,
  profileFromScenarioAnswers,
} from "../benefits/index.js";
import { FACT_NAMES, FACTS, type FactName, type FactSpec, factSpec } from "../catalog/index.js";
import { benefitNamedBy, STRONGLY_NAMED } from "./answer-question.js";
import { ABOUT_ENTERPRISE, ASKS_BENEFITS, readFactAnswer } from "./benefit-answers.js";
import type { BenefitDialogueState, BenefitOffer, BenefitOfferItem } from "./benefit-reply.js";
import type { MessageView } from "./message-view.js";
import { isQuestion } from "./scenario-turn.js";
import { type TurnInput, type TurnResult, textReply } from "./turn-reply.js";

/** How sure the router must be of a bundle or matter for its benefits to be asked about first. */
const ABOUT_CONFIDENCE = 0.5;
/** At most this many questions before the dialogue shows what it has; each must be answerable in a word. */
const MAX_QUESTIONS = 4;
/** Benefits a question names as what its answer decides. */
const MAX_NAMED = 3;
/** Benefits shown after a checklist: a few, not the whole catalogue. */
const MAX_OFFERED = 6;
export const OFFER_TITLE = "您可能还可以享受";
/** The fact-free line a checklist's answer ends with when benefits are offered below it. */
export const OFFER_FRAME = `${OFFER_TITLE}下列补贴或优惠（见下方）；回复“我能领什么补贴”，我会逐项帮您确认。`;

/** Runs `decide` unless the turn belongs to the benefit dialogue; adds the offer after a checklist. */
export function turnWithBenefits(input: TurnInput, decide: (input: TurnInput) => TurnResult): TurnResult {
  const { benefits } = input.knowledge;
  const { today } = input;
  if (!benefits || benefits.size === 0 || !today || input.view.safety) return decide(input);
  const said = input.view.stated;
  const result = benefitTurn(input, decide, said);
  // What the message states is remembered for a later 「有什么补贴」 (the turn may have moved on), over what
  // the turn itself kept (the answers of a benefit dialogue that just ended).
  const stated = { ...result.state.stated, ...said };
  return Object.keys(stated).length > 0 ? { ...result, state: { ...result.state, stated } } : result;
}

/** Facts a message states (`factsInMessage`), read once per turn into `MessageView.stated`. */
type SaidFacts = MessageView["stated"];

function benefitTurn(input: TurnInput, decide: (input: TurnInput) => TurnResult, said: SaidFacts): TurnResult {
  const dialogue = input.state.benefits;
  if (dialogue?.awaiting) {
    const continued = continueDialogue(input, dialogue);
    if (continued) return continued;
    // Not an answer but a new question: the dialogue ends and the turn goes on as usual.
    return withOffer(input, decide({ ...input, state: { ...input.state, benefits: undefined } }));
  }
  if (asksBenefits(input)) return startDialogue(input, said);
  return withOffer(input, decide(input));
}

// A question about what a document says (「3号文说要梳理哪些政策？」) is no request to match the person
// with benefits; nor is one that speaks of 免申即享 or 政策找人 as a reform without asking anything for
// the person (「海南把多少个依申请事项改成了“免申即享”？」).
export const DOCUMENT_SAYS = /(号文|文件|意见|办法|规定)(里|中|说|提出|要求|明确)/u;
const AS_A_REFORM = /(政策找人|免申即享)/u;
const FOR_THE_PERSON = /(我|咱|本人|帮我|给我|能领|可以领|能享受|可以享受)/u;

const BESIDES_OR_OWN = /(我|咱|俺|本人|除了|还能|还有|其他|其它|别的)/u;

function asksBenefits({ view, knowledge }: TurnInput): boolean {
  if (!ASKS_BENEFITS.test(view.message) || DOCUMENT_SAYS.test(view.message)) return false;
  // Which document set something up (「高龄津贴是什么政策定的」) asks its basis, not for matching; the person's
  // own case (「按照法规规定，我家这种情况能领什么补贴」) still asks for it.
  const ownOrBesides = BESIDES_OR_OWN.test(view.message);
  if (
    view.questions.some((question) => question.analysis.answerTypes.includes("legal_basis")) &&
    !ownOrBesides &&
    !FOR_THE_PERSON.test(view.message)
  )
    return false;
  // The policies of the answer before (「那我还能领哪些补贴？」 after 育儿补贴) are not named by this message.
  if (view.followsPolicies !== true && view.policyIds.length > 0) return false;
  // Nor is a benefit it names by three words of its name and asks of alone: 「小型微利企业所得税有啥优惠」
  // asks what that one gives. The person's own case or others besides it (「我是……」「除了育儿补贴，我还能领
  // 哪些」) ask for the matching.
  const subject = view.questions.flatMap((question) => question.analysis.subjectTokens);
  if (!ownOrBesides && benefitNamedBy(knowledge.sentences, subject, view.expansionTokens, STRONGLY_NAMED) !== undefined)
    return false;
  const withoutReform = view.message.replace(AS_A_REFORM, "");
  return ASKS_BENEFITS.test(withoutReform) || FOR_THE_PERSON.test(view.message);
}

// Words of a person's own life (family, age, health, work, schooling): a question in them is the person's.
const ABOUT_PERSON =
  /(孩子|宝宝|小孩|娃|儿子|女儿|闺女|子女|老人|父母|爸|妈|老伴|老婆|老公|残疾|退休|养老|生育|怀孕|失业|毕业|上学|读书|小学|初中|高中|大学|低保|岁)/u;

function startDialogue(input: TurnInput, said: SaidFacts): TurnResult {
  const { state, view } = input;
  // An enterprise's question, or one that says nothing of a person after the conversation told of an enterprise
  // (「我……是个体工商户」, then 「个人所得税方面有啥优惠不？一年应纳税所得额大概五十万」).
  const toldOfEnterprise =
    Object.keys(ofSubject(state.stated ?? {}, "enterprise")).length > 0 &&
    Object.keys(ofSubject(said, "individual")).length === 0 &&
    !ABOUT_PERSON.test(view.message);
  const subject = ABOUT_ENTERPRISE.test(view.message) || toldOfEnterprise ? "enterprise" : "individual";
  const fromScenario = state.scenario
    ? profileFromScenarioAnswers(state.scenario.bundleId, state.scenario.answers)
    : {};
  const { subject: _subject, ...scenarioFacts } = fromScenario;
  const dialogue: BenefitDialogueState = {
    subject,
    facts: {
      ...(subject === "individual" ? scenarioFacts : {}),
      ...ofSubject(state.stated ?? {}, subject),
      ...said,
    },
    skipped: [],
    asked: 0,
  };
  return step(input, dialogue, "benefits.start");
}

function continueDialogue(input: TurnInput, dialogue: BenefitDialogueState): TurnResult | undefined {
  const fact = dialogue.awaiting as FactName;
  if (!(FACT_NAMES as readonly string[]).includes(fact)) return undefined;
  // Read in simplified script: a traditional-script answer names the same options.
  const answer = readFactAnswer(fact, input.view.normalized);
  if (answer.status === "unreadable" && (isQuestion(input.view) || input.view.message.trim().length > 12))
    return undefined;
  const next: BenefitDialogueState =
    answer.status === "value"
      ? { ...dialogue, awaiting: undefined, facts: { ...dialogue.facts, [fact]: answer.value } }
      : { ...dialogue, awaiting: undefined, skipped: [...dialogue.skipped, fact] };
  return step(input, next, answer.status === "value" ? "benefits.answer" : "benefits.skip");
}

/** The facts of one subject (a person's or an enterprise's) among those stated. */
function ofSubject(facts: SaidFacts, subject: "individual" | "enterprise"): SaidFacts {
  return Object.fromEntries(
    Object.entries(facts).filter(
      ([name]) => (FACT_NAMES as readonly string[]).includes(name) && factSpec(name as FactName).subject === subject,
    ),
  );
}

/** A few benefits by name (「《甲》、《乙》、《丙》」), with how many there are in all when there are more. */
function fewNames(matches: readonly BenefitMatch[], more: (count: number) => string): string {
  const names = matches.slice(0, MAX_NAMED).map((match) => `《${match.name}》`);
  return `${names.join("、")}${matches.length > names.length ? more(matches.length) : ""}`;
}

/** Matches on what is known; asks the fact that would decide most open benefits, or shows the result. */
function step(input: TurnInput, dialogue: BenefitDialogueState, rule: string): TurnResult {
  const matches = matchFacts(input, dialogue.facts as Facts, dialogue.subject);
  const eligible = matches.filter((match) => match.decision === "eligible");
  const possible = matches.filter((match) => match.decision === "possible");
  // What the message is about comes first: after 「老人因病去世了，遗属能领哪些钱？」 whether the deceased
  // was insured, not a disability grade. The benefits claimed through the bundle or matter the message
  // is routed to (or the conversation is about) are asked about before the rest.
  const about = new Set(
    [
      ...input.view.route.candidates.filter((candidate) => candidate.confidence >= ABOUT_CONFIDENCE),
      ...(input.state.target ? [input.state.target] : []),
    ].map((candidate) => `${candidate.kind}:${candidate.id}`),
  );
  // So are those a fact the person told already meets part of: after 「我爸生前交着养老保险……家属能领到哪些
  // 钱？」 (a death in the family) the 丧葬补助金, not a disability grade.
  const told = new Set(Object.keys(dialogue.facts));
  const related = possible.filter(
    ({ claim, reasons }) =>
      (claim.bundleId !== undefined && about.has(`bundle:${claim.bundleId}`)) ||
      (claim.matterId !== undefined && about.has(`matter:${claim.matterId}`)) ||
      reasons.some((reason) => reason.status === "met" && reason.fact !== undefined && told.has(reason.fact)),
  );
  const fact =
    dialogue.asked < MAX_QUESTIONS
      ? (decidingFact(related, dialogue.skipped) ?? decidingFact(possible, dialogue.skipped))
      : undefined;
  if (fact) {
    const question = FACTS[fact].question;
    const found =
      eligible.length > 0
        ? `目前已确定符合的有${eligible.length}项：${fewNames(eligible, () => "等")}，列在下方。`
        : "";
    // Why it is asked: the benefits the answer decides (a few by name).
    const decided = possible.filter((match) => match.missingFacts.some((missing) => missing.fact === fact));
    const stake = decided.length > 0 ? `（关系到${fewNames(decided, (count) => `等${count}项`)}）` : "";
    const text = `为判断您能享受哪些补贴和优惠，想确认一个情况${stake}：${question}${found}`;
    const offer: BenefitOffer = {
      title: OFFER_TITLE,
      items: eligible.map(toItem),
      question: { fact, text: question, options: answerOptions(fact) },
    };
    return {
      state: { ...input.state, benefits: { ...dialogue, awaiting: fact, asked: dialogue.asked + 1 } },
      rule: `${rule}.ask`,
      reply: { ...textReply("consult", text, true), benefits: offer },
    };
  }
  const shown = [...eligible, ...possible.slice(0, Math.max(0, MAX_OFFERED - eligible.length))];
  const text =
    eligible.length > 0
      ? `根据您提供的情况，您可能还可以享受下列${eligible.length}项补贴或优惠，每项都列出了判断依据和办理入口；是否发放以经办部门审核为准。`
      : "根据您提供的情况，暂未找到可以确定符合的补贴或优惠。";
  const open = possible.length > 0 ? "另有几项还需确认下方所列的情况。" : "";
  return {
    // The facts the dialogue learnt are kept: a later 「我还能领什么」 does not ask them again.
    state: { ...input.state, benefits: undefined, stated: { ...input.state.stated, ...dialogue.facts } },
    rule: `${rule}.done`,
    reply: {
      ...textReply("consult", `${text}${open}`, true),
      benefits: { title: OFFER_TITLE, items: shown.map(toItem) },
    },
  };
}

/** After a checklist: what the bundle's answers already qualify for, or may. */
function withOffer(input: TurnInput, result: TurnResult): TurnResult {
  const { checklist } = result.reply;
  if (!checklist) return result;
  // The checklist carries its bundle and answers (the dialogue state has moved on by now).
  const answers = Object.fromEntries(checklist.answers.map((answer) => [answer.scenarioId, answer.value]));
  const { subject, ...facts } = profileFromScenarioAnswers(checklist.bundleId, answers);
  const matches = matchFacts(input, facts as Facts, subject).filter(
    (match) =>
      match.decision === "eligible" || (match.decision === "possible" && match.claim.bundleId === checklist.bundleId),
  );
  if (matches.length === 0) return result;
  const items = matches.slice(0, MAX_OFFERED).map(toItem);
  const frame = `\n${OFFER_FRAME}`;
  return {
    ...result,
    reply: {
      ...result.reply,
      answer: { ...result.reply.answer, text: `${result.reply.answer.text}${frame}` },
      benefits: { title: OFFER_TITLE, items },
    },
  };
}

function matchFacts(input: TurnInput, facts: Facts, subject: "individual" | "enterprise" | undefined) {
  const benefits = input.knowledge.benefits ?? new Map();
  return matchBenefits({ benefits: benefits.values(), facts, subject, asOf: input.today as string }).matches;
}

/** The missing fact shared by most undecided benefits (ties: registry order), never one skipped. */
function decidingFact(possible: BenefitMatch[], skipped: string[]): FactName | undefined {
  const counts = new Map<FactName, number>();
  for (const match of possible)
    for (const { fact } of match.missingFacts)
      if (!skipped.includes(fact)) counts.set(fact as FactName, (counts.get(fact as FactName) ?? 0) + 1);
  let best: FactName | undefined;
  for (const fact of FACT_NAMES) if ((counts.get(fact) ?? 0) > (best ? (counts.get(best) ?? 0) : 0)) best = fact;
  return best;
}

function answerOptions(fact: FactName): string[] {
  const spec: FactSpec = FACTS[fact];
  if (spec.kind === "boolean") return ["是", "否", "不清楚"];
  if (spec.kind === "enum") return [...Object.values(spec.options ?? {}), "不清楚"];
  return [];
}

function toItem(match: BenefitMatch): BenefitOfferItem {
  return {
    benefitId: match.benefitId,
    name: match.name,
    decision: match.decision === "eligible" ? "eligible" : "possible",
    reasons: match.reasons.map(formatReason),
    missing: match.missingFacts.map((fact) => fact.label),
    amount: match.amount.text,
    claim: match.claim,
    document: match.document,
  };
}
