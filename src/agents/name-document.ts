// The policy document a question names in its own words: 「政务服务标准化规范化便利化的指导意见里……」
// names 《国务院关于加快推进政务服务标准化规范化便利化的指导意见》 without its issuer or its first
// words. The words that name the document say which document to read, not what to find in it:
// within that document they are left out of the question's subject, or every sentence that repeats
// the title ("为加快推进政务服务标准化、规范化、便利化……") would outscore the one that answers.
import { bigrams } from "./scenario-dialogue.js";

export interface NamedDocument {
  /** Policies (by id) whose title the words name. */
  policyIds: string[];
  /** The words of the question that name them, normalised. */
  span: string;
}

// The kind of document a title ends with.
const DOCUMENT_KIND = /(意见|通知|决定|方案|办法|条例|规定|解读|纲要|规划)/gu;
// Where the words naming a document start: after punctuation or a space.
const CLAUSE_START = /[，。？！,.?!；;：:\s]/u;
// Words that point at a document rather than name it, 的 (「甘肃的实施意见」), and the year it came out in
// (「国务院2024年推动……的指导意见」: no title holds its year).
const POINTING = /(那个|这个|那篇|这篇|那份|这份|那一个|那条|的|(?:19|20)\d{2}年(?:\d{1,2}月)?份?)/gu;
/** Least share of the naming words' character pairs the title must hold. */
const MIN_CONTAINED = 0.75;
/** Fewest character pairs naming words must have: 「意见」 alone names nothing. */
const MIN_PAIRS = 5;

/**
 * The policies whose title a question names, wholly or in other words, and the words that name them.
 * `titles` maps policy id → title. Of titles that hold the words equally well, the closest (fewest
 * pairs of its own besides) is taken: the document, not a commentary that quotes its title.
 */
export function nameDocument(normalized: string, titles: ReadonlyMap<string, string>): NamedDocument | undefined {
  let best: { ids: string[]; span: string; contained: number; closeness: number } | undefined;
  const titlePairs = titlePairsOf(titles);
  for (const match of normalized.matchAll(DOCUMENT_KIND)) {
    const end = (match.index ?? 0) + match[0].length;
    let start = end - match[0].length;
    while (start > 0 && !CLAUSE_START.test(normalized[start - 1] as string)) start -= 1;
    const clause = normalized.slice(start, end);
    const named: { id: string; from: number; pairs: ReadonlySet<string> }[] = [];
    for (const [id, pairs] of titlePairs) {
      // The naming words start where the title's words do: 「国务院那个推动……」 keeps 国务院.
      const from = firstPairIn(clause, pairs);
      if (from < 0) continue;
      // 「甘肃那个实施意见」 names it as well as 「甘肃实施意见」: pointing words are not the title's.
      const asked = bigrams(clause.slice(from).replace(POINTING, ""));
      if (asked.size < MIN_PAIRS) continue;
      if ([...asked].filter((pair) => pairs.has(pair)).length / asked.size < MIN_CONTAINED) continue;
      named.push({ id, from, pairs });
    }
    if (named.length === 0) continue;
    // The titles named are compared on the same words, all that name any of them: 「国务院推动“高效办成
    // 一件事”的意见」 is the State Council's, though the Gansu title holds all of its words after 国务院.
    const span = clause.slice(Math.min(...named.map((item) => item.from)));
    const asked = bigrams(span.replace(POINTING, ""));
    for (const { id, pairs } of named) {
      const held = [...asked].filter((pair) => pairs.has(pair)).length;
      const contained = held / asked.size;
      const closeness = held / pairs.size;
      if (
        !best ||
        contained > best.contained + 1e-9 ||
        (contained > best.contained - 1e-9 && closeness > best.closeness + 1e-9)
      )
        best = { ids: [id], span, contained, closeness };
      else if (contained > best.contained - 1e-9 && closeness > best.closeness - 1e-9 && !best.ids.includes(id))
        best.ids.push(id);
    }
  }
  return best ? { policyIds: best.ids, span: best.span } : undefined;
}

/** The subject words that only name the document: in the naming words and nowhere else in the question. */
export function namingWords(normalized: string, named: NamedDocument, subjectTokens: readonly string[]): string[] {
  const rest = normalized.split(named.span).join("|");
  return subjectTokens.filter((token) => named.span.includes(token) && !rest.includes(token));
}

function firstPairIn(clause: string, pairs: ReadonlySet<string>): number {
  const characters = Array.from(clause);
  let offset = 0;
  for (let i = 0; i + 1 < characters.length; i++) {
    if (pairs.has(`${characters[i]}${characters[i + 1]}`)) return offset;
    offset += (characters[i] as string).length;
  }
  return -1;
}

const pairsCache = new WeakMap<ReadonlyMap<string, string>, Map<string, Set<string>>>();

function titlePairsOf(titles: ReadonlyMap<string, string>): Map<string, Set<string>> {
  let pairs = pairsCache.get(titles);
  if (!pairs) {
    pairs = new Map([...titles].map(([id, title]) => [id, bigrams(title)]));
    pairsCache.set(titles, pairs);
  }
  return pairs;
}
