import { type Scored, topK } from "./top-k.js";

export interface Bm25Options {
  /** Term-frequency saturation (default 1.2). */
  k1?: number;
  /** Length normalisation (default 0.75). */
  b?: number;
}

export interface WeightedTerm {
  term: string;
  /** Multiplies the term's contribution (default 1); expansion terms weigh less. */
  weight?: number;
}

export interface Bm25SearchOptions {
  k: number;
  /** Only documents for which this returns true are scored. */
  filter?: (documentIndex: number) => boolean;
}

export interface Bm25Snapshot {
  format: "bm25/1";
  k1: number;
  b: number;
  documentLengths: number[];
  terms: string[];
  postings: { documents: number[]; frequencies: number[] }[];
}

export interface Bm25Index {
  readonly documentCount: number;
  search(terms: WeightedTerm[], options: Bm25SearchOptions): Scored[];
  toSnapshot(): Bm25Snapshot;
}

interface Posting {
  documents: Uint32Array;
  frequencies: Uint16Array;
}

/** Okapi BM25 over pre-tokenised documents, with typed-array postings for large corpora. */
export function createBm25Index(documents: string[][], options: Bm25Options = {}): Bm25Index {
  const building = new Map<string, { documents: number[]; frequencies: number[] }>();
  const lengths = new Float32Array(documents.length);
  documents.forEach((tokens, documentIndex) => {
    lengths[documentIndex] = tokens.length;
    const counts = new Map<string, number>();
    for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    for (const [term, count] of counts) {
      let posting = building.get(term);
      if (!posting) building.set(term, (posting = { documents: [], frequencies: [] }));
      posting.documents.push(documentIndex);
      posting.frequencies.push(Math.min(count, 65535));
    }
  });
  const postings = new Map<string, Posting>();
  for (const [term, posting] of building)
    postings.set(term, {
      documents: Uint32Array.from(posting.documents),
      frequencies: Uint16Array.from(posting.frequencies),
    });
  return fromParts(postings, lengths, options.k1 ?? 1.2, options.b ?? 0.75);
}

/** Restores an index saved with `toSnapshot()`. */
export function loadBm25Index(snapshot: Bm25Snapshot): Bm25Index {
  const postings = new Map<string, Posting>();
  snapshot.terms.forEach((term, i) => {
    const posting = snapshot.postings[i];
    if (posting)
      postings.set(term, {
        documents: Uint32Array.from(posting.documents),
        frequencies: Uint16Array.from(posting.frequencies),
      });
  });
  return fromParts(postings, Float32Array.from(snapshot.documentLengths), snapshot.k1, snapshot.b);
}

function fromParts(postings: Map<string, Posting>, lengths: Float32Array, k1: number, b: number): Bm25Index {
  const documentCount = lengths.length;
  let total = 0;
  for (const length of lengths) total += length;
  const averageLength = documentCount > 0 ? total / documentCount : 0;
  const scores = new Float64Array(documentCount);
  const touched = new Uint8Array(documentCount);

  return {
    documentCount,
    search(terms, { k, filter }) {
      const merged = new Map<string, number>();
      for (const { term, weight = 1 } of terms) merged.set(term, Math.max(merged.get(term) ?? 0, weight));
      const candidates: number[] = [];
      for (const [term, weight] of merged) {
        const posting = postings.get(term);
        if (!posting) continue;
        const df = posting.documents.length;
        const idf = Math.log(1 + (documentCount - df + 0.5) / (df + 0.5));
        for (let i = 0; i < df; i++) {
          const document = posting.documents[i] as number;
          if (!touched[document]) {
            if (filter && !filter(document)) continue;
            touched[document] = 1;
            scores[document] = 0;
            candidates.push(document);
          }
          const tf = posting.frequencies[i] as number;
          const norm = k1 * (1 - b + (b * (lengths[document] as number)) / (averageLength || 1));
          scores[document] = (scores[document] as number) + (weight * idf * (tf * (k1 + 1))) / (tf + norm);
        }
      }
      const result = topK(scores, candidates, k);
      for (const document of candidates) touched[document] = 0;
      return result;
    },
    toSnapshot() {
      const terms = [...postings.keys()];
      return {
        format: "bm25/1",
        k1,
        b,
        documentLengths: Array.from(lengths),
        terms,
        postings: terms.map((term) => {
          const posting = postings.get(term) as Posting;
          return { documents: Array.from(posting.documents), frequencies: Array.from(posting.frequencies) };
        }),
      };
    },
  };
}
