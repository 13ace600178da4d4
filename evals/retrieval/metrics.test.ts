import { describe, expect, it } from "vitest";
import { rankMetrics } from "./metrics.js";

describe("rankMetrics", () => {
  it("computes Recall@1, Recall@5 and MRR@10 from first-relevant ranks", () => {
    const metrics = rankMetrics([1, 2, 6, undefined, 11]);
    expect(metrics.cases).toBe(5);
    expect(metrics.recallAt1).toBeCloseTo(1 / 5);
    expect(metrics.recallAt5).toBeCloseTo(2 / 5);
    expect(metrics.mrr).toBeCloseTo((1 + 1 / 2 + 1 / 6) / 5);
  });

  it("gives zeros for an empty set rather than NaN", () => {
    expect(rankMetrics([])).toEqual({ cases: 0, recallAt1: 0, recallAt5: 0, mrr: 0 });
  });
});
