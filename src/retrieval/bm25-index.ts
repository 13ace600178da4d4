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
  /** Cached `boundOf`, computed on the term's first search. */
  bound?: number;
}

/** Okapi BM25 over pre-tokenised documents, with typed-array postings for large corpora. */
export function createBm25Index(documents: string[][], options: Bm25Options = {}): Bm25Index {
  return createBm25IndexFromParts([createBm25Part(documents, 0)], options);
}

/**
 * The postings of a run of consecutive documents, packed in typed arrays so a thread can hand them
 * over without copying: term i's postings are `documents`/`frequencies` from `offsets[i]` to
 * `offsets[i + 1]`, terms in order of first occurrence.
 */
export interface Bm25Part {
  /** Index of the part's first document in the whole corpus. */
  firstDocument: number;
  terms: string[];
  offsets: Uint32Array;
  documents: Uint32Array;
  frequencies: Uint16Array;
  /** Token count of each of the part's documents. */
  lengths: Float32Array;
}

/** Postings of consecutive documents, numbered from `firstDocument`. */
export function createBm25Part(documents: Iterable<string[]>, firstDocument: number): Bm25Part {
  // Terms are numbered on first sight so each token costs one map lookup; a document's counts are
  // kept by term number (a 100,000-passage build spent 7% of its threads' time in a map per document).
  const ids = new Map<string, number>();
  const terms: string[] = [];
  let postingDocuments: number[][] = [];
  let postingFrequencies: number[][] = [];
  let counts = new Uint32Array(1024);
  const seen: number[] = [];
  const lengths: number[] = [];
  let documentIndex = firstDocument;
  for (const tokens of documents) {
    lengths.push(tokens.length);
    for (const token of tokens) {
      let id = ids.get(token);
      if (id === undefined) {
        id = terms.length;
        ids.set(token, id);
        terms.push(token);
        postingDocuments.push([]);
        postingFrequencies.push([]);
        if (id >= counts.length) {
          const grown = new Uint32Array(counts.length * 2);
          grown.set(counts);
          counts = grown;
        }
      }
      if (counts[id] === 0) seen.push(id);
      counts[id] = (counts[id] as number) + 1;
    }
    for (const id of seen) {
      (postingDocuments[id] as number[]).push(documentIndex);
      (postingFrequencies[id] as number[]).push(Math.min(counts[id] as number, 65535));
      counts[id] = 0;
    }
    seen.length = 0;
    documentIndex += 1;
  }
  const offsets = new Uint32Array(terms.length + 1);
  for (let i = 0; i < terms.length; i++)
    offsets[i + 1] = (offsets[i] as number) + (postingDocuments[i] as number[]).length;
  const total = offsets[terms.length] as number;
  const packedDocuments = new Uint32Array(total);
  const packedFrequencies = new Uint16Array(total);
  for (let i = 0; i < terms.length; i++) {
    packedDocuments.set(postingDocuments[i] as number[], offsets[i]);
    packedFrequencies.set(postingFrequencies[i] as number[], offsets[i]);
  }
  postingDocuments = [];
  postingFrequencies = [];
  return {
    firstDocument,
    terms,
    offsets,
    documents: packedDocuments,
    frequencies: packedFrequencies,
    lengths: Float32Array.from(lengths),
  };
}

/**
 * The index of the documents of several parts that follow one another (part i starts where part
 * i - 1 ends): the same index `createBm25Index` gives for all their documents at once.
 */
export function createBm25IndexFromParts(parts: Bm25Part[], options: Bm25Options = {}): Bm25Index {
  const ordered = [...parts].sort((a, b) => a.firstDocument - b.firstDocument);
  let documentCount = 0;
  for (const part of ordered) {
    if (part.firstDocument !== documentCount)
      throw new RangeError(`BM25 part starts at document ${part.firstDocument}, expected ${documentCount}`);
    documentCount += part.lengths.length;
  }
  const k1 = options.k1 ?? 1.2;
  const b = options.b ?? 0.75;
  const postings = new Map<string, Posting>();
  const [only] = ordered;
  if (ordered.length === 1 && only) {
    // One part (a build on one thread): its packed postings are the index's, viewed, not copied.
    only.terms.forEach((term, i) => {
      const from = only.offsets[i] as number;
      const to = only.offsets[i + 1] as number;
      postings.set(term, {
        documents: only.documents.subarray(from, to),
        frequencies: only.frequencies.subarray(from, to),
      });
    });
    return fromParts(postings, only.lengths, k1, b);
  }
  const lengths = new Float32Array(documentCount);
  // Each term's postings, part by part; parts are in document order, so the lists stay ascending.
  const sizes = new Map<string, number>();
  for (const part of ordered) {
    lengths.set(part.lengths, part.firstDocument);
    part.terms.forEach((term, i) => {
      sizes.set(term, (sizes.get(term) ?? 0) + (part.offsets[i + 1] as number) - (part.offsets[i] as number));
    });
  }
  const filled = new Map<string, number>();
  for (const [term, size] of sizes) {
    postings.set(term, { documents: new Uint32Array(size), frequencies: new Uint16Array(size) });
    filled.set(term, 0);
  }
  for (const part of ordered)
    part.terms.forEach((term, i) => {
      const posting = postings.get(term) as Posting;
      const at = filled.get(term) as number;
      const from = part.offsets[i] as number;
      const to = part.offsets[i + 1] as number;
      posting.documents.set(part.documents.subarray(from, to), at);
      posting.frequencies.set(part.frequencies.subarray(from, to), at);
      filled.set(term, at + to - from);
    });
  return fromParts(postings, lengths, k1, b);
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
  // The length part of BM25's denominator, once per document instead of once per posting.
  const lengthNorm = new Float32Array(documentCount);
  for (let i = 0; i < documentCount; i++)
    lengthNorm[i] = k1 * (1 - b + (b * (lengths[i] as number)) / (averageLength || 1));
  const scores = new Float64Array(documentCount);
  const touched = new Uint8Array(documentCount);
  const candidates = new Uint32Array(documentCount);
  const selection = new Float64Array(documentCount);

  /** The largest `tf / (tf + lengthNorm)` of a term's postings: its score's upper bound per unit weight. */
  const boundOf = (posting: Posting): number => {
    if (posting.bound !== undefined) return posting.bound;
    let bound = 0;
    for (let i = 0; i < posting.documents.length; i++) {
      const tf = posting.frequencies[i] as number;
      const ratio = tf / (tf + (lengthNorm[posting.documents[i] as number] as number));
      if (ratio > bound) bound = ratio;
    }
    posting.bound = bound;
    return bound;
  };

  /** Adds one term's BM25 part to a document's score. */
  const addScore = (document: number, termWeight: number, tf: number) => {
    scores[document] = (scores[document] as number) + (termWeight * tf) / (tf + (lengthNorm[document] as number));
  };

  /**
   * Exact top k, term at a time, rarest term first (every document's score is summed in the same
   * order as scoring every posting would, so scores and ties are identical). Once the k-th best
   * partial score exceeds what all the remaining terms together could add, no new document can
   * enter the top k: the remaining terms only update the candidates that can still reach it, and
   * candidates that cannot are dropped. Long lists of common words and low-weight expansion terms
   * are then probed for a few candidates instead of walked.
   */
  const searchPruned = (terms: WeightedTerm[], k: number, filter?: (document: number) => boolean): Scored[] => {
    if (k <= 0) return [];
    const merged = new Map<string, number>();
    for (const { term, weight = 1 } of terms) merged.set(term, Math.max(merged.get(term) ?? 0, weight));
    const ordered: { posting: Posting; termWeight: number; bound: number }[] = [];
    for (const [term, weight] of merged) {
      const posting = postings.get(term);
      if (!posting) continue;
      const df = posting.documents.length;
      const termWeight = weight * Math.log(1 + (documentCount - df + 0.5) / (df + 0.5)) * (k1 + 1);
      ordered.push({ posting, termWeight, bound: termWeight * boundOf(posting) });
    }
    ordered.sort((a, b) => a.posting.documents.length - b.posting.documents.length);
    // remaining[i]: the most terms i.. can add to one document's score.
    const remaining = new Float64Array(ordered.length + 1);
    for (let i = ordered.length - 1; i >= 0; i--)
      remaining[i] = (remaining[i + 1] as number) + (ordered[i] as { bound: number }).bound;

    // Candidates live in a buffer of the index's own (no allocation per search), `count` of them.
    let count = 0;
    let closed = false;
    for (let t = 0; t < ordered.length; t++) {
      const { posting, termWeight } = ordered[t] as (typeof ordered)[number];
      const { documents, frequencies } = posting;
      const df = documents.length;
      // A margin of a millionth keeps rounding from ever dropping a document that belongs.
      const rest = (remaining[t] as number) * (1 + 1e-6);
      if (!closed && count >= k) closed = countAbove(count, rest, k) >= k;
      if (closed) {
        const threshold = kthLargest(count, k);
        let kept = 0;
        for (let i = 0; i < count; i++) {
          const document = candidates[i] as number;
          if ((scores[document] as number) + rest >= threshold) candidates[kept++] = document;
          else touched[document] = 0;
        }
        count = kept;
        if (count * Math.log2(df + 1) > df) {
          // Many candidates left: one pass over the postings (candidates are the touched documents)
          // costs less than a binary search per candidate.
          for (let i = 0; i < df; i++) {
            const document = documents[i] as number;
            if (!touched[document]) continue;
            addScore(document, termWeight, frequencies[i] as number);
          }
          continue;
        }
        for (let i = 0; i < count; i++) {
          const document = candidates[i] as number;
          const at = binarySearch(documents, document);
          if (at >= 0) addScore(document, termWeight, frequencies[at] as number);
        }
        continue;
      }
      for (let i = 0; i < df; i++) {
        const document = documents[i] as number;
        if (!touched[document]) {
          if (filter && !filter(document)) continue;
          touched[document] = 1;
          scores[document] = 0;
          candidates[count++] = document;
        }
        addScore(document, termWeight, frequencies[i] as number);
      }
    }
    const result = topK(scores, candidates, k, count);
    for (let i = 0; i < count; i++) touched[candidates[i] as number] = 0;
    return result;
  };

  /** How many of the first `count` candidates score above `value`, counting up to `enough`. */
  const countAbove = (count: number, value: number, enough: number): number => {
    let above = 0;
    for (let i = 0; i < count && above < enough; i++) if ((scores[candidates[i] as number] as number) > value) above++;
    return above;
  };

  /** The k-th largest score among the first `count` candidates (there are at least k). */
  const kthLargest = (count: number, k: number): number => {
    for (let i = 0; i < count; i++) selection[i] = scores[candidates[i] as number] as number;
    return quickselectDescending(selection, count, k - 1);
  };

  return {
    documentCount,
    search(terms, { k, filter }) {
      return searchPruned(terms, k, filter);
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

/** Index of `value` in an ascending array, or -1. */
function binarySearch(values: Uint32Array, value: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = values[middle] as number;
    if (found === value) return middle;
    if (found < value) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** The value at position `nth` of the first `length` values if they were sorted descending (reorders them). */
function quickselectDescending(values: Float64Array, length: number, nth: number): number {
  let low = 0;
  let high = length - 1;
  while (low < high) {
    const pivot = values[(low + high) >>> 1] as number;
    let i = low;
    let j = high;
    while (i <= j) {
      while ((values[i] as number) > pivot) i++;
      while ((values[j] as number) < pivot) j--;
      if (i <= j) {
        const swap = values[i] as number;
        values[i] = values[j] as number;
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (nth <= j) high = j;
    else if (nth >= i) low = i;
    else return values[nth] as number;
  }
  return values[nth] as number;
}
