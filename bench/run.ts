// `npm run bench`: search latency (p50/p95/p99), queries per second, index build time and memory,
// for Banshi and the two evaluation baselines side by side, on the sample knowledge base and on a
// generated corpus; then chat latency at 1 and 20 concurrent sessions. Options: --chunks N (default
// 100000), --queries N (default 1000), --search-rounds N (default 5: the systems answer the queries in
// that many alternating blocks), --skip-minisearch (on the generated corpus only: it is the slowest by
// far), --skip-large, --skip-chat, --chat-rounds N (default 10); then
// pre-review reading throughput (--skip-ocr, --ocr-cases N, default 24). --chat-baseline DIR measures
// the chat service of another checkout (a previous release: `git worktree add DIR <ref>`) in the same run.
import os from "node:os";
import path from "node:path";
import { loadCatalog } from "../src/catalog/index.js";
import { buildSearchIndex, type Chunk, chunkCatalog, LocalEmbeddings } from "../src/retrieval/index.js";
import { createJiebaBm25Baseline, createMiniSearchBaseline, type RankedSystem } from "../evals/retrieval/baselines.js";
import { loadRetrievalCases } from "../evals/retrieval/dataset.js";
import { benchChat, renderChatBench } from "./chat-bench.js";
import { previousChat } from "./previous-chat.js";
import { benchOcr, renderOcrBench } from "./ocr-bench.js";
import { generateCorpus } from "./generate-corpus.js";

const root = path.resolve(import.meta.dirname, "..");
const argument = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const largeSize = argument("--chunks", 100_000);
const queryCount = argument("--queries", 1000);
const skipLarge = process.argv.includes("--skip-large");
const skipChat = process.argv.includes("--skip-chat");
const skipOcr = process.argv.includes("--skip-ocr");
const chatRounds = argument("--chat-rounds", 10);
const searchRounds = Math.max(1, argument("--search-rounds", 5));
const skipMiniSearch = process.argv.includes("--skip-minisearch");

interface Row {
  corpus: string;
  system: string;
  chunks: number;
  buildSeconds: number;
  /** CPU time of the whole process during the build (every thread): on a shared machine, wall time is not the build's own. */
  buildCpuSeconds: number;
  heapMb: number;
  rssMb: number;
  p50: number;
  p95: number;
  p99: number;
  qps: number;
}

function collectGarbage() {
  (globalThis as { gc?: () => void }).gc?.();
}

function heapUsedMb(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Search timings of each system, measured in alternating blocks so a shared machine's load falls on all alike. */
async function measureAlternately(
  systems: RankedSystem[],
  queries: string[],
): Promise<Pick<Row, "p50" | "p95" | "p99" | "qps">[]> {
  for (const system of systems) for (const query of queries.slice(0, 50)) await system.search(query, 10);
  const timings = systems.map(() => [] as number[]);
  const seconds = systems.map(() => 0);
  const block = Math.ceil(queryCount / searchRounds);
  for (let round = 0; round < searchRounds; round++) {
    // Every system answers the same block of queries; the order rotates from round to round.
    const from = round * block;
    const to = Math.min(queryCount, from + block);
    for (let turn = 0; turn < systems.length; turn++) {
      const at = (turn + round) % systems.length;
      const system = systems[at] as RankedSystem;
      const started = performance.now();
      for (let i = from; i < to; i++) {
        const t0 = performance.now();
        await system.search(queries[i % queries.length] as string, 10);
        timings[at]?.push(performance.now() - t0);
      }
      seconds[at] = (seconds[at] ?? 0) + (performance.now() - started) / 1000;
    }
  }
  return timings.map((own, at) => {
    own.sort((a, b) => a - b);
    return {
      p50: percentile(own, 50),
      p95: percentile(own, 95),
      p99: percentile(own, 99),
      qps: own.length / (seconds[at] || 1),
    };
  });
}

async function benchCorpus(label: string, chunks: Chunk[], queries: string[], rows: Row[], large = false) {
  const catalog = await loadCatalog({ directory: path.join(root, "knowledge") });
  const builders: [string, () => Promise<RankedSystem>][] = [
    [
      "Banshi hybrid",
      async () => {
        const { index } = await buildSearchIndex({ catalog, embeddings: new LocalEmbeddings(), chunks });
        return {
          name: "Banshi hybrid",
          search: async (query, k) => (await index.retriever.search({ query, k })).hits.map((h) => h.chunk),
        };
      },
    ],
    ...(large && skipMiniSearch
      ? []
      : ([["MiniSearch (bigram)", async () => createMiniSearchBaseline(chunks)]] as [
          string,
          () => Promise<RankedSystem>,
        ][])),
    ["jieba BM25", async () => createJiebaBm25Baseline(chunks)],
  ];
  // Every system is built first (one after another, each build timed alone), then searched alternately.
  const systems: RankedSystem[] = [];
  const built: Omit<Row, "p50" | "p95" | "p99" | "qps">[] = [];
  for (const [name, build] of builders) {
    const heapBefore = heapUsedMb();
    const rssBefore = process.memoryUsage().rss / 2 ** 20;
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    systems.push(await build());
    const buildSeconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const buildCpuSeconds = (cpu.user + cpu.system) / 1e6;
    const heapMb = heapUsedMb() - heapBefore;
    // Native memory (the HNSW graph, jieba) is outside the JS heap; RSS growth shows it.
    const rssMb = process.memoryUsage().rss / 2 ** 20 - rssBefore;
    built.push({ corpus: label, system: name, chunks: chunks.length, buildSeconds, buildCpuSeconds, heapMb, rssMb });
    console.error(
      `  ${label} / ${name}: built in ${buildSeconds.toFixed(1)} s (${buildCpuSeconds.toFixed(1)} s of CPU)`,
    );
  }
  const timings = await measureAlternately(systems, queries);
  built.forEach((row, at) => {
    const timing = timings[at] as Pick<Row, "p50" | "p95" | "p99" | "qps">;
    rows.push({ ...row, ...timing });
    console.error(`  ${label} / ${row.system}: p95 ${timing.p95.toFixed(2)} ms`);
  });
  systems.length = 0;
  collectGarbage();
}

function render(rows: Row[]): string {
  const lines = [
    "| corpus | system | chunks | build s | build CPU s | heap MB | RSS +MB | p50 ms | p95 ms | p99 ms | QPS | p95 vs Banshi |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const row of rows) {
    const banshi = rows.find((candidate) => candidate.corpus === row.corpus && candidate.system === "Banshi hybrid");
    const ratio = banshi ? `${(row.p95 / banshi.p95).toFixed(2)}×` : "-";
    lines.push(
      `| ${row.corpus} | ${row.system} | ${row.chunks} | ${row.buildSeconds.toFixed(1)} | ${row.buildCpuSeconds.toFixed(1)} | ${row.heapMb.toFixed(0)} | ${row.rssMb.toFixed(0)} | ${row.p50.toFixed(2)} | ${row.p95.toFixed(2)} | ${row.p99.toFixed(2)} | ${row.qps.toFixed(0)} | ${ratio} |`,
    );
  }
  return lines.join("\n");
}

const catalog = await loadCatalog({ directory: path.join(root, "knowledge") });
const sampleChunks = chunkCatalog(catalog);
const queries = (await loadRetrievalCases(path.join(root, "evals/datasets/retrieval.jsonl"))).map((item) => item.query);
const rows: Row[] = [];
if (!(globalThis as { gc?: unknown }).gc) console.error("note: run with node --expose-gc for exact heap figures");
console.error(`benchmarking ${queryCount} queries per system (${queries.length} distinct questions, cycled)`);
await benchCorpus("sample", sampleChunks, queries, rows);
if (!skipLarge)
  await benchCorpus(
    `generated ${largeSize / 1000}k`,
    generateCorpus(sampleChunks, { size: largeSize }),
    queries,
    rows,
    true,
  );
console.log(
  `\nSearch benchmark (Node ${process.version}, ${os.cpus().length} cores, single process, k=10, in-process calls, ${queryCount} queries each)\n`,
);
console.log(render(rows));

if (!skipChat) {
  console.error("benchmarking chat (extractive mode, PGlite storage)");
  const { index } = await buildSearchIndex({ catalog, embeddings: new LocalEmbeddings() });
  const baselineDir = process.argv.includes("--chat-baseline")
    ? path.resolve(process.argv[process.argv.indexOf("--chat-baseline") + 1] as string)
    : undefined;
  const chatRows = await benchChat({
    catalog,
    index,
    rounds: chatRounds,
    previous: baselineDir ? (storageDir) => previousChat(baselineDir, storageDir) : undefined,
  });
  console.log(`\nChat benchmark (extractive mode, PGlite storage, ${chatRounds} dialogues per session)\n`);
  console.log(renderChatBench(chatRows));
}

if (!skipOcr) {
  console.error("benchmarking pre-review reading (text layer, mupdf, tesseract.js)");
  const result = await benchOcr({ cases: argument("--ocr-cases", 24) });
  console.log(`\nPre-review reading throughput (generated materials, ${os.availableParallelism()} cores)\n`);
  console.log(renderOcrBench(result));
}
