import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import MiniSearch from "minisearch";
import { type Chunk, collapseKey, createBm25Index, indexedText } from "../../src/retrieval/index.js";

/** A system under evaluation: returns passages, best first. */
export interface RankedSystem {
  name: string;
  search(query: string, k: number): Promise<Chunk[]>;
}

function collapseHits(chunks: Chunk[], ranked: number[], k: number): Chunk[] {
  const seen = new Set<string>();
  const hits: Chunk[] = [];
  for (const index of ranked) {
    const chunk = chunks[index] as Chunk;
    const key = collapseKey(chunk);
    if (seen.has(key)) continue;
    seen.add(key);
    hits.push(chunk);
    if (hits.length >= k) break;
  }
  return hits;
}

/** Character bigrams (and single characters for one-character runs), the usual CJK setup for MiniSearch. */
function bigrams(text: string): string[] {
  const tokens: string[] = [];
  for (const run of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const characters = Array.from(run);
    if (characters.length === 1) tokens.push(run);
    for (let i = 0; i + 1 < characters.length; i++) tokens.push(characters[i] + (characters[i + 1] as string));
  }
  return tokens;
}

/**
 * Baseline 1: MiniSearch, a general-purpose JS full-text library, set up for Chinese as a user
 * would: a character-bigram tokenizer (its default finds nothing in Chinese), title boosted,
 * OR query, BM25 ranking. No traditional→simplified conversion, no lexicon, no vectors.
 */
export function createMiniSearchBaseline(chunks: Chunk[]): RankedSystem {
  const search = new MiniSearch<{ id: number; title: string; text: string }>({
    fields: ["title", "text"],
    tokenize: bigrams,
    searchOptions: { boost: { title: 2 }, combineWith: "OR" },
  });
  search.addAll(chunks.map((chunk, id) => ({ id, title: chunk.title, text: indexedText(chunk) })));
  return {
    name: "MiniSearch (bigram)",
    async search(query, k) {
      const ranked = search.search(query).map((result) => result.id as number);
      return collapseHits(chunks, ranked, k);
    },
  };
}

/**
 * Baseline 2: plain jieba BM25, the keyword path of FastGPT/MaxKB-style systems: jieba's default
 * dictionary in search mode, BM25 over the same passages. No lexicon, no catalog words, no
 * traditional→simplified conversion, no vectors.
 */
export function createJiebaBm25Baseline(chunks: Chunk[]): RankedSystem {
  const jieba = Jieba.withDict(dict);
  const tokenize = (text: string) =>
    jieba.cutForSearch(text.toLowerCase(), true).filter((token) => /[\p{L}\p{N}]/u.test(token));
  const index = createBm25Index(chunks.map((chunk) => tokenize(indexedText(chunk))));
  return {
    name: "jieba BM25",
    async search(query, k) {
      const ranked = index
        .search(
          tokenize(query).map((term) => ({ term })),
          { k: k * 20 },
        )
        .map((hit) => hit.index);
      return collapseHits(chunks, ranked, k);
    },
  };
}
