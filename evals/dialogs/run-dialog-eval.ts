import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildChecklist, type Catalog } from "../../src/catalog/index.js";
import type { Chunk } from "../../src/retrieval/index.js";
import { createEvalChat } from "../chat/create-eval-chat.js";
import { containsFact, isSupported, mean, type Outcome, replayConversation } from "../chat/replay.js";
import { type DialogCase, loadDialogCases } from "./dataset.js";

export interface DialogEvalOptions {
  knowledgeDir: string;
  datasetFile: string;
  reportDir?: string;
  /** Answer through the configured OpenAI-compatible model (LLM_BASE_URL); reports go to dialogs-llm.*. */
  llm?: boolean;
}

interface Scores {
  routingAccuracy: number;
  checklistExactMatch: number;
  checklistPrecision: number;
  checklistRecall: number;
  keyFactAccuracy: number;
  citationSupportRate: number;
  refusalAccuracy: number;
  /** Answerable questions (consult, policy) wrongly refused. */
  overRefusalRate: number;
  intentAccuracy: number;
}

export interface DialogEvalReport {
  cases: number;
  banshi: Scores;
  baseline: Scores;
  failures: { id: string; category: string; detail: string }[];
  markdown: string;
}

/**
 * Replays every dialogue through the chat service (extractive mode unless --llm, real storage) and
 * scores it, side by side with a baseline that answers with the top-1 retrieval hit.
 */
export async function runDialogEval(options: DialogEvalOptions): Promise<DialogEvalReport> {
  const cases = await loadDialogCases(options.datasetFile);
  const chat = await createEvalChat({ knowledgeDir: options.knowledgeDir, llm: options.llm });
  const service = chat.service();
  const failures: DialogEvalReport["failures"] = [];
  const banshiOutcomes: Outcome[] = [];
  const baselineOutcomes: Outcome[] = [];
  try {
    for (const item of cases) {
      banshiOutcomes.push(await replayConversation(service, item.turns, `eval-${item.id}`));
      const { hits } = await chat.index.retriever.search({ query: item.turns[0] as string, k: 1 });
      baselineOutcomes.push(baselineOutcome(hits[0]?.chunk, chat.catalog));
    }
  } finally {
    await chat.close();
  }
  const banshi = score(cases, banshiOutcomes, failures);
  const baseline = score(cases, baselineOutcomes, []);
  const markdown = render(cases.length, banshi, baseline, failures, chat.model);
  if (options.reportDir) {
    const name = options.llm ? "dialogs-llm" : "dialogs";
    await mkdir(options.reportDir, { recursive: true });
    await writeFile(
      path.join(options.reportDir, `${name}.json`),
      `${JSON.stringify({ cases: cases.length, model: chat.model, banshi, baseline, failures }, null, 2)}\n`,
    );
    await writeFile(path.join(options.reportDir, `${name}.md`), markdown);
  }
  return { cases: cases.length, banshi, baseline, failures, markdown };
}

/** The baseline answers with the top-1 passage: its text, its guide as the route, a bundle's default list. */
function baselineOutcome(chunk: Chunk | undefined, catalog: Catalog): Outcome {
  if (!chunk) return { text: "", sentences: [], refusal: "unknown" };
  const route =
    chunk.bundleId && chunk.kind === "bundle"
      ? `bundle:${chunk.bundleId}`
      : chunk.matterId && chunk.kind === "matter"
        ? `matter:${chunk.matterId}`
        : chunk.documentId;
  let checklist: Outcome["checklist"];
  if (chunk.kind === "bundle" && chunk.bundleId) {
    const list = buildChecklist({ catalog, bundleId: chunk.bundleId });
    checklist = { matters: list.matters.map((m) => m.id), materials: list.materials.map((m) => m.id) };
  } else if (chunk.kind === "matter" && chunk.matterId) {
    const matter = catalog.matters.get(chunk.matterId);
    checklist = { matters: [chunk.matterId], materials: matter?.materials.map((m) => m.id) ?? [] };
  }
  return { route, checklist, text: chunk.text, sentences: [{ text: chunk.text, quotes: [chunk.text] }] };
}

function setScores(expected: string[], actual: string[]) {
  const truth = new Set(expected);
  const got = new Set(actual);
  const hit = [...got].filter((item) => truth.has(item)).length;
  return {
    exact: truth.size === got.size && hit === truth.size,
    precision: got.size ? hit / got.size : truth.size ? 0 : 1,
    recall: truth.size ? hit / truth.size : 1,
  };
}

function score(cases: DialogCase[], outcomes: Outcome[], failures: DialogEvalReport["failures"]): Scores {
  const routing: number[] = [];
  const exact: number[] = [];
  const precision: number[] = [];
  const recall: number[] = [];
  const facts: number[] = [];
  const support: number[] = [];
  const refusal: number[] = [];
  const overRefusal: number[] = [];
  const intents: number[] = [];
  cases.forEach((item, i) => {
    const outcome = outcomes[i] as Outcome;
    const fail = (detail: string) => failures.push({ id: item.id, category: item.category, detail });
    for (const sentence of outcome.sentences) {
      const ok = isSupported(sentence);
      support.push(ok ? 1 : 0);
      if (!ok) fail(`unsupported sentence: ${sentence.text.slice(0, 60)}`);
    }
    switch (item.category) {
      case "routing": {
        const ok = !!outcome.route && (item.expect.route ?? []).includes(outcome.route);
        routing.push(ok ? 1 : 0);
        if (!ok) fail(`routed to ${outcome.route ?? "nothing"}, expected ${item.expect.route?.join(" or ")}`);
        break;
      }
      case "scenario": {
        const expected = item.expect.checklist ?? { matters: [], materials: [] };
        const actual = outcome.checklist ?? { matters: [], materials: [] };
        const matters = setScores(expected.matters, actual.matters);
        const materials = setScores(expected.materials, actual.materials);
        exact.push(matters.exact && materials.exact ? 1 : 0);
        precision.push(mean([matters.precision, materials.precision]));
        recall.push(mean([matters.recall, materials.recall]));
        if (!(matters.exact && materials.exact))
          fail(
            outcome.checklist
              ? `checklist differs: matters ${actual.matters.join(",")} vs ${expected.matters.join(",")}`
              : "no checklist at the end of the dialogue",
          );
        break;
      }
      case "consult":
      case "policy": {
        const ok = (item.expect.facts ?? []).every((fact) => containsFact(outcome.text, fact));
        facts.push(ok ? 1 : 0);
        overRefusal.push(outcome.refusal ? 1 : 0);
        if (!ok) fail(`missing facts ${item.expect.facts?.join(" / ")}${outcome.refusal ? " (refused)" : ""}`);
        break;
      }
      case "unknown":
      case "out_of_scope":
      case "injection": {
        const ok = outcome.refusal === item.expect.refusal;
        refusal.push(ok ? 1 : 0);
        if (!ok) fail(`expected refusal ${item.expect.refusal}, got ${outcome.refusal ?? "an answer"}`);
        break;
      }
      default: {
        const ok = outcome.intent === item.expect.intent;
        intents.push(ok ? 1 : 0);
        if (!ok) fail(`expected intent ${item.expect.intent}, got ${outcome.intent ?? "none"}`);
      }
    }
  });
  return {
    routingAccuracy: mean(routing),
    checklistExactMatch: mean(exact),
    checklistPrecision: mean(precision),
    checklistRecall: mean(recall),
    keyFactAccuracy: mean(facts),
    citationSupportRate: mean(support),
    refusalAccuracy: mean(refusal),
    overRefusalRate: mean(overRefusal),
    intentAccuracy: mean(intents),
  };
}

function render(
  cases: number,
  banshi: Scores,
  baseline: Scores,
  failures: DialogEvalReport["failures"],
  model: string | undefined,
): string {
  const rows: [keyof Scores, string][] = [
    ["routingAccuracy", "routing accuracy"],
    ["checklistExactMatch", "checklist exact match"],
    ["checklistPrecision", "checklist item precision"],
    ["checklistRecall", "checklist item recall"],
    ["keyFactAccuracy", "answer key-fact accuracy"],
    ["citationSupportRate", "citation support rate"],
    ["refusalAccuracy", "refusal accuracy (unknown, out of scope, injection)"],
    ["overRefusalRate", "over-refusal on answerable questions (lower is better)"],
    ["intentAccuracy", "greeting/handoff intent accuracy"],
  ];
  return [
    "# Dialogue evaluation: dialogs.jsonl",
    "",
    `${cases} cases, replayed through the chat service ${model ? `with the model ${model}` : "in extractive mode"}; the baseline answers with the top-1 retrieval hit.`,
    "",
    "| metric | Banshi | baseline |",
    "|---|---:|---:|",
    ...rows.map(([key, label]) => `| ${label} | ${banshi[key].toFixed(3)} | ${baseline[key].toFixed(3)} |`),
    "",
    `Banshi failures: ${failures.length}`,
    "",
    ...failures.map((failure) => `- ${failure.id} (${failure.category}): ${failure.detail}`),
    "",
  ].join("\n");
}
