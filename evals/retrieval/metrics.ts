export interface RankMetrics {
  cases: number;
  recallAt1: number;
  recallAt5: number;
  /** Mean reciprocal rank of the first relevant hit within the top 10 (0 when none). */
  mrr: number;
}

/**
 * Aggregates first-relevant ranks (1-based, or undefined when nothing relevant was returned)
 * into Recall@1, Recall@5 and MRR@10.
 */
export function rankMetrics(ranks: (number | undefined)[]): RankMetrics {
  const cases = ranks.length;
  if (cases === 0) return { cases, recallAt1: 0, recallAt5: 0, mrr: 0 };
  let at1 = 0;
  let at5 = 0;
  let reciprocal = 0;
  for (const rank of ranks) {
    if (rank === undefined) continue;
    if (rank <= 1) at1 += 1;
    if (rank <= 5) at5 += 1;
    if (rank <= 10) reciprocal += 1 / rank;
  }
  return { cases, recallAt1: at1 / cases, recallAt5: at5 / cases, mrr: reciprocal / cases };
}
