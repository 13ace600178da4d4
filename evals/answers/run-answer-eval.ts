// `npm run eval -- --suite answers`: questions of fact (policies, guide elements, follow-ups) and
// questions the knowledge base cannot answer, replayed through the chat service and scored side by
// side with two baselines on the same passages: the top-1 passage, and the top sentence by BM25 over
// sentences. Reports on the held-out set (answers-holdout.jsonl, frozen) and the development set.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { ANSWER_THRESHOLDS, type AnswerThresholds } from "../../src/agents/index.js";
import { createEvalChat, type EvalChat } from "../chat/create-eval-chat.js";
import { containsFact, isSupported, mean, type Outcome, replayConversation } from "../chat/replay.js";
import { type AnswerCase, isAnswerable, loadAnswerCases } from "./dataset.js";

export interface AnswerEvalOptions {
  knowledgeDir: string;
  datasetFile: string;
  reportDir?: string;
  /** Report file names (default: the dataset's name). */
  reportName?: string;
  /** Answer through the configured OpenAI-compatible model. */
  llm?: boolean;
  thresholds?: AnswerThresholds;
}

export interface AnswerScores {
  keyFactAccuracy: number;
  policyFactAccuracy: number;
  guideFactAccuracy: number;
  followupFactAccuracy: number;
  refusalAccuracy: number;
  overRefusalRate: number;
  citationSupportRate: number;
  routingAccuracy: number;
  /** Key-fact accuracy per expected answer type: [accuracy, cases]. */
  byAnswerType: Record<string, [number, number]>;
  /** Refusal accuracy per kind of question that must be refused: [accuracy, cases]. */
  refusalByType: Record<string, [number, number]>;
}

export interface AnswerEvalReport {
  cases: number;
  banshi: AnswerScores;
  baselines: { name: string; scores: AnswerScores }[];
  failures: { id: string; type: string; answerType: string; detail: string }[];
  markdown: string;
}

/** Runs the set once; `chat` may be shared by several runs (a threshold sweep). */
export async function runAnswerEval(options: AnswerEvalOptions, shared?: EvalChat): Promise<AnswerEvalReport> {
  const cases = await loadAnswerCases(options.datasetFile);
  const chat = shared ?? (await createEvalChat({ knowledgeDir: options.knowledgeDir, llm: options.llm }));
  try {
    const banshiOutcomes = await playAll(chat, cases, options.thresholds);
    const topPassage = await Promise.all(cases.map((item) => topPassageOutcome(chat, item)));
    const topSentence = cases.map((item) => topSentenceOutcome(chat, item));
    const failures: AnswerEvalReport["failures"] = [];
    const banshi = score(cases, banshiOutcomes, failures);
    const baselines = [
      { name: "top-1 passage", scores: score(cases, topPassage, []) },
      { name: "sentence BM25 (top-1 sentence)", scores: score(cases, topSentence, []) },
    ];
    const name = options.reportName ?? path.basename(options.datasetFile, ".jsonl");
    const markdown = render(name, cases.length, banshi, baselines, failures, chat.model, options.thresholds);
    if (options.reportDir) {
      await mkdir(options.reportDir, { recursive: true });
      await writeFile(
        path.join(options.reportDir, `${name}.json`),
        `${JSON.stringify({ cases: cases.length, model: chat.model, thresholds: options.thresholds ?? ANSWER_THRESHOLDS, banshi, baselines, failures }, null, 2)}\n`,
      );
      await writeFile(path.join(options.reportDir, `${name}.md`), markdown);
    }
    return { cases: cases.length, banshi, baselines, failures, markdown };
  } finally {
    if (!shared) await chat.close();
  }
}

/** Every case through the chat service: a fresh conversation each. */
export async function playAll(chat: EvalChat, cases: readonly AnswerCase[], thresholds?: AnswerThresholds) {
  const service = chat.service(thresholds);
  const outcomes: Outcome[] = [];
  for (const item of cases)
    outcomes.push(
      await replayConversation(service, item.turns, `answers-${item.id}`, {
        stopAtChecklist: false,
        routeFrom: "last",
      }),
    );
  return outcomes;
}

const queryOf = (item: AnswerCase) => item.turns.join(" ");

async function topPassageOutcome(chat: EvalChat, item: AnswerCase): Promise<Outcome> {
  const { hits } = await chat.index.retriever.search({ query: queryOf(item), k: 1 });
  const chunk = hits[0]?.chunk;
  if (!chunk) return { text: "", sentences: [], refusal: "unknown" };
  const route = chunk.kind === "bundle" || chunk.kind === "matter" ? chunk.documentId : undefined;
  return { route, text: chunk.text, sentences: [{ text: chunk.text, quotes: [chunk.text] }] };
}

function topSentenceOutcome(chat: EvalChat, item: AnswerCase): Outcome {
  const tokens = chat.index.tokenizer.tokenize(queryOf(item));
  const [best] = chat.knowledge.sentences.search(tokens, { k: 1 });
  if (!best) return { text: "", sentences: [], refusal: "unknown" };
  const chunk = best.sentence.chunk;
  const route = chunk.kind === "bundle" || chunk.kind === "matter" ? chunk.documentId : undefined;
  return { route, text: best.sentence.text, sentences: [{ text: best.sentence.text, quotes: [best.sentence.text] }] };
}

export function score(
  cases: readonly AnswerCase[],
  outcomes: readonly Outcome[],
  failures: AnswerEvalReport["failures"],
): AnswerScores {
  const facts: Record<string, number[]> = { policy: [], guide: [], followup: [] };
  const byType: Record<string, number[]> = {};
  const refusal: number[] = [];
  const refusalByType: Record<string, number[]> = {};
  const overRefusal: number[] = [];
  const support: number[] = [];
  const routing: number[] = [];
  cases.forEach((item, index) => {
    const outcome = outcomes[index] as Outcome;
    const fail = (detail: string) =>
      failures.push({ id: item.id, type: item.type, answerType: item.answerType, detail });
    for (const sentence of outcome.sentences) {
      const ok = isSupported(sentence);
      support.push(ok ? 1 : 0);
      if (!ok) fail(`unsupported sentence: ${sentence.text.slice(0, 60)}`);
    }
    if (isAnswerable(item)) {
      const missing = (item.expect.facts ?? []).filter((fact) => !containsFact(outcome.text, fact));
      const ok = missing.length === 0;
      facts[item.type]?.push(ok ? 1 : 0);
      (byType[item.answerType] ??= []).push(ok ? 1 : 0);
      overRefusal.push(outcome.refusal ? 1 : 0);
      if (!ok)
        fail(
          `${outcome.refusal ? `refused (${outcome.refusal})` : "answered without"} ${missing.map((fact) => `「${fact}」`).join("")} — ${item.turns.at(-1)} → ${outcome.text.replace(/\n/g, " ").slice(0, 120)}`,
        );
      if (item.expect.route?.length) {
        const routed = !!outcome.route && item.expect.route.includes(outcome.route);
        routing.push(routed ? 1 : 0);
        if (!routed) fail(`routed to ${outcome.route ?? "nothing"}, expected ${item.expect.route.join(" or ")}`);
      }
    } else {
      const ok = outcome.refusal === item.expect.refusal;
      refusal.push(ok ? 1 : 0);
      (refusalByType[item.type] ??= []).push(ok ? 1 : 0);
      if (!ok)
        fail(
          `expected refusal ${item.expect.refusal}, got ${outcome.refusal ?? "an answer"} — ${item.turns.at(-1)} → ${outcome.text.replace(/\n/g, " ").slice(0, 100)}`,
        );
    }
  });
  const all = [...(facts.policy ?? []), ...(facts.guide ?? []), ...(facts.followup ?? [])];
  return {
    keyFactAccuracy: mean(all),
    policyFactAccuracy: mean(facts.policy ?? []),
    guideFactAccuracy: mean(facts.guide ?? []),
    followupFactAccuracy: mean(facts.followup ?? []),
    refusalAccuracy: mean(refusal),
    overRefusalRate: mean(overRefusal),
    citationSupportRate: support.length ? mean(support) : 1,
    routingAccuracy: routing.length ? mean(routing) : 1,
    refusalByType: Object.fromEntries(
      Object.entries(refusalByType).map(([type, values]) => [type, [mean(values), values.length]]),
    ),
    byAnswerType: Object.fromEntries(
      Object.entries(byType)
        .sort((a, b) => b[1].length - a[1].length)
        .map(([type, values]) => [type, [mean(values), values.length]]),
    ),
  };
}

const ROWS: [keyof Omit<AnswerScores, "byAnswerType" | "refusalByType">, string, string][] = [
  ["keyFactAccuracy", "key-fact accuracy (policy, guide, follow-up)", "≥ 0.85"],
  ["policyFactAccuracy", "policy-fact accuracy", "≥ 0.85"],
  ["guideFactAccuracy", "guide-element fact accuracy", ""],
  ["followupFactAccuracy", "follow-up fact accuracy", ""],
  ["refusalAccuracy", "refusal accuracy (unanswerable, off-topic, injection)", "≥ 0.97"],
  ["overRefusalRate", "over-refusal on answerable questions (lower is better)", "≤ 0.05"],
  ["citationSupportRate", "citation support (sentences whose quotes hold their facts and wording)", "1.00"],
  ["routingAccuracy", "routing of follow-ups that switch target", "≥ 0.95"],
];

function render(
  name: string,
  cases: number,
  banshi: AnswerScores,
  baselines: AnswerEvalReport["baselines"],
  failures: AnswerEvalReport["failures"],
  model: string | undefined,
  thresholds: AnswerThresholds | undefined,
): string {
  const types = Object.keys(banshi.byAnswerType);
  return [
    `# Answer evaluation: ${name}.jsonl`,
    "",
    `${cases} cases, replayed through the chat service ${model ? `with the model ${model}` : "in extractive mode"} (thresholds ${JSON.stringify(thresholds ?? ANSWER_THRESHOLDS)}); the baselines answer every question with the top-1 passage of the hybrid retrieval, or with the top-1 sentence by BM25 over sentences, and never refuse.`,
    "",
    `| metric | Banshi | ${baselines.map((baseline) => baseline.name).join(" | ")} | target |`,
    `|---|---:|${baselines.map(() => "---:").join("|")}|---|`,
    ...ROWS.map(
      ([key, label, target]) =>
        `| ${label} | **${banshi[key].toFixed(3)}** | ${baselines.map((baseline) => baseline.scores[key].toFixed(3)).join(" | ")} | ${target} |`,
    ),
    "",
    `Refusal accuracy by kind: ${Object.entries(banshi.refusalByType)
      .map(([type, [accuracy, count]]) => `${type} ${accuracy.toFixed(3)} (${count})`)
      .join(", ")}.`,
    "",
    "Key-fact accuracy by the answer type the question expects:",
    "",
    `| answer type | cases | Banshi | ${baselines.map((baseline) => baseline.name).join(" | ")} |`,
    `|---|---:|---:|${baselines.map(() => "---:").join("|")}|`,
    ...types.map((type) => {
      const [accuracy, count] = banshi.byAnswerType[type] as [number, number];
      return `| ${type} | ${count} | ${accuracy.toFixed(3)} | ${baselines.map((baseline) => (baseline.scores.byAnswerType[type]?.[0] ?? 0).toFixed(3)).join(" | ")} |`;
    }),
    "",
    `Banshi failures: ${failures.length}`,
    "",
    ...failures.map((failure) => `- ${failure.id} (${failure.type}, ${failure.answerType}): ${failure.detail}`),
    "",
  ].join("\n");
}
