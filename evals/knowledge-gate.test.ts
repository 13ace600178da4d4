import path from "node:path";
import { describe, expect, it } from "vitest";
import { compareFigures, loadGateConfig, renderGate } from "./knowledge-gate.js";

describe("compareFigures", () => {
  it("passes figures at or above their floor and at or below their ceiling, and fails the rest", () => {
    const figures = compareFigures(
      "answers-dev.jsonl",
      { keyFactAccuracy: 0.83, refusalAccuracy: 0.5, overRefusalRate: 0.1 },
      { min: { keyFactAccuracy: 0.83, refusalAccuracy: 0.87 }, max: { overRefusalRate: 0.04 } },
    );
    expect(figures.map((figure) => [figure.figure, figure.passed])).toEqual([
      ["keyFactAccuracy", true],
      ["refusalAccuracy", false],
      ["overRefusalRate", false],
    ]);
  });

  it("fails a figure the config names but the evaluation did not report", () => {
    const [figure] = compareFigures("retrieval.jsonl", {}, { min: { recallAt1: 0.5 } });
    expect(figure?.passed).toBe(false);
    expect(renderGate({ passed: false, figures: figure ? [figure] : [], errors: [] })).toMatch(/missing.*FAILS/);
  });
});

describe("the shipped thresholds", () => {
  it("parse, and name only datasets that exist", async () => {
    const config = await loadGateConfig(path.join(import.meta.dirname, "knowledge-gate.json"));
    expect(Object.keys(config.retrieval)).toEqual(["retrieval.jsonl", "retrieval-holdout.jsonl"]);
    expect(Object.keys(config.answers)).toEqual(["answers-dev.jsonl", "answers-holdout.jsonl"]);
  });
});
