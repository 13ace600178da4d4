import { Embeddings, type EmbeddingsParams } from "@langchain/core/embeddings";
import { normalizeText } from "./normalize-text.js";

const FEATURE_SPACE_BITS = 18;
const FEATURE_SPACE = 1 << FEATURE_SPACE_BITS;
const CJK = /\p{Script=Han}/u;

export interface LocalEmbeddingsOptions extends EmbeddingsParams {
  /** Output dimension (default 512): fewer dimensions mean more hash collisions and noisier neighbours. */
  dimensions?: number;
  /** Weight of single characters next to bigrams and trigrams (default 0.3): they help with typos. */
  unigramWeight?: number;
}

export interface LocalEmbeddingsSnapshot {
  format: "local-embeddings/1";
  dimensions: number;
  unigramWeight: number;
  documentCount: number;
  /** Sparse document frequencies of hashed features: [bucket, count] pairs. */
  documentFrequencies: [number, number][];
}

/**
 * Embeddings that need no network and no weights: character 1–3-grams (and ASCII words) of the
 * normalised text, weighted by TF-IDF learnt from the corpus with `fit`, hashed into a large
 * feature space and projected to `dimensions` by signed feature hashing (two projections per
 * feature), then L2-normalised. Deterministic: the same text always gives the same vector.
 */
export class LocalEmbeddings extends Embeddings {
  readonly dimensions: number;
  readonly unigramWeight: number;
  private documentFrequency = new Uint32Array(FEATURE_SPACE);
  private documentCount = 0;

  constructor(options: LocalEmbeddingsOptions = {}) {
    super(options);
    this.dimensions = options.dimensions ?? 512;
    this.unigramWeight = options.unigramWeight ?? 0.3;
  }

  /** Identity for the index manifest: a different setting means a different vector space. */
  get identity(): string {
    return `local-ngram-tfidf:d${this.dimensions}:u${this.unigramWeight}`;
  }

  /** Learns document frequencies from the corpus; call before embedding. */
  fit(texts: Iterable<string>): void {
    this.fitNormalized(Array.from(texts, normalizeText));
  }

  /**
   * `fit` for texts already passed through `normalizeText`: an index build normalises each passage
   * once for the tokenizer, the fit and the vectors (the conversion was a fifth of a large build).
   */
  fitNormalized(normalizedTexts: Iterable<string>): void {
    this.documentFrequency = new Uint32Array(FEATURE_SPACE);
    this.documentCount = 0;
    for (const normalized of normalizedTexts) {
      this.documentCount += 1;
      for (const bucket of features(normalized).keys())
        this.documentFrequency[bucket] = (this.documentFrequency[bucket] ?? 0) + 1;
    }
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((document) => this.embedSync(document));
  }

  async embedQuery(document: string): Promise<number[]> {
    return this.embedSync(document);
  }

  /** Synchronous embedding, for hot paths that do not need LangChain's async interface. */
  embedSync(text: string): number[] {
    return this.embedNormalizedSync(normalizeText(text));
  }

  /** `embedSync` for a text already passed through `normalizeText`. */
  embedNormalizedSync(normalized: string): number[] {
    const vector = new Float64Array(this.dimensions);
    const idfBase = this.documentCount + 1;
    for (const [bucket, { count, unigram }] of features(normalized)) {
      const df = this.documentFrequency[bucket] ?? 0;
      const idf = Math.log(idfBase / (df + 1)) + 1;
      const weight = (1 + Math.log(count)) * idf * (unigram ? this.unigramWeight : 1);
      const first = hash32(bucket, 0x9e3779b1);
      const second = hash32(bucket, 0x85ebca77);
      const a = first % this.dimensions;
      const b = second % this.dimensions;
      vector[a] = (vector[a] as number) + (first & 0x80000000 ? weight : -weight);
      vector[b] = (vector[b] as number) + (second & 0x80000000 ? weight : -weight);
    }
    let norm = 0;
    for (const value of vector) norm += value * value;
    norm = Math.sqrt(norm) || 1;
    return Array.from(vector, (value) => value / norm);
  }

  toSnapshot(): LocalEmbeddingsSnapshot {
    const documentFrequencies: [number, number][] = [];
    this.documentFrequency.forEach((count, bucket) => {
      if (count > 0) documentFrequencies.push([bucket, count]);
    });
    return {
      format: "local-embeddings/1",
      dimensions: this.dimensions,
      unigramWeight: this.unigramWeight,
      documentCount: this.documentCount,
      documentFrequencies,
    };
  }

  static fromSnapshot(snapshot: LocalEmbeddingsSnapshot): LocalEmbeddings {
    const embeddings = new LocalEmbeddings({ dimensions: snapshot.dimensions, unigramWeight: snapshot.unigramWeight });
    embeddings.documentCount = snapshot.documentCount;
    for (const [bucket, count] of snapshot.documentFrequencies) embeddings.documentFrequency[bucket] = count;
    return embeddings;
  }
}

/** Hashed features of normalised text with their counts. */
function features(text: string): Map<number, { count: number; unigram: boolean }> {
  const found = new Map<number, { count: number; unigram: boolean }>();
  const add = (feature: string, unigram: boolean) => {
    const bucket = fnv1a(feature) & (FEATURE_SPACE - 1);
    const entry = found.get(bucket);
    if (entry) entry.count += 1;
    else found.set(bucket, { count: 1, unigram });
  };
  for (const run of text.match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (!CJK.test(run)) {
      add(`w:${run}`, false);
      continue;
    }
    const characters = Array.from(run);
    for (let i = 0; i < characters.length; i++) {
      const one = characters[i] as string;
      if (!CJK.test(one)) continue;
      add(one, true);
      if (i + 1 < characters.length) add(one + characters[i + 1], false);
      if (i + 2 < characters.length) add(one + characters[i + 1] + characters[i + 2], false);
    }
  }
  return found;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function hash32(value: number, seed: number): number {
  let hash = Math.imul(value ^ seed, 0xcc9e2d51);
  hash = (hash << 15) | (hash >>> 17);
  hash = Math.imul(hash, 0x1b873593);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash >>> 0;
}
