// One chat turn as a pure function: (state, what the message is and what retrieval found) →
// (new state, reply). No storage, no clock, no model: the chat service stores around it, the
// optional model rephrases after it. Every factual sentence of a reply is a quote with its
// citation; everything else is a fixed, fact-free frame.
import { applicableScenarios, buildChecklist, type Citation, scenariosToAsk } from "../catalog/index.js";
import { type AnswerPart, answerQuestion, cite, type Target } from "./answer-question.js";
import type { AnswerSentence, DraftReply, Intent } from "./chat-reply.js";
import { checkGrounding } from "./check-grounding.js";
import { decideIntent } from "./decide-intent.js";
import type { DialogueState } from "./dialogue-state.js";
import type { AnswerThresholds } from "./extract-answer.js";
import type { ChatKnowledge, MessageView } from "./message-view.js";
import { presentReply } from "./present-reply.js";
import { wantsToSkip } from "./safety-rules.js";
import { extractScenarioAnswers } from "./scenario-dialogue.js";

export interface TurnInput {
  state: DialogueState;
  view: MessageView;
  knowledge: Pick<ChatKnowledge, "catalog" | "sentences" | "tokenizer">;
  thresholds?: AnswerThresholds;
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
const HANDOFF = { channel: "12345" as const, text: HANDOFF_TEXT };
export const FIXED_TEXT = {
  injection: "我只能解答政务服务相关的问题，也不会透露系统设置。请问您想办理什么事项？",
  out_of_scope: "抱歉，这个问题不在政务服务范围内，我暂时无法回答。您可以问我办事需要的材料、流程、时限等。",
  greeting:
    "您好！我是政务服务助手，可以帮您查找要办的事项、告诉您需要准备的材料，也可以解答政务服务政策方面的问题。比如：“宝宝刚出生要办哪些手续”“开饭店要办什么证”“退休要办什么”。",
  handoff: `这里不能直接转接人工。${HANDOFF_TEXT}`,
  unknown: "抱歉，知识库中没有找到能回答这个问题的依据。为免误导，我不作推测。",
  noRoute: "抱歉，我没能确定您要办理的事项。您可以换个说法，或说出具体要办的事。",
} as const;

// "那退休呢？", "退休呢？": the same kind of question, about something else.
const SWITCH = /^((那|那么|还有|另外|如果是|要是).{1,14}|.{1,5})(呢|怎么办|咋办|怎么弄)[？?。!！]*$/u;

export function runTurn(input: TurnInput): TurnResult {
  const result = decide(input);
  return { ...result, reply: presentReply(result.reply, input.view.script) };
}

function decide(input: TurnInput): TurnResult {
  const { state, view } = input;
  if (view.safety)
    return fixed(
      state,
      view.safety.intent,
      view.safety.intent === "handoff" ? FIXED_TEXT.handoff : FIXED_TEXT.injection,
      view.safety.rule,
    );

  if (state.scenario?.awaiting !== undefined) {
    const scenarioTurn = continueScenario(input);
    if (scenarioTurn) return scenarioTurn;
  }
  // "那退休呢？": a new target, whatever the model makes of so short a message.
  if (SWITCH.test(view.message.trim()) && view.route.candidates[0] && view.route.decision === "confident")
    return route(input, "switch");
  const chosen = state.clarify && chooseCandidate(state.clarify, view.message);
  if (chosen) return startTarget(input, { ...state, clarify: undefined }, chosen, "clarify.chosen");

  const { intent, rule } = decideIntent({
    learned: view.learned,
    evidence: {
      answerCoverage: view.answerCoverage,
      routeConfidence: view.route.candidates[0]?.confidence ?? 0,
      mentionsCatalog: view.mentions.length > 0,
      hasHan: view.hasHan,
    },
  });
  switch (intent) {
    case "greeting":
      return { state, rule, reply: textReply("greeting", FIXED_TEXT.greeting, true) };
    case "out_of_scope":
      return fixed(state, "out_of_scope", FIXED_TEXT.out_of_scope, rule);
    case "handoff":
      return fixed(state, "handoff", FIXED_TEXT.handoff, rule);
    case "route":
      return route(input, rule);
    default:
      return consult(input, rule);
  }
}

/** The person wants something done: the matter or bundle, or a question which one, or an answer. */
function route(input: TurnInput, rule: string): TurnResult {
  const { state, view } = input;
  const [top] = view.route.candidates;
  const switching = SWITCH.test(view.message.trim()) && top && view.route.decision !== "none";
  if (top && (view.route.decision === "confident" || switching))
    return startTarget(
      input,
      { ...state, clarify: undefined },
      { kind: top.kind, id: top.id },
      switching ? `${rule}.switch` : rule,
    );
  // Not a clear match for a bundle or matter, but a sentence answers it: answer instead of refusing.
  const answered = consult(input, `${rule}.answered`);
  if (answered.reply.grounded) return answered;
  if (top && view.route.decision === "unsure") {
    const candidates = view.route.candidates.slice(0, 4);
    return {
      state: { ...state, clarify: candidates.map(({ id, kind, name }) => ({ id, kind, name })) },
      rule: `${rule}.clarify`,
      reply: {
        ...textReply("route", "您想办理的是下面哪一项？", true),
        route: { candidates: view.route.candidates },
        clarify: {
          question: "您想办理的是下面哪一项？",
          options: candidates.map(({ id, kind, name }) => ({ id, kind, label: name })),
        },
      },
    };
  }
  return {
    state,
    rule: `${rule}.none`,
    reply: {
      ...textReply("route", `${FIXED_TEXT.noRoute}${HANDOFF_TEXT}`, false),
      route: { candidates: view.route.candidates },
      handoff: HANDOFF,
    },
  };
}

/** A question of fact: each question of the message answered from the knowledge base. */
function consult(input: TurnInput, rule: string): TurnResult {
  const { state, view, knowledge } = input;
  const [top] = view.route.candidates;
  const base: Target | undefined =
    top && view.route.decision === "confident" && view.mentions.includes(`${top.kind}:${top.id}`)
      ? { kind: top.kind, id: top.id }
      : (state.target ?? (top && view.route.decision === "confident" ? { kind: top.kind, id: top.id } : undefined));
  const target = narrowTarget(knowledge, base, view, state.scenario?.bundleId);
  // Narrowed from a bundle, the bundle's own documents (its FAQ above all) still belong to the question.
  const fromBundle = base?.kind === "bundle" && target?.kind === "matter" ? base.id : undefined;
  const targetTokens = target ? knowledge.tokenizer.tokenize(targetName(knowledge, target)) : undefined;
  const parts = view.questions.map((question) =>
    answerQuestion({
      question: question.analysis,
      catalog: knowledge.catalog,
      sentences: knowledge.sentences,
      hits: question.hits,
      target,
      conversationBundleId:
        state.scenario?.bundleId ?? fromBundle ?? (state.target?.kind === "bundle" ? state.target.id : undefined),
      policyIds: view.policyIds,
      expansionTokens: view.expansionTokens,
      targetTokens,
      thresholds: input.thresholds,
    }),
  );
  const nextState: DialogueState = target ? { ...state, target } : state;
  const routeInfo = view.route.candidates.length > 0 ? { route: { candidates: view.route.candidates } } : {};
  if (parts.every((part) => part.status === "unknown")) {
    const known = parts.find((part) => part.unknownText && part.unknownText !== "知识库中没有找到能回答这个问题的依据");
    const text = known ? `${known.unknownText}。为免误导，我不作推测。` : FIXED_TEXT.unknown;
    return {
      state: nextState,
      rule: `${rule}.unknown`,
      reply: { ...textReply("consult", `${text}${HANDOFF_TEXT}`, false), ...routeInfo, handoff: HANDOFF },
    };
  }
  return { state: nextState, rule, reply: { ...answerReply("consult", parts, view), ...routeInfo } };
}

/**
 * A bundle starts its scenario questions (answers already in the message count), introduced by what
 * the bundle holds; a matter shows its materials. A question of fact asked with it ("办退休要带啥？")
 * is answered first.
 */
function startTarget(input: TurnInput, state: DialogueState, target: Target, rule: string): TurnResult {
  const { knowledge, view } = input;
  const routeInfo = { route: { candidates: view.route.candidates } };
  const bundle = target.kind === "bundle" ? knowledge.catalog.bundles.get(target.id) : undefined;
  // A matter of the bundle the person named stays what follow-ups ("要多久？") are about.
  const named = bundle?.matters.find((entry) => view.mentions.includes(`matter:${entry.matterId}`));
  const focus: Target = named ? { kind: "matter", id: named.matterId } : target;
  const asked = asksFact(view) ? consult({ ...input, state: { ...state, target: focus } }, `${rule}.fact`) : undefined;
  const answered = asked?.reply.grounded ? asked : undefined;
  if (bundle) {
    const answers = extractScenarioAnswers(bundle, view.message, {});
    const next = nextStep(input, { ...state, target: focus, scenario: { bundleId: bundle.id, answers } }, rule);
    if (next.reply.checklist) return { ...next, reply: { ...next.reply, ...routeInfo } };
    const lead = answered ?? introduce(input, bundle.id);
    return {
      state: next.state,
      rule: answered ? `${rule}.fact` : rule,
      reply: {
        ...next.reply,
        ...routeInfo,
        intent: "route",
        grounded: true,
        answer: lead
          ? { ...lead.reply.answer, text: `${lead.reply.answer.text}\n${next.reply.answer.text}` }
          : next.reply.answer,
      },
    };
  }
  if (answered)
    return {
      ...answered,
      state: { ...answered.state, target, scenario: undefined },
      reply: { ...answered.reply, ...routeInfo, intent: "route" },
    };
  const part = answerQuestion({
    question: {
      text: "",
      normalized: "",
      answerTypes: ["material"],
      element: "materials",
      subjectTokens: [],
      elliptical: true,
    },
    catalog: knowledge.catalog,
    sentences: knowledge.sentences,
    hits: [],
    target,
  });
  return {
    state: { ...state, target, scenario: undefined },
    rule,
    reply: { ...answerReply("route", [part], view), ...routeInfo },
  };
}

/**
 * A matter the message names, when it belongs to the bundle being discussed (or nothing is being
 * discussed), is what the question is about: "补办要带什么？" in the 社保卡 conversation.
 */
function narrowTarget(
  knowledge: Pick<ChatKnowledge, "catalog">,
  target: Target | undefined,
  view: MessageView,
  conversationBundleId: string | undefined,
): Target | undefined {
  const matters = view.mentions.filter((mention) => mention.startsWith("matter:")).map((mention) => mention.slice(7));
  if (!target) return matters[0] ? { kind: "matter", id: matters[0] } : undefined;
  const bundleId = target.kind === "bundle" ? target.id : conversationBundleId;
  if (!bundleId) return target;
  const members = new Set(knowledge.catalog.bundles.get(bundleId)?.matters.map((entry) => entry.matterId));
  // Named outright, or the router's first guess among the bundle's own matters ("补办" → 补领换领).
  const [top] = view.route.candidates;
  const guessed = top?.kind === "matter" && view.route.decision !== "none" ? top.id : undefined;
  const member = matters.find((id) => members.has(id)) ?? (guessed && members.has(guessed) ? guessed : undefined);
  return member ? { kind: "matter", id: member } : target;
}

/** The message is put as a question: a guide element or a question mark. */
function isQuestion(view: MessageView): boolean {
  return view.questions.some(
    (question) => question.analysis.element !== undefined || /[？?吗]$/u.test(question.analysis.text.trim()),
  );
}

/** The message asks a fact (a material, a time, a fee, a place, yes or no …), not only "what do I do". */
function asksFact(view: MessageView): boolean {
  return view.questions.some(
    (question) =>
      question.analysis.element !== undefined ||
      question.analysis.answerTypes.some((type) => type !== "procedure" && type !== "list"),
  );
}

/** The guide's lines on what the chosen options change, when an option carries a note. */
function optionNotes(input: TurnInput, bundleId: string, answers: Record<string, string>): TurnResult | undefined {
  const bundle = input.knowledge.catalog.bundles.get(bundleId);
  const lines = input.knowledge.sentences.ofDocument(`bundle:${bundleId}`);
  const picked = Object.entries(answers).flatMap(([scenarioId, value]) => {
    const scenario = bundle?.scenarios.find((item) => item.id === scenarioId);
    const option = scenario?.options.find((item) => item.value === value);
    if (!scenario || !option?.note) return [];
    const line = lines.find((sentence) => sentence.text.startsWith(`${scenario.question}选“${option.label}”`));
    return line ? [line] : [];
  });
  if (picked.length === 0) return undefined;
  const part: AnswerPart = { status: "answered", source: "guide_element", ...cite(picked) };
  return { state: input.state, rule: "scenario.note", reply: answerReply("scenario_answer", [part], input.view) };
}

/** What a bundle holds, quoted from its guide ("包含事项：…"), to open its scenario questions. */
function introduce(input: TurnInput, bundleId: string): TurnResult | undefined {
  const overview = input.knowledge.sentences
    .ofDocument(`bundle:${bundleId}`)
    .find((sentence) => sentence.text.startsWith("包含事项："));
  if (!overview) return undefined;
  const part: AnswerPart = { status: "answered", source: "guide_element", ...cite([overview]) };
  return { state: input.state, rule: "introduce", reply: answerReply("route", [part], input.view) };
}

/**
 * A reply while a scenario question waits: answers read from it (for any open question it fits),
 * "跳过", a new question (answered, then the waiting question again), or undefined to decide anew.
 */
function continueScenario(input: TurnInput): TurnResult | undefined {
  const { state, view, knowledge } = input;
  const scenario = state.scenario;
  const bundle = scenario ? knowledge.catalog.bundles.get(scenario.bundleId) : undefined;
  if (!scenario || !bundle) return undefined;
  if (wantsToSkip(view.message)) return finishScenario(input, state, true, "scenario.skip");
  const found = extractScenarioAnswers(bundle, view.message, scenario.answers, { awaiting: scenario.awaiting });
  if (Object.keys(found).length > 0) {
    const next = nextStep(
      input,
      { ...state, scenario: { ...scenario, answers: { ...scenario.answers, ...found } } },
      "scenario.answer",
    );
    // A question that also answers ("生育医疗费用报销需要什么材料？") is answered as well.
    const asked = isQuestion(view)
      ? consult(
          { ...input, state: { ...next.state, target: state.target ?? { kind: "bundle", id: bundle.id } } },
          "scenario.answer.question",
        )
      : undefined;
    // What an answer changes ("户口登记不在联办范围内…") is said at once, quoted from the guide.
    const notes = asked?.reply.grounded ? asked : optionNotes(input, bundle.id, found);
    if (notes && !next.reply.checklist)
      return {
        ...next,
        reply: {
          ...next.reply,
          intent: "scenario_answer",
          answer: { ...notes.reply.answer, text: `${notes.reply.answer.text}\n${next.reply.answer.text}` },
        },
      };
    return { ...next, reply: { ...next.reply, intent: "scenario_answer" } };
  }
  // Not an answer: a question of its own is answered, then the waiting question is asked again;
  // a request for something else ("那退休呢？") leaves the scenario.
  const [top] = view.route.candidates;
  const elsewhere = top && view.route.decision === "confident" && !(top.kind === "bundle" && top.id === bundle.id);
  if (elsewhere && (view.learned.intent === "route" || SWITCH.test(view.message.trim()))) return undefined;
  const asks =
    view.learned.intent === "consult" ||
    view.learned.intent === "route" ||
    view.questions.some(
      (question) => question.analysis.answerTypes.length > 0 || /[？?]$/u.test(question.analysis.text),
    );
  if (asks) {
    const answered = consult(
      { ...input, state: { ...state, target: state.target ?? { kind: "bundle", id: bundle.id } } },
      "scenario.question",
    );
    if (answered.reply.grounded) {
      const again = nextStep(input, state, "scenario.question");
      return {
        state: { ...answered.state, scenario: again.state.scenario },
        rule: "scenario.question",
        reply: {
          ...answered.reply,
          answer: { ...answered.reply.answer, text: `${answered.reply.answer.text}\n${again.reply.answer.text}` },
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

function nextStep(input: TurnInput, state: DialogueState, rule: string): TurnResult {
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

/** One citation per source section, whatever quotes of it were taken. */
function dedupeCitations(citations: readonly Citation[]): Citation[] {
  const seen = new Map<string, Citation>();
  for (const citation of citations) {
    const existing = seen.get(citation.id);
    if (!existing) seen.set(citation.id, { ...citation });
    else if (!existing.quote.includes(citation.quote)) existing.quote = `${existing.quote}\n${citation.quote}`;
  }
  return [...seen.values()];
}

/** An answer made of parts: quoted sentences under a fact-free frame, unknown parts said as such. */
function answerReply(intent: Intent, parts: readonly AnswerPart[], view: MessageView): TurnReply {
  const answered = parts.filter((part) => part.status === "answered");
  const citations = dedupeCitations(answered.flatMap((part) => part.citations));
  const byId = new Map(citations.map((citation) => [citation.id, citation.quote]));
  const sentences: AnswerSentence[] = [];
  const seen = new Set<string>();
  for (const part of answered)
    for (const sentence of part.sentences) {
      // The same line in two places (a guide and its bundle) is said once.
      const key = sentence.text.replace(/[^\p{L}\p{N}]/gu, "");
      if (seen.has(key)) continue;
      seen.add(key);
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
  // Sources that only defer ("各地要求不一，以当地办事指南为准") do not answer: say so, quote them,
  // and point to where the answer is; the question joins the maintainers' list.
  if (kept.every((sentence) => isDeferral(sentence.text)))
    return {
      intent,
      script: "simplified",
      answer: {
        text: [
          "知识库的办事指南没有写明这一项的具体内容，只说明：",
          ...kept.map((sentence) => sentence.text),
          HANDOFF_TEXT,
        ].join("\n"),
        citations: usedCitations,
        sentences: kept,
      },
      handoff: HANDOFF,
      grounded: false,
    };
  const lead = leadWord(view, kept);
  const frame = `${lead}${titles.length === 1 ? `根据《${titles[0]}》：` : "根据相关办事指南和政策文件："}`;
  const unknownLines = parts
    .filter((part) => part.status === "unknown" && part.unknownText)
    .map((part) => `另外，${part.unknownText}。`);
  return {
    intent,
    script: "simplified",
    answer: {
      text: [frame, ...kept.map((sentence) => sentence.text), ...unknownLines].join("\n"),
      citations: usedCitations,
      sentences: kept,
    },
    grounded: true,
  };
}

const DEFERRAL = /(为准|各地要求不一|各地不同|各地不一|未公布|没有核实|另行公布|暂未)/u;

/** A sentence that only says where the answer is to be found, with nothing of it (no figure, no list). */
function isDeferral(text: string): boolean {
  if (!DEFERRAL.test(text) || /\d/.test(text)) return false;
  // "以当地办事指南为准：申请材料一般还包括……" goes on to say something.
  const after = text.split(/为准[：:，,]?/u)[1] ?? "";
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
      [/(可以|可|能够|允许)/u, "可以。"],
    ],
  },
];

function leadWord(view: MessageView, sentences: readonly AnswerSentence[]): string {
  if (view.questions.length !== 1) return "";
  const question = view.questions[0]?.analysis;
  if (!question?.answerTypes.includes("yes_no") || question.answerTypes[0] !== "yes_no") return "";
  const first = sentences[0]?.text ?? "";
  for (const { asks, says } of LEADS) {
    if (!asks.test(question.normalized)) continue;
    for (const [pattern, lead] of says) if (pattern.test(first)) return lead;
  }
  return "";
}

function textReply(intent: Intent, text: string, grounded: boolean): TurnReply {
  return { intent, script: "simplified", answer: { text, citations: [], sentences: [] }, grounded };
}

function fixed(state: DialogueState, intent: Intent, text: string, rule: string): TurnResult {
  return {
    state,
    rule,
    reply: { ...textReply(intent, text, false), ...(intent === "handoff" ? { handoff: HANDOFF } : {}) },
  };
}

function chooseCandidate(candidates: NonNullable<DialogueState["clarify"]>, message: string): Target | undefined {
  const ordinal = /第?([一二三四1234])(个|项)?$/u.exec(message.trim());
  if (ordinal) {
    const index = "一二三四1234".indexOf(ordinal[1] as string) % 4;
    const picked = candidates[index];
    if (picked) return { kind: picked.kind, id: picked.id };
  }
  const named = candidates.find((candidate) => message.includes(candidate.name) || message.trim() === candidate.name);
  return named ? { kind: named.kind, id: named.id } : undefined;
}

function targetName(knowledge: Pick<ChatKnowledge, "catalog">, target: Target): string {
  return target.kind === "bundle"
    ? (knowledge.catalog.bundles.get(target.id)?.shortName ?? knowledge.catalog.bundles.get(target.id)?.name ?? "")
    : (knowledge.catalog.matters.get(target.id)?.name ?? "");
}
