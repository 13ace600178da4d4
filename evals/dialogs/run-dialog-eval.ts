import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type ChatReply, createChatService, extractFacts } from "../../src/agents/index.js";
import { buildChecklist, type Catalog, loadCatalog } from "../../src/catalog/index.js";
import { buildSearchIndex, type Chunk, LocalEmbeddings, normalizeText } from "../../src/retrieval/index.js";
import { createStorage } from "../../src/storage/index.js";
import { type DialogCase, loadDialogCases } from "./dataset.js";

export interface DialogEvalOptions {
  knowledgeDir: string;
  datasetFile: string;
  reportDir?: string;
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

/** What one system did with one case: the final reply, and what it routed to. */
interface Outcome {
  route?: string;
  checklist?: { matters: string[]; materials: string[] };
  text: string;
  sentences: { text: string; quotes: string[] }[];
  refusal?: "unknown" | "out_of_scope" | "injection";
  intent?: string;
}

/**
 * Replays every dialogue through the chat service (extractive mode, real storage) and scores it,
 * side by side with a baseline that answers with the top-1 retrieval hit.
 */
export async function runDialogEval(options: DialogEvalOptions): Promise<DialogEvalReport> {
  const catalog = await loadCatalog({ directory: options.knowledgeDir });
  const cases = await loadDialogCases(options.datasetFile);
  const { index } = await buildSearchIndex({ catalog, embeddings: new LocalEmbeddings() });
  const dataDir = await mkdtemp(path.join(tmpdir(), "banshi-dialog-eval-"));
  const storage = await createStorage({ dataDir });
  const chat = createChatService({ catalog, retriever: index.retriever, tokenizer: index.tokenizer, storage });
  const failures: DialogEvalReport["failures"] = [];
  const banshiOutcomes: Outcome[] = [];
  const baselineOutcomes: Outcome[] = [];
  try {
    for (const item of cases) {
      banshiOutcomes.push(await replay(item, chat));
      const { hits } = await index.retriever.search({ query: item.turns[0] as string, k: 1 });
      baselineOutcomes.push(baselineOutcome(hits[0]?.chunk, catalog));
    }
  } finally {
    await storage.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  const banshi = score(cases, banshiOutcomes, failures);
  const baseline = score(cases, baselineOutcomes, []);
  const markdown = render(cases.length, banshi, baseline, failures);
  if (options.reportDir) {
    await mkdir(options.reportDir, { recursive: true });
    await writeFile(
      path.join(options.reportDir, "dialogs.json"),
      `${JSON.stringify({ cases: cases.length, banshi, baseline, failures }, null, 2)}\n`,
    );
    await writeFile(path.join(options.reportDir, "dialogs.md"), markdown);
  }
  return { cases: cases.length, banshi, baseline, failures, markdown };
}

async function replay(item: DialogCase, chat: ReturnType<typeof createChatService>): Promise<Outcome> {
  let sessionId: string | undefined;
  let first: ChatReply | undefined;
  let last: ChatReply | undefined;
  for (const message of item.turns) {
    last = await chat.reply({ sessionId, message, clientKey: `eval-${item.id}` });
    first ??= last;
    sessionId = last.sessionId;
    if (last.checklist) break;
  }
  const reply = last as ChatReply;
  const opening = first as ChatReply;
  const top = opening.route?.candidates[0];
  const quotes = reply.answer.citations.map((citation) => citation.quote);
  return {
    route: top ? `${top.kind}:${top.id}` : opening.scenario ? `bundle:${opening.scenario.bundleId}` : undefined,
    checklist: reply.checklist
      ? { matters: reply.checklist.matters.map((m) => m.id), materials: reply.checklist.materials.map((m) => m.id) }
      : undefined,
    text: reply.answer.text,
    // The first line is the fixed frame and lines ending in a colon are headings; every other line
    // states something and must be supported by the quotes.
    sentences:
      reply.answer.citations.length > 0
        ? reply.answer.text
            .split("\n")
            .slice(1)
            .filter((text) => !/[：:]$/u.test(text.trim()))
            .map((text) => ({ text, quotes }))
        : [],
    refusal:
      reply.intent === "out_of_scope" || reply.intent === "injection"
        ? reply.intent
        : !reply.grounded && reply.handoff && reply.intent !== "handoff"
          ? "unknown"
          : undefined,
    intent: reply.intent,
  };
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

function supported(sentence: { text: string; quotes: string[] }): boolean {
  // Letters and digits only: bullets and punctuation are layout, not content.
  const quotes = sentence.quotes.map((quote) => normalizeText(quote).replace(/[^\p{L}\p{N}]/gu, ""));
  const text = normalizeText(sentence.text).replace(/[^\p{L}\p{N}]/gu, "");
  const facts = extractFacts(sentence.text).map((fact) => fact.replace(/[^\p{L}\p{N}]/gu, ""));
  if (!facts.every((fact) => quotes.some((quote) => quote.includes(fact)))) return false;
  // The words must come from the quotes too: most of the sentence's character pairs appear in them.
  const pairs = Array.from({ length: Math.max(0, text.length - 1) }, (_, i) => text.slice(i, i + 2));
  if (pairs.length === 0) return true;
  const found = pairs.filter((pair) => quotes.some((quote) => quote.includes(pair))).length;
  return found / pairs.length >= 0.6;
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

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);

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
      const ok = supported(sentence);
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
        const text = normalizeText(outcome.text);
        const ok = (item.expect.facts ?? []).every((fact) => text.includes(normalizeText(fact)));
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

function render(cases: number, banshi: Scores, baseline: Scores, failures: DialogEvalReport["failures"]): string {
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
    `${cases} cases, replayed through the chat service in extractive mode; the baseline answers with the top-1 retrieval hit.`,
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
