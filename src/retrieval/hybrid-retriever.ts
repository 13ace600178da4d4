import type { Embeddings } from "@langchain/core/embeddings";
import type { Bm25Index, WeightedTerm } from "./bm25-index.js";
import type { Chunk, DocumentKind } from "./chunk.js";
import type { VectorStore } from "./hnsw-vector-store.js";
import { normalizeText } from "./normalize-text.js";
import type { QueryExpander, QueryExpansion } from "./query-expander.js";
import type { Tokenizer } from "./tokenizer.js";

export interface SearchOptions {
  query: string;
  /** Number of hits (default 10). */
  k?: number;
  /** Only these kinds of document. */
  kinds?: DocumentKind[];
  /** Only passages of this bundle (its own chunks and FAQ). */
  bundleId?: string;
  /** Only passages of this matter. */
  matterId?: string;
  /** One hit per guide (bundle or matter), its best passage; policy passages stay apart (default true). */
  collapse?: boolean;
}

export interface SearchHit {
  chunk: Chunk;
  score: number;
  snippet: string;
  /** Which signals found it: lexical, dense, entity. */
  signals: ("lexical" | "dense" | "entity")[];
}

export interface SearchResult {
  hits: SearchHit[];
  /** Official terms the lexicon added to the query. */
  expandedTerms: string[];
  /** Homophone typos recognised in the query. */
  corrections: { written: string; meant: string }[];
  /** Documents the query names (bundle, matter or policy ids such as `policy:guofa-2024-3`), best first. */
  mentions: string[];
}

export interface Retriever {
  search(options: SearchOptions): Promise<SearchResult>;
  /** What a query names and how it expands, without searching: cheap enough for every chat turn. */
  describe(query: string): Omit<SearchResult, "hits">;
}

export interface HybridRetrieverOptions {
  chunks: Chunk[];
  lexical: Bm25Index;
  vectors: VectorStore;
  embeddings: Embeddings & { embedSync?: (text: string) => number[] };
  tokenizer: Tokenizer;
  expander?: QueryExpander;
  /**
   * Weight of each signal in the fusion (default lexical 1, dense 0.3, entity 1): the local
   * embeddings are hashed bag-of-n-grams, so they rescue near misses rather than lead
   * (`npm run eval` prints the ablation that chose this).
   */
  weights?: { lexical?: number; dense?: number; entity?: number };
  /** Reciprocal-rank-fusion constant (default 60). */
  rrfK?: number;
  /** Candidates taken from each signal before fusion (default 100). */
  candidates?: number;
  /** Weight of expansion terms in the lexical query (default 0.6). */
  expansionWeight?: number;
  /** Use lexicon expansion and entity mentions (default true); off gives a plain hybrid. */
  useExpansion?: boolean;
  /** Use dense vectors (default true). */
  useDense?: boolean;
}

const SNIPPET_LENGTH = 120;

/**
 * BM25 over jieba tokens + dense vectors + lexicon/entity mentions, fused by reciprocal rank.
 * Filters apply inside each signal, so a filtered search still returns k hits when k exist.
 */
export function createHybridRetriever(options: HybridRetrieverOptions): Retriever {
  const { chunks, lexical, vectors, embeddings, tokenizer, expander } = options;
  const rrfK = options.rrfK ?? 60;
  const candidates = options.candidates ?? 100;
  const expansionWeight = options.expansionWeight ?? 0.6;
  const useExpansion = options.useExpansion ?? true;
  const useDense = options.useDense ?? true;
  const weights = { lexical: 1, dense: 0.3, entity: 1, ...options.weights };
  // Normalised passage text for snippets of passages the query's words are not found in as
  // written (traditional text), converted on first use only.
  const normalizedTexts: (string | undefined)[] = [];
  const normalizedText = (index: number) => (normalizedTexts[index] ??= normalizeText(flatText(index).flat));
  // A passage's text with its white space collapsed, as snippets show it, and that in lower case,
  // as the query's words are looked for in it: made on a passage's first hit, not on every hit.
  const flatTexts: ({ flat: string; lower: string } | undefined)[] = [];
  const flatText = (index: number) => {
    let found = flatTexts[index];
    if (!found) {
      const flat = (chunks[index] as Chunk).text.replace(/\s+/g, " ");
      flatTexts[index] = found = { flat, lower: flat.toLowerCase() };
    }
    return found;
  };
  const chunksByDocument = new Map<string, number[]>();
  chunks.forEach((chunk, index) => {
    const list = chunksByDocument.get(chunk.documentId);
    if (list) list.push(index);
    else chunksByDocument.set(chunk.documentId, [index]);
  });

  // One chat turn searches the same text several ways (all kinds, FAQ only, guides only): what the
  // query is — its normalisation, expansion, tokens and vector — is worked out once per text.
  interface QueryAnalysis {
    normalized: string;
    expansion: QueryExpansion;
    queryTokens: string[];
    terms: WeightedTerm[];
    vector?: number[];
  }
  const analyses = new Map<string, QueryAnalysis>();
  // Expansion terms come from the lexicon and the catalog, a bounded set that queries share: each is
  // cut by jieba once, not once per query that adds it.
  const tokensOfOfficial = new Map<string, string[]>();
  const officialTokens = (official: string): string[] => {
    let tokens = tokensOfOfficial.get(official);
    if (!tokens) {
      tokens = tokenizer.tokenize(official);
      if (tokensOfOfficial.size < 10_000) tokensOfOfficial.set(official, tokens);
    }
    return tokens;
  };
  const analyse = (query: string): QueryAnalysis => {
    const cached = analyses.get(query);
    if (cached) return cached;
    const normalized = normalizeText(query);
    const expansion =
      useExpansion && expander ? expander.expand(normalized) : { terms: [], documents: [], corrections: [] };
    const queryTokens = tokenizer.tokenizeNormalized(normalized);
    const terms: WeightedTerm[] = queryTokens.map((term) => ({ term }));
    for (const official of expansion.terms)
      for (const term of officialTokens(official)) terms.push({ term, weight: expansionWeight });
    const analysis = { normalized, expansion, queryTokens, terms };
    analyses.set(query, analysis);
    if (analyses.size > 512) analyses.delete(analyses.keys().next().value as string);
    return analysis;
  };

  return {
    describe(query) {
      const { expansion } = analyse(query);
      return { expandedTerms: expansion.terms, corrections: expansion.corrections, mentions: expansion.documents };
    },
    async search(search) {
      const k = search.k ?? 10;
      const collapse = search.collapse ?? true;
      const analysis = analyse(search.query);
      const { normalized, expansion, queryTokens, terms } = analysis;
      const filter = makeFilter(chunks, search);

      const fused = new Map<number, { score: number; signals: Set<SearchHit["signals"][number]> }>();
      const contribute = (index: number, rank: number, signal: SearchHit["signals"][number]) => {
        const entry = fused.get(index) ?? { score: 0, signals: new Set() };
        entry.score += weights[signal] / (rrfK + rank + 1);
        entry.signals.add(signal);
        fused.set(index, entry);
      };

      lexical.search(terms, { k: candidates, filter }).forEach((hit, rank) => {
        contribute(hit.index, rank, "lexical");
      });
      if (useDense && vectors.size > 0) {
        const denseText = [normalized, ...expansion.terms].join(" ");
        const vector = (analysis.vector ??= embeddings.embedSync
          ? embeddings.embedSync(denseText)
          : await embeddings.embedQuery(denseText));
        // A text with no letters or digits has no features: its zero vector has no neighbours.
        const hasFeatures = vector.some((value) => value !== 0);
        (hasFeatures ? vectors.search(vector, candidates, filter) : []).forEach((hit, rank) => {
          contribute(hit.label, rank, "dense");
        });
      }
      expansion.documents.forEach((documentId, rank) => {
        for (const index of chunksByDocument.get(documentId) ?? [])
          if (!filter || filter(index)) contribute(index, rank, "entity");
      });

      const tokensLongestFirst = [...queryTokens].sort((a, b) => b.length - a.length);
      const ranked = [...fused.entries()].sort((a, b) => b[1].score - a[1].score || a[0] - b[0]);
      const hits: SearchHit[] = [];
      const seenDocuments = new Set<string>();
      for (const [index, { score, signals }] of ranked) {
        const chunk = chunks[index] as Chunk;
        if (collapse) {
          const key = collapseKey(chunk);
          if (seenDocuments.has(key)) continue;
          seenDocuments.add(key);
        }
        const snippet = makeSnippet(flatText(index), () => normalizedText(index), normalized, tokensLongestFirst);
        hits.push({ chunk, score, snippet, signals: [...signals] });
        if (hits.length >= k) break;
      }
      return {
        hits,
        expandedTerms: expansion.terms,
        corrections: expansion.corrections,
        mentions: expansion.documents,
      };
    },
  };
}

/**
 * What one hit stands for when collapsing: a bundle's or matter's passages are parts of one
 * guide, while each section of a policy answers a different question.
 */
export function collapseKey(chunk: Chunk): string {
  return chunk.kind === "policy" ? chunk.id : chunk.documentId;
}

function makeFilter(chunks: Chunk[], search: SearchOptions): ((index: number) => boolean) | undefined {
  const kinds = search.kinds?.length ? new Set(search.kinds) : undefined;
  const { bundleId, matterId } = search;
  if (!kinds && !bundleId && !matterId) return undefined;
  return (index) => {
    const chunk = chunks[index];
    if (!chunk) return false;
    if (kinds && !kinds.has(chunk.kind)) return false;
    if (bundleId && chunk.bundleId !== bundleId) return false;
    if (matterId && chunk.matterId !== matterId) return false;
    return true;
  };
}

/** A window of the passage around the first query word it contains (`longestFirst`: the query's tokens, longest first). */
function makeSnippet(
  { flat, lower }: { flat: string; lower: string },
  normalizedText: () => string,
  normalizedQuery: string,
  longestFirst: string[],
): string {
  if (flat.length <= SNIPPET_LENGTH) return flat;
  const find = (haystack: string) => {
    for (const token of longestFirst) {
      const at = haystack.indexOf(token);
      if (at >= 0) return at;
    }
    return -1;
  };
  let position = find(lower);
  if (position < 0) position = find(normalizedText());
  if (position < 0) position = normalizedText().indexOf(normalizedQuery.slice(0, 4));
  const start = Math.max(0, Math.min(position - 30, flat.length - SNIPPET_LENGTH));
  const slice = flat.slice(start, start + SNIPPET_LENGTH);
  return `${start > 0 ? "…" : ""}${slice}${start + SNIPPET_LENGTH < flat.length ? "…" : ""}`;
}
