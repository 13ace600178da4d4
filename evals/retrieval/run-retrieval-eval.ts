import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadCatalog } from "../../src/catalog/index.js";
import {
  buildSearchIndex,
  createCatalogRetriever,
  type HybridRetrieverOptions,
  LocalEmbeddings,
  type Retriever,
} from "../../src/retrieval/index.js";
import { createJiebaBm25Baseline, createMiniSearchBaseline, type RankedSystem } from "./baselines.js";
import { checkCasesAgainstCatalog, loadRetrievalCases, matches, type RetrievalCase } from "./dataset.js";
import { type RankMetrics, rankMetrics } from "./metrics.js";

export interface RetrievalEvalOptions {
  knowledgeDir: string;
  datasetFile: string;
  /** Where the .json and .md reports go; nothing is written when absent. */
  reportDir?: string;
  /** Report file name without extension (default "retrieval"). */
  reportName?: string;
}

export interface SystemReport {
  name: string;
  overall: RankMetrics;
  byCategory: Record<string, RankMetrics>;
  misses: { id: string; query: string; top: string[] }[];
}

export interface RetrievalEvalReport {
  dataset: string;
  cases: number;
  chunks: number;
  systems: SystemReport[];
  ablations: SystemReport[];
  markdown: string;
}

/** Runs Banshi's retrieval and both baselines on the same passages and the same questions. */
export async function runRetrievalEval(options: RetrievalEvalOptions): Promise<RetrievalEvalReport> {
  const catalog = await loadCatalog({ directory: options.knowledgeDir });
  const cases = await loadRetrievalCases(options.datasetFile);
  const problems = checkCasesAgainstCatalog(cases, catalog);
  if (problems.length) throw new Error(`dataset does not fit the catalog:\n${problems.join("\n")}`);

  const built = await buildSearchIndex({ catalog, embeddings: new LocalEmbeddings() });
  const { index } = built;
  const asSystem = (name: string, retriever: Retriever): RankedSystem => ({
    name,
    async search(query, k) {
      return (await retriever.search({ query, k })).hits.map((hit) => hit.chunk);
    },
  });
  const variant = (overrides: Partial<HybridRetrieverOptions>) =>
    createCatalogRetriever({
      catalog,
      chunks: index.chunks,
      lexical: built.lexical,
      vectors: built.vectors,
      embeddings: built.embeddings,
      tokenizer: index.tokenizer,
      ...overrides,
    });
  const systems = [
    asSystem("Banshi hybrid", index.retriever),
    createMiniSearchBaseline(index.chunks),
    createJiebaBm25Baseline(index.chunks),
  ];
  // Ablations: what each part of Banshi adds (not baselines; shown in their own table).
  const ablations = [
    asSystem("Banshi without dense vectors", variant({ useDense: false })),
    asSystem("Banshi without lexicon/entities", variant({ useExpansion: false })),
    asSystem("Banshi, dense weight 1 (plain RRF)", variant({ weights: { dense: 1 } })),
  ];
  const reports: SystemReport[] = [];
  for (const system of systems) reports.push(await evaluate(system, cases));
  const ablationReports: SystemReport[] = [];
  for (const system of ablations) ablationReports.push(await evaluate(system, cases));

  const markdown = renderMarkdown(
    reports,
    ablationReports,
    cases.length,
    index.chunks.length,
    path.basename(options.datasetFile),
  );
  const report = {
    dataset: path.relative(process.cwd(), options.datasetFile),
    cases: cases.length,
    chunks: index.chunks.length,
    systems: reports,
    ablations: ablationReports,
    markdown,
  };
  if (options.reportDir) {
    await mkdir(options.reportDir, { recursive: true });
    const { markdown: _omit, ...json } = report;
    const name = options.reportName ?? "retrieval";
    await writeFile(path.join(options.reportDir, `${name}.json`), `${JSON.stringify(json, null, 2)}\n`);
    await writeFile(path.join(options.reportDir, `${name}.md`), markdown);
  }
  return report;
}

async function evaluate(system: RankedSystem, cases: RetrievalCase[]): Promise<SystemReport> {
  const ranks: (number | undefined)[] = [];
  const byCategoryRanks = new Map<string, (number | undefined)[]>();
  const misses: SystemReport["misses"] = [];
  for (const item of cases) {
    const hits = await system.search(item.query, 10);
    const position = hits.findIndex((chunk) => item.expect.some((expectation) => matches(chunk, expectation)));
    const rank = position >= 0 ? position + 1 : undefined;
    ranks.push(rank);
    const list = byCategoryRanks.get(item.category) ?? [];
    list.push(rank);
    byCategoryRanks.set(item.category, list);
    if (rank === undefined || rank > 5)
      misses.push({ id: item.id, query: item.query, top: hits.slice(0, 3).map((h) => h.id) });
  }
  const byCategory = Object.fromEntries([...byCategoryRanks].map(([category, list]) => [category, rankMetrics(list)]));
  return { name: system.name, overall: rankMetrics(ranks), byCategory, misses };
}

const format = (value: number) => value.toFixed(3);

function renderMarkdown(
  systems: SystemReport[],
  ablations: SystemReport[],
  cases: number,
  chunks: number,
  dataset: string,
): string {
  const [banshi, ...baselines] = systems as [SystemReport, ...SystemReport[]];
  const lines = [
    `# Retrieval evaluation: ${dataset}`,
    "",
    `Dataset \`${dataset}\`: ${cases} questions; ${chunks} passages of the sample knowledge base, the same for every system.`,
    "A hit is relevant when it is the expected bundle or matter, or a passage of the expected policy that contains the quoted text.",
    "",
    "| system | Recall@1 | Recall@5 | MRR@10 |",
    "|---|---:|---:|---:|",
    ...systems.map(
      (s) =>
        `| ${s.name} | ${format(s.overall.recallAt1)} | ${format(s.overall.recallAt5)} | ${format(s.overall.mrr)} |`,
    ),
    "",
    "Ratio of Banshi to each baseline:",
    "",
    "| baseline | Recall@1 | Recall@5 | MRR@10 |",
    "|---|---:|---:|---:|",
    ...baselines.map(
      (b) =>
        `| ${b.name} | ${ratio(banshi.overall.recallAt1, b.overall.recallAt1)} | ${ratio(banshi.overall.recallAt5, b.overall.recallAt5)} | ${ratio(banshi.overall.mrr, b.overall.mrr)} |`,
    ),
    "",
    "Ablations (what each part of Banshi adds):",
    "",
    "| variant | Recall@1 | Recall@5 | MRR@10 |",
    "|---|---:|---:|---:|",
    ...[systems[0] as SystemReport, ...ablations].map(
      (s) =>
        `| ${s.name} | ${format(s.overall.recallAt1)} | ${format(s.overall.recallAt5)} | ${format(s.overall.mrr)} |`,
    ),
    "",
    "By category (Recall@5 / MRR@10):",
    "",
    `| category | cases | ${systems.map((s) => s.name).join(" | ")} |`,
    `|---|---:|${systems.map(() => "---:").join("|")}|`,
    ...Object.keys(banshi.byCategory)
      .sort()
      .map(
        (category) =>
          `| ${category} | ${banshi.byCategory[category]?.cases ?? 0} | ${systems
            .map((s) => {
              const m = s.byCategory[category];
              return m ? `${format(m.recallAt5)} / ${format(m.mrr)}` : "-";
            })
            .join(" | ")} |`,
      ),
    "",
    `Banshi misses (not in the top 5): ${banshi.misses.length}`,
    "",
    ...banshi.misses.map((miss) => `- ${miss.id} ${miss.query} → ${miss.top.join(", ") || "(nothing)"}`),
    "",
  ];
  return lines.join("\n");
}

function ratio(value: number, baseline: number): string {
  return baseline > 0 ? `${(value / baseline).toFixed(2)}×` : "∞";
}
