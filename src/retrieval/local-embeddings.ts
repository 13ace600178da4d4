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
  private documentFrequency: Uint32Array = new Uint32Array(FEATURE_SPACE);
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
    const frequencies = new Uint32Array(FEATURE_SPACE);
    let count = 0;
    for (const normalized of normalizedTexts) {
      count += 1;
      countFeatures(frequencies, passageFeatures(normalized));
    }
    this.setDocumentFrequencies(count, frequencies);
  }

  /**
   * Fits from document frequencies counted elsewhere (`countFeatures` over each passage's
   * `passageFeatures`, summed): a parallel index build counts them in several threads.
   */
  setDocumentFrequencies(documentCount: number, frequencies: Uint32Array): void {
    if (frequencies.length !== FEATURE_SPACE)
      throw new RangeError(`expected ${FEATURE_SPACE} document frequencies, got ${frequencies.length}`);
    this.documentFrequency = frequencies;
    this.documentCount = documentCount;
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
    const vector = this.weigh(passageFeatures(normalized));
    const norm = vectorNorm(vector);
    return Array.from(vector, (value) => value / norm);
  }

  /** Writes the unit vector of a passage's features into `target` at `offset` (float32, as the HNSW graph stores it). */
  embedFeaturesInto(features: PassageFeatures, target: Float32Array, offset: number): void {
    const vector = this.weigh(features);
    const norm = vectorNorm(vector);
    for (let i = 0; i < vector.length; i++) target[offset + i] = (vector[i] as number) / norm;
  }

  /** The TF-IDF-weighted, hashed vector of a passage's features, before normalisation. */
  private weigh(features: PassageFeatures): Float64Array {
    const vector = new Float64Array(this.dimensions);
    const idfBase = this.documentCount + 1;
    const { buckets, counts, unigram } = features;
    for (let i = 0; i < buckets.length; i++) {
      const bucket = buckets[i] as number;
      const df = this.documentFrequency[bucket] ?? 0;
      const idf = Math.log(idfBase / (df + 1)) + 1;
      const weight = (1 + Math.log(counts[i] as number)) * idf * (unigram[i] ? this.unigramWeight : 1);
      const first = hash32(bucket, 0x9e3779b1);
      const second = hash32(bucket, 0x85ebca77);
      const a = first % this.dimensions;
      const b = second % this.dimensions;
      vector[a] = (vector[a] as number) + (first & 0x80000000 ? weight : -weight);
      vector[b] = (vector[b] as number) + (second & 0x80000000 ? weight : -weight);
    }
    return vector;
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

/** Number of hashed feature buckets: the length of a document-frequency table. */
export const FEATURE_SPACE_SIZE = FEATURE_SPACE;

/** The distinct hashed features of a normalised text, in order of first occurrence, with their counts. */
export interface PassageFeatures {
  buckets: Uint32Array;
  counts: Uint32Array;
  /** 1 where the feature is a single character (weighted by `unigramWeight`). */
  unigram: Uint8Array;
}

/** Adds one to the document frequency of each of a passage's features. */
export function countFeatures(frequencies: Uint32Array, features: PassageFeatures): void {
  for (const bucket of features.buckets) frequencies[bucket] = (frequencies[bucket] as number) + 1;
}

/**
 * Character 1–3-grams of CJK runs and whole non-CJK words, hashed. The n-gram hashes extend one
 * another (FNV-1a is computed character by character), so no n-gram string is built.
 */
export function passageFeatures(text: string): PassageFeatures {
  const position = new Map<number, number>();
  const buckets: number[] = [];
  const counts: number[] = [];
  const unigram: number[] = [];
  const add = (hash: number, isUnigram: boolean) => {
    const bucket = hash & (FEATURE_SPACE - 1);
    const at = position.get(bucket);
    if (at !== undefined) counts[at] = (counts[at] as number) + 1;
    else {
      position.set(bucket, buckets.length);
      buckets.push(bucket);
      counts.push(1);
      unigram.push(isUnigram ? 1 : 0);
    }
  };
  for (const run of text.match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (!CJK.test(run)) {
      add(fnv1a(`w:${run}`, FNV_OFFSET), false);
      continue;
    }
    const characters = Array.from(run);
    for (let i = 0; i < characters.length; i++) {
      const one = characters[i] as string;
      if (!CJK.test(one)) continue;
      const hash = fnv1a(one, FNV_OFFSET);
      add(hash, true);
      if (i + 1 >= characters.length) continue;
      const two = fnv1a(characters[i + 1] as string, hash);
      add(two, false);
      if (i + 2 < characters.length) add(fnv1a(characters[i + 2] as string, two), false);
    }
  }
  return { buckets: Uint32Array.from(buckets), counts: Uint32Array.from(counts), unigram: Uint8Array.from(unigram) };
}

function vectorNorm(vector: Float64Array): number {
  let norm = 0;
  for (const value of vector) norm += value * value;
  return Math.sqrt(norm) || 1;
}

const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a of `text`, continuing from `hash` (start with `FNV_OFFSET`). */
function fnv1a(text: string, hash: number): number {
  let state = hash;
  for (let i = 0; i < text.length; i++) {
    state ^= text.charCodeAt(i);
    state = Math.imul(state, 0x01000193);
  }
  return state >>> 0;
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
