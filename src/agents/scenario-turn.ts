// The scenario questions (情形引导) of a bundle as turns: a reply read as an answer, a question
// asked meanwhile, skipping, and the checklist at the end. Answering a question of fact is the
// caller's `consult`, passed in, so the scenario steps need nothing of the turn above them.
import {
  applicableScenarios,
  type Bundle,
  buildChecklist,
  describeScenarioOption,
  scenariosToAsk,
} from "../catalog/index.js";
import type { Sentence } from "../retrieval/index.js";
import { type AnswerPart, cite, dedupeCitations, quotesOnlyBundle, type Target } from "./answer-question.js";
import type { DialogueState } from "./dialogue-state.js";
import type { MessageView } from "./message-view.js";
import { wantsToSkip } from "./safety-rules.js";
import { chosenOptions, extractScenarioAnswers } from "./scenario-dialogue.js";
import { QUESTION_WORD } from "./analyze-question.js";
import { answerReply, answerThen, textReply, type TurnInput, type TurnResult } from "./turn-reply.js";

/** Answers a question of fact in the current state (the turn's consult). */
export type Consult = (input: TurnInput, rule: string) => TurnResult;

// "那退休呢？", "退休呢？": the same kind of question, about something else.
export const SWITCH = /^((那|那么|还有|另外|如果是|要是).{1,14}|.{1,5})(呢|怎么办|咋办|怎么弄)[？?。!！]*$/u;

// A question word, a choice or a question mark: "退休工资怎么算" asks something, whatever else it is.
export const asksSomething = (message: string) => QUESTION_WORD.test(message) || /还是|[？?]/u.test(message);

/**
 * The message is put as a question: a guide element, a question mark, or a choice between two
 * ("在医院办还是派出所办").
 */
export function isQuestion(view: MessageView): boolean {
  return view.questions.some(
    (question) =>
      question.analysis.element !== undefined ||
      /[？?吗]$/u.test(question.analysis.text.trim()) ||
      // "护理补贴能一块申请不": a closing 不 asks whether.
      (/不[。!！]?$/u.test(question.analysis.text.trim()) && question.analysis.answerTypes.includes("yes_no")) ||
      /.还是./u.test(question.analysis.text),
  );
}

/** Whether the last clause of a text asks with a question word (not 二十几个, not 哪个都行). */
function asksInLastClause(text: string): boolean {
  const last =
    text
      .split(/[，,。；;]/u)
      .filter((clause) => clause.trim())
      .at(-1) ?? "";
  const asking = last.replace(/[\d一二三四五六七八九十百]几/gu, "").replace(/哪[^，,。]*[都也]/gu, "");
  return QUESTION_WORD.test(asking);
}

/** The guide's lines on what the chosen options change, when an option carries a note. */
function optionNotes(input: TurnInput, bundleId: string, answers: Record<string, string>): TurnResult | undefined {
  const part = optionNotesPart(input, bundleId, answers);
  return (
    part && { state: input.state, rule: "scenario.note", reply: answerReply("scenario_answer", [part], input.view) }
  );
}

/** The guide's lines on what the chosen options change, as an answer part. */
export function optionNotesPart(
  input: TurnInput,
  bundleId: string,
  answers: Record<string, string>,
): AnswerPart | undefined {
  const { catalog, sentences } = input.knowledge;
  const bundle = catalog.bundles.get(bundleId);
  if (!bundle) return undefined;
  const lines = sentences.ofDocument(`bundle:${bundleId}`);
  const picked = chosenOptions(bundle, answers).flatMap(({ scenario, option }) => {
    // What it says, or the matters or documents it adds ("病退" brings 病残提前退休（退职）核准, "随迁子女"
    // brings 居住证): each changes what to prepare.
    if (!(option.note || option.addMaterials?.length || option.addMatters?.length)) return [];
    return quotedLine(lines, describeScenarioOption(scenario, option, catalog, bundle));
  });
  if (picked.length === 0) return undefined;
  return { status: "answered", source: "guide_element", ...cite(picked) };
}

/**
 * The run of consecutive sentences that make up one line of a guide: the sentence index splits a
 * line at 「？」 and 「；」, so 「…结婚？选“未登记结婚”：…」 is several sentences. Empty when the line
 * is not there as a whole.
 */
function quotedLine(sentences: readonly Sentence[], line: string): Sentence[] {
  const compact = (text: string) => text.replace(/\s/gu, "");
  const target = compact(line);
  for (let start = 0; start < sentences.length; start++) {
    let joined = "";
    for (let end = start; end < sentences.length; end++) {
      joined += compact((sentences[end] as Sentence).text);
      if (!target.startsWith(joined)) break;
      if (joined === target) return sentences.slice(start, end + 1);
    }
  }
  return [];
}

/** What a bundle holds, quoted from its guide ("包含事项：…"), to open its scenario questions. */
export function introduce(input: TurnInput, bundleId: string): TurnResult | undefined {
  const overview = input.knowledge.sentences
    .ofDocument(`bundle:${bundleId}`)
    .find((sentence) => sentence.text.startsWith("包含事项："));
  if (!overview) return undefined;
  const part: AnswerPart = { status: "answered", source: "guide_element", ...cite([overview]) };
  return { state: input.state, rule: "introduce", reply: answerReply("route", [part], input.view) };
}

/** A question of everything together: 一共, 总共, 全部, 所有. */
const WHOLE = /(一共|总共|全部|所有|统共|加起来)/u;

/**
 * A reply while a scenario question waits: answers read from it (for any open question it fits),
 * "跳过", a new question (answered, then the waiting question again), or undefined to decide anew.
 */
export function continueScenario(input: TurnInput, consult: Consult): TurnResult | undefined {
  const { state, view, knowledge } = input;
  const scenario = state.scenario;
  const bundle = scenario ? knowledge.catalog.bundles.get(scenario.bundleId) : undefined;
  if (!scenario || !bundle) return undefined;
  if (wantsToSkip(view.message)) return finishScenario(input, state, true, "scenario.skip");
  const found = extractScenarioAnswers(bundle, view.message, scenario.answers, { awaiting: scenario.awaiting });
  if (Object.keys(found).length > 0) {
    // The matters the answers add to what is to be done.
    const added = chosenOptions(bundle, found).flatMap(({ option }) => option.addMatters ?? []);
    const target = targetAfterAnswers(bundle, state.target, added);
    const next = nextStep(
      input,
      { ...state, target, scenario: { ...scenario, answers: { ...scenario.answers, ...found } } },
      "scenario.answer",
    );
    // A question that also answers ("生育医疗费用报销需要什么材料？") is answered as well.
    // So is one that asks with a question word in its last clause ("档案要转过来，有啥要求"), not a
    // reply that tells a count or a choice ("员工有二十几个人", "哪个都行").
    const asks = view.questions.some(
      (question) => question.analysis.answerTypes.length > 0 && asksInLastClause(question.analysis.text),
    );
    // What to prepare or whom to ask, asked with an answer that adds one matter, is asked of that matter ("报销要啥材料" while
    // registering a birth: the reimbursement's materials); not of the whole ("要报销 一共要带哪些材料"), nor whether one
    // document is needed ("报销，要不要带户口本"), nor anything else the matter's guide may not say (how long).
    const ofOneMatter =
      target.kind === "bundle" &&
      added.length === 1 &&
      !WHOLE.test(view.normalized) &&
      view.questions.every((question) =>
        question.analysis.answerTypes.every((type) => type === "material" || type === "department"),
      );
    const askedOf: Target = ofOneMatter ? { kind: "matter", id: added[0] as string } : target;
    const asked =
      isQuestion(view) || asks
        ? consult({ ...input, state: { ...next.state, target: askedOf } }, "scenario.answer.question")
        : undefined;
    // What an answer changes ("户口登记不在联办范围内…") is said at once, quoted from the guide; a
    // reply put as a question that asks nothing more ("我已经有营业执照了呢？") is answered by it too.
    const asksMore = view.questions.some((question) => question.analysis.answerTypes.length > 0);
    const answered = asked?.reply.grounded ? asked : undefined;
    const notes = asksMore
      ? (answered ?? optionNotes(input, bundle.id, found))
      : (optionNotes(input, bundle.id, found) ?? answered);
    if (notes)
      return {
        ...next,
        reply: { ...next.reply, intent: "scenario_answer", answer: answerThen(notes.reply.answer, next.reply.answer) },
      };
    return { ...next, reply: { ...next.reply, intent: "scenario_answer" } };
  }
  // Not an answer: a question of its own is answered, then the waiting question is asked again;
  // a request for something else ("那退休呢？") leaves the scenario.
  // It leaves only for something it names (or "那…呢？"), and not for one of this bundle's own
  // matters: "员工已经有社保卡了呢？" in the hiring conversation asks about hiring.
  const [top] = view.route.candidates;
  const members = new Set(bundle.matters.map((entry) => `matter:${entry.matterId}`));
  const elsewhere =
    top &&
    view.route.decision === "confident" &&
    !(top.kind === "bundle" && top.id === bundle.id) &&
    !members.has(`${top.kind}:${top.id}`) &&
    !view.mentions.some((mention) => members.has(mention));
  const switching = SWITCH.test(view.message.trim());
  if (elsewhere && (switching || (view.learned.intent === "route" && view.mentions.includes(`${top.kind}:${top.id}`))))
    return undefined;
  const interrogative = asksSomething(view.message);
  // "那招牌呢？" names one of this bundle's matters the way a question does: it asks about it.
  const aboutMember = switching && view.mentions.some((mention) => members.has(mention));
  const asked =
    interrogative ||
    aboutMember ||
    view.learned.intent === "consult" ||
    view.learned.intent === "route" ||
    view.questions.some(
      (question) => question.analysis.answerTypes.length > 0 || /[？?]$/u.test(question.analysis.text),
    );
  // So does "那公章呢？" in words no guide names, but only the bundle's own documents answer it (「那车呢」 while opening a
  // transport business is not answered from a policy, nor 「那员工呢」 from another bundle's guide).
  if (asked || switching) {
    const consulted = consult(
      { ...input, state: { ...state, target: state.target ?? { kind: "bundle", id: bundle.id } } },
      "scenario.question",
    );
    const answered =
      asked || quotesOnlyBundle(knowledge, bundle.id, consulted.reply.answer.citations)
        ? consulted
        : { ...consulted, reply: { ...consulted.reply, grounded: false } };
    // A plain question the guide does not answer ("收费吗？", "什么时候报名") is told so, not taken for
    // an unclear reply.
    const plainQuestion =
      interrogative ||
      aboutMember ||
      isQuestion(view) ||
      view.questions.some((question) => question.analysis.answerTypes.length > 0);
    if (answered.reply.grounded || plainQuestion) {
      const again = nextStep(input, state, "scenario.question");
      return {
        state: { ...answered.state, scenario: again.state.scenario },
        rule: answered.reply.grounded ? "scenario.question" : "scenario.question.unknown",
        reply: {
          ...answered.reply,
          answer: answerThen(answered.reply.answer, again.reply.answer),
          scenario: again.reply.scenario,
        },
      };
    }
  }
  const awaiting = bundle.scenarios.find((candidate) => candidate.id === scenario.awaiting);
  const labels = awaiting?.options.map((option) => `“${option.label}”`).join("、") ?? "";
  const next = nextStep(input, state, "scenario.unclear");
  return {
    ...next,
    reply: {
      ...next.reply,
      intent: "scenario_answer",
      answer: {
        ...next.reply.answer,
        text: `没有听明白您的回答。${awaiting ? awaiting.question : ""}请从${labels}中选一项，或说“跳过”查看完整清单。`,
      },
    },
  };
}

/**
 * The matter a conversation is about, after answers that add `added` of the bundle's matters: a matter the
 * answers leave out gives way to the one they add ("丢了" while the talk was of applying for a first
 * card: the replacement), or to the bundle when they add several. Otherwise it stays.
 */
function targetAfterAnswers(bundle: Bundle, target: Target | undefined, added: readonly string[]): Target {
  const inBundle = target?.kind === "matter" && bundle.matters.some((entry) => entry.matterId === target.id);
  if (!target || !inBundle || added.length === 0 || added.includes(target.id))
    return target ?? { kind: "bundle", id: bundle.id };
  return added.length === 1 ? { kind: "matter", id: added[0] as string } : { kind: "bundle", id: bundle.id };
}

export function nextStep(input: TurnInput, state: DialogueState, rule: string): TurnResult {
  const scenario = state.scenario;
  const bundle = scenario ? input.knowledge.catalog.bundles.get(scenario.bundleId) : undefined;
  if (!scenario || !bundle) return finishScenario(input, state, true, rule);
  const [next] = scenariosToAsk(bundle, scenario.answers);
  if (!next) return finishScenario(input, state, false, rule);
  return {
    state: { ...state, scenario: { ...scenario, awaiting: next.id } },
    rule,
    reply: {
      ...textReply("route", `为了告诉您需要办理的事项和材料，想先确认：${next.question}`, true),
      scenario: {
        bundleId: bundle.id,
        scenarioId: next.id,
        question: next.question,
        ...(next.help ? { help: next.help } : {}),
        options: next.options.map(({ value, label }) => ({ value, label })),
      },
    },
  };
}

/** The checklist (一次告知单): shown once, as the card; the text only introduces it. */
function finishScenario(input: TurnInput, state: DialogueState, skipped: boolean, rule: string): TurnResult {
  const scenario = state.scenario;
  if (!scenario) return { state, rule, reply: textReply("skip", "好的。请问您想办理什么事项？", false) };
  const { catalog } = input.knowledge;
  const checklist = buildChecklist({ catalog, bundleId: scenario.bundleId, answers: scenario.answers });
  const open = skipped
    ? applicableScenarios(
        catalog.bundles.get(scenario.bundleId) ?? ({ scenarios: [] } as never),
        scenario.answers,
      ).filter((item) => scenario.answers[item.id] === undefined)
    : [];
  const text =
    skipped && open.length > 0
      ? `以下是《${checklist.bundleName}》的完整一次告知单，标注“视情形”的事项和材料取决于您尚未回答的问题，请对照清单准备。`
      : `已根据您的情况整理好《${checklist.bundleName}》的一次告知单，请对照清单准备。`;
  const citations = dedupeCitations([
    ...checklist.matters.map((matter) => matter.citation),
    ...checklist.materials.flatMap((material) => material.citations.slice(0, 1)),
  ]);
  return {
    state: { ...state, scenario: undefined, target: state.target ?? { kind: "bundle", id: scenario.bundleId } },
    rule,
    reply: {
      intent: skipped ? "skip" : "scenario_answer",
      script: "simplified",
      answer: { text, citations, sentences: [] },
      checklist,
      grounded: true,
    },
  };
}
