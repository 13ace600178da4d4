// Sentences of every passage, tokenised once, with BM25 over sentences and the inverse document
// frequency of each word: what answer extraction needs to find the one sentence that answers a
// question (a passage of 400 characters holds several facts; a question asks for one).
import { createBm25Index } from "./bm25-index.js";
import { createSlicer } from "./create-slicer.js";
import type { Chunk, DocumentKind } from "./chunk.js";
import { normalizeText } from "./normalize-text.js";
import { isSentenceEnd, SENTENCE_END } from "./split-text.js";
import type { Tokenizer } from "./tokenizer.js";

export interface Sentence {
  /** Position in the index. */
  index: number;
  /** The sentence as written in the passage (verbatim, so it can be quoted). */
  text: string;
  /** Normalised (简体, half width) text for matching. */
  normalized: string;
  /** Distinct search tokens of the normalised text. */
  tokens: ReadonlySet<string>;
  chunk: Chunk;
  /** Position of the sentence in its passage, from 0. */
  position: number;
}

export interface SentenceSearchOptions {
  k: number;
  kinds?: DocumentKind[];
  /** Only sentences of these documents (`policy:guofa-2024-3`, `matter:…`). */
  documentIds?: ReadonlySet<string>;
}

export interface SentenceIndex {
  readonly sentences: readonly Sentence[];
  /** The sentences of one passage, in order. */
  ofChunk(chunkId: string): readonly Sentence[];
  /** The sentences of one document (all its passages), in order. */
  ofDocument(documentId: string): readonly Sentence[];
  /** BM25 over sentences. */
  search(tokens: readonly string[], options: SentenceSearchOptions): { sentence: Sentence; score: number }[];
  /** ln(1 + N / df): how much a word tells apart. A word no sentence holds weighs as a rare one, not more. */
  idf(token: string): number;
  /** Whether any sentence holds the word. */
  knows(token: string): boolean;
}

/** Sentence ends: 。！？；, line breaks; a list item's own line stays one sentence. */
export function splitSentences(text: string): string[] {
  return text
    .split("\n")
    .flatMap(splitLine)
    .map((sentence) => sentence.trim().replace(/^答：/u, ""))
    .filter((sentence) => sentence.length >= 2 && !sentence.startsWith("问："));
}

const OPENING = new Set(["（", "(", "“"]);
const CLOSING = new Set(["）", ")", "”"]);

/**
 * One line's sentences. A sentence end inside brackets or quotes ends no sentence: "社会保障卡申领表（通过
 * 联办时，可由联办申请表的信息代替。）" is one. A line whose brackets do not pair up (damaged source
 * text) is split at every end, as if there were none.
 */
function splitLine(line: string): string[] {
  const chars = [...line];
  const opened = chars.filter((char) => OPENING.has(char)).length;
  const closed = chars.filter((char) => CLOSING.has(char)).length;
  if (opened !== closed) return line.split(SENTENCE_END);
  const sentences: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of chars) {
    current += char;
    if (OPENING.has(char)) depth += 1;
    else if (CLOSING.has(char)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && isSentenceEnd(char)) {
      sentences.push(current);
      current = "";
    }
  }
  if (current) sentences.push(current);
  return sentences;
}

export function createSentenceIndex(chunks: readonly Chunk[], tokenizer: Tokenizer): SentenceIndex {
  const builder = startSentenceIndex(tokenizer);
  for (const chunk of chunks) builder.add(chunk);
  return builder.finish();
}

export interface BuildSentenceIndexInSlicesOptions {
  /** How long one slice may hold the event loop, in milliseconds. Default 8. */
  sliceMs?: number;
}

/**
 * The same index as `createSentenceIndex`, built in slices that give the event loop back between
 * them. A reload builds it while the service serves: on the bundled knowledge (618 passages, 1,891
 * sentences) one build took 35–105 ms on the main thread, long enough to hold every request up. It
 * stays on the main thread, unlike the search index, because the index holds the passages and the
 * tokenizer (a native jieba instance) that cannot be structured-cloned from a worker thread.
 */
export async function buildSentenceIndexInSlices(
  chunks: readonly Chunk[],
  tokenizer: Tokenizer,
  options: BuildSentenceIndexInSlicesOptions = {},
): Promise<SentenceIndex> {
  const slicer = createSlicer(options.sliceMs);
  const builder = startSentenceIndex(tokenizer);
  for (const chunk of chunks) {
    builder.add(chunk);
    await slicer.pause();
  }
  // Counting the words and BM25 over every sentence: a slice of its own.
  await slicer.pause({ force: true });
  return builder.finish();
}

/** Adds passages one at a time; `finish` counts the words and builds BM25 over the sentences. */
function startSentenceIndex(tokenizer: Tokenizer): { add(chunk: Chunk): void; finish(): SentenceIndex } {
  const sentences: Sentence[] = [];
  const byChunk = new Map<string, Sentence[]>();
  const byDocument = new Map<string, Sentence[]>();
  const add = (chunk: Chunk) => {
    const own: Sentence[] = [];
    splitSentences(chunk.text).forEach((text, position) => {
      const normalized = normalizeText(text);
      const sentence: Sentence = {
        index: sentences.length,
        text,
        normalized,
        tokens: new Set(tokenizer.tokenizeNormalized(normalized)),
        chunk,
        position,
      };
      sentences.push(sentence);
      own.push(sentence);
    });
    byChunk.set(chunk.id, own);
    const documentSentences = byDocument.get(chunk.documentId) ?? [];
    documentSentences.push(...own);
    byDocument.set(chunk.documentId, documentSentences);
  };
  return { add, finish: () => finishSentenceIndex(sentences, byChunk, byDocument) };
}

function finishSentenceIndex(
  sentences: Sentence[],
  byChunk: Map<string, Sentence[]>,
  byDocument: Map<string, Sentence[]>,
): SentenceIndex {
  // How much a word tells apart (`idf`, which answer extraction weighs subject words by) is counted
  // over the guides, FAQ and policies. Benefit entries are short lines written to one template
  // ("以当地公布标准为准"), a few per benefit: counted too, adding or editing one would reweigh the
  // words of every other answer. Their words are still known. The sentence search (BM25) ranks over
  // all sentences, benefits included, with its own statistics.
  const documentFrequency = new Map<string, number>();
  const benefitWords = new Set<string>();
  let counted = 0;
  for (const sentence of sentences) {
    if (sentence.chunk.kind === "benefit") {
      for (const token of sentence.tokens) benefitWords.add(token);
      continue;
    }
    counted++;
    for (const token of sentence.tokens) documentFrequency.set(token, (documentFrequency.get(token) ?? 0) + 1);
  }
  const bm25 = createBm25Index(sentences.map((sentence) => [...sentence.tokens]));
  const total = Math.max(1, counted);

  return {
    sentences,
    ofChunk: (chunkId) => byChunk.get(chunkId) ?? [],
    ofDocument: (documentId) => byDocument.get(documentId) ?? [],
    search(tokens, options) {
      const filter = (index: number) => {
        const sentence = sentences[index];
        if (!sentence) return false;
        if (options.kinds && !options.kinds.includes(sentence.chunk.kind)) return false;
        return !options.documentIds || options.documentIds.has(sentence.chunk.documentId);
      };
      return bm25
        .search(
          [...new Set(tokens)].map((term) => ({ term })),
          { k: options.k, filter },
        )
        .map((scored) => ({ sentence: sentences[scored.index] as Sentence, score: scored.score }));
    },
    // An unseen word may be the person's own wording for something the sources say otherwise.
    idf: (token) => Math.log(1 + total / ((documentFrequency.get(token) ?? 4) + 0.5)),
    knows: (token) => documentFrequency.has(token) || benefitWords.has(token),
  };
}
