// `npx tsx bench/vector-recall.ts`: how many of the exact nearest neighbours the HNSW vector search
// finds on the generated corpus, for one graph and for graphs split by passage (as a parallel build
// makes them), at several build beam widths. Exact = cosine against every vector. Options:
// --chunks N (default 100000), --ef-construction A,B (default 100), --graphs A,B (default 1,2),
// --m A,B (graph degree, default 16), --queries N (evaluation questions used as queries, default all).
// Search time is each query's mean over the queries (k = 100), timed in this process.
import path from "node:path";
import { loadCatalog } from "../src/catalog/index.js";
import {
  chunkCatalog,
  createHnswVectorStore,
  createShardedVectorStore,
  indexedText,
  LocalEmbeddings,
  normalizeText,
  type VectorStore,
} from "../src/retrieval/index.js";
import { loadRetrievalCases } from "../evals/retrieval/dataset.js";
import { generateCorpus } from "./generate-corpus.js";

const root = path.resolve(import.meta.dirname, "..");
const option = (name: string, fallback: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? (process.argv[at + 1] as string) : fallback;
};
const size = Number(option("--chunks", "100000"));
const beams = option("--ef-construction", "100").split(",").map(Number);
const graphCounts = option("--graphs", "1,2").split(",").map(Number);
const degrees = option("--m", "16").split(",").map(Number);

const catalog = await loadCatalog({ directory: path.join(root, "knowledge") });
const chunks = generateCorpus(chunkCatalog(catalog), { size });
const cases = await loadRetrievalCases(path.join(root, "evals/datasets/retrieval.jsonl"));
const queries = cases.slice(0, Number(option("--queries", String(cases.length)))).map((item) => item.query);
const embeddings = new LocalEmbeddings();
const normalized = chunks.map((chunk) => normalizeText(indexedText(chunk)));
embeddings.fitNormalized(normalized);
const vectors = normalized.map((text) => embeddings.embedNormalizedSync(text));
const queryVectors = queries.map((query) => embeddings.embedSync(query));
const exact = queryVectors.map((query) => {
  const similarities = new Float64Array(size);
  vectors.forEach((vector, label) => {
    let sum = 0;
    for (let i = 0; i < vector.length; i++) sum += (vector[i] as number) * (query[i] as number);
    similarities[label] = sum;
  });
  return [...similarities.keys()]
    .sort((a, b) => (similarities[b] as number) - (similarities[a] as number))
    .slice(0, 100);
});
const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

console.log(`\nHNSW recall against exact search (${size} passages, ${queries.length} queries, k=10 and k=100)\n`);
console.log("| graphs | M | efConstruction | build CPU s | largest graph CPU s | recall@10 | recall@100 | search ms |");
console.log("|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const m of degrees)
  for (const efConstruction of beams)
    for (const graphs of graphCounts) {
      const per = Math.ceil(size / graphs);
      const times: number[] = [];
      const stores: VectorStore[] = [];
      for (let first = 0; first < size; first += per) {
        const started = cpuSeconds();
        const store = createHnswVectorStore({ dimensions: embeddings.dimensions, maxElements: per, efConstruction, m });
        for (let label = first; label < Math.min(size, first + per); label++)
          store.add(vectors[label] as number[], label);
        stores.push(store);
        times.push(cpuSeconds() - started);
      }
      const search = stores.length === 1 ? (stores[0] as VectorStore) : createShardedVectorStore(stores);
      let at10 = 0;
      let at100 = 0;
      for (const query of queryVectors) search.search(query, 100);
      const searchStarted = performance.now();
      for (const query of queryVectors) search.search(query, 100);
      const searchMs = (performance.now() - searchStarted) / queryVectors.length;
      queryVectors.forEach((query, i) => {
        const found = search.search(query, 100).map((match) => match.label);
        const truth = exact[i] as number[];
        const top10 = new Set(found.slice(0, 10));
        const top100 = new Set(found);
        at10 += truth.slice(0, 10).filter((label) => top10.has(label)).length / 10;
        at100 += truth.filter((label) => top100.has(label)).length / Math.min(100, truth.length);
      });
      const total = times.reduce((sum, time) => sum + time, 0);
      console.log(
        `| ${graphs} | ${m} | ${efConstruction} | ${total.toFixed(1)} | ${Math.max(...times).toFixed(1)} | ${(at10 / queries.length).toFixed(3)} | ${(at100 / queries.length).toFixed(3)} | ${searchMs.toFixed(2)} |`,
      );
    }
