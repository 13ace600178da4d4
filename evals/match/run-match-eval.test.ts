import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DisputeSchema, runMatchEval } from "./run-match-eval.js";

const KNOWLEDGE = path.resolve(import.meta.dirname, "../../knowledge");
let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), "banshi-match-eval-"));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("runMatchEval", () => {
  it("counts a wrong expectation against accuracy and reports a declared-eligible-but-failing case as false eligible", async () => {
    const datasetFile = path.join(directory, "cases.jsonl");
    const cases = [
      // Right: a two-year-old is under three.
      {
        id: "right",
        description: "孩子两岁",
        profile: { youngestChildAge: 2 },
        asOf: "2026-12-04",
        expected: { "childcare-subsidy": "eligible" },
      },
      // Deliberately wrong expectation: the engine says eligible, the case says a condition fails.
      {
        id: "wrong",
        description: "孩子一岁",
        profile: { youngestChildAge: 1 },
        asOf: "2026-12-04",
        expected: { "childcare-subsidy": "ineligible" },
      },
    ];
    await writeFile(datasetFile, cases.map((item) => JSON.stringify(item)).join("\n"));
    const report = await runMatchEval({ knowledgeDir: KNOWLEDGE, datasetFile });
    expect(report.banshi).toMatchObject({ decisions: 2, correct: 1, accuracy: 0.5 });
    expect(report.banshi.falseEligible).toEqual([{ caseId: "wrong", benefitId: "childcare-subsidy" }]);
  });

  it("scores again without the disputed decisions, keeping the headline, and refuses a dispute that misquotes the dataset", async () => {
    const datasetFile = path.join(directory, "disputed.jsonl");
    const cases = [
      { id: "agreed", description: "孩子两岁", profile: { youngestChildAge: 2 }, asOf: "2026-12-04" },
      { id: "disputed", description: "孩子一岁", profile: { youngestChildAge: 1 }, asOf: "2026-12-04" },
    ].map((item, index) => ({ ...item, expected: { "childcare-subsidy": index === 0 ? "eligible" : "ineligible" } }));
    await writeFile(datasetFile, cases.map((item) => JSON.stringify(item)).join("\n"));
    const dispute = {
      case: "disputed",
      benefit: "childcare-subsidy",
      kind: "decision",
      expected: "ineligible",
      ours: "eligible",
      cluster: "age",
      reason: "一岁未满三周岁",
    };
    const file = (disputes: unknown[]) => ({
      about: "test",
      clusters: { age: { authorReading: "a", ourReading: "b", sourceClause: "c", why: "d" } },
      disputes,
    });
    const disputedFile = path.join(directory, "disputed.json");
    await writeFile(disputedFile, JSON.stringify(file([dispute])));
    const report = await runMatchEval({ knowledgeDir: KNOWLEDGE, datasetFile, disputedFile });
    expect(report.banshi).toMatchObject({ decisions: 2, correct: 1 });
    expect(report.undisputed?.banshi).toMatchObject({ decisions: 1, correct: 1, accuracy: 1 });
    expect(report.undisputed?.stale).toEqual([]);
    expect(report.markdown).toContain("disputed: age");

    await writeFile(disputedFile, JSON.stringify(file([{ ...dispute, expected: "eligible" }])));
    await expect(runMatchEval({ knowledgeDir: KNOWLEDGE, datasetFile, disputedFile })).rejects.toThrow(
      "disputed/childcare-subsidy says expected eligible, the dataset ineligible",
    );
  });

  it("keeps the blind third adjudication's judgment on a dispute, and refuses a side it does not know", () => {
    const dispute = {
      case: "c",
      benefit: "b",
      kind: "decision",
      expected: "eligible",
      ours: "possible",
      cluster: "x",
      reason: "r",
    } as const;
    const judged = { ...dispute, thirdAdjudication: { record: "R01", side: "undecided", reason: "条款未定" } };
    expect(DisputeSchema.parse(judged).thirdAdjudication?.side).toBe("undecided");
    // A decision judged for the author's label is taken off the list, so "author" is no side a dispute has.
    const forAuthor = { ...dispute, thirdAdjudication: { record: "R01", side: "author", reason: "条款支持" } };
    expect(DisputeSchema.safeParse(forAuthor).success).toBe(false);
  });

  it("refuses a case that names an unknown benefit", async () => {
    const datasetFile = path.join(directory, "unknown.jsonl");
    await writeFile(
      datasetFile,
      JSON.stringify({
        id: "x",
        description: "",
        profile: {},
        asOf: "2026-12-04",
        expected: { "no-such-benefit": "eligible" },
      }),
    );
    await expect(runMatchEval({ knowledgeDir: KNOWLEDGE, datasetFile })).rejects.toThrow(
      "unknown benefit 'no-such-benefit'",
    );
  });
});
