import { describe, expect, it } from "vitest";
import type { Condition, FactCondition } from "../catalog/index.js";
import { evaluateCondition } from "./evaluate-condition.js";
import type { Facts } from "./profile.js";

const leaf = (fact: FactCondition["fact"], op: FactCondition["op"], value: FactCondition["value"]): FactCondition => ({
  fact,
  op,
  value,
  says: `${fact} ${op} ${JSON.stringify(value)}`,
  basis: "test clause",
});

describe("evaluateCondition per operator", () => {
  const cases: [FactCondition, Facts, Facts, Facts][] = [
    // condition, a profile where it holds, one where it fails, one without the fact
    [leaf("sex", "eq", "female"), { sex: "female" }, { sex: "male" }, {}],
    [leaf("sex", "ne", "female"), { sex: "male" }, { sex: "female" }, { age: 30 }],
    [leaf("age", "lt", 3), { age: 2 }, { age: 3 }, {}],
    [leaf("age", "lte", 3), { age: 3 }, { age: 4 }, {}],
    [leaf("age", "gt", 60), { age: 61 }, { age: 60 }, {}],
    [leaf("age", "gte", 60), { age: 60 }, { age: 59 }, {}],
    [leaf("age", "between", [1, 4]), { age: 4 }, { age: 5 }, {}],
    [
      leaf("employmentStatus", "in", ["retired", "unemployed"]),
      { employmentStatus: "retired" },
      { employmentStatus: "employed" },
      {},
    ],
    [
      leaf("employmentStatus", "notIn", ["student"]),
      { employmentStatus: "employed" },
      { employmentStatus: "student" },
      {},
    ],
    [leaf("lowIncomeFamily", "eq", false), { lowIncomeFamily: false }, { lowIncomeFamily: true }, {}],
  ];
  for (const [condition, holds, fails, missing] of cases) {
    it(`${condition.op}: true, false, and unknown when the fact is missing`, () => {
      expect(evaluateCondition(condition, holds)).toMatchObject({ value: true, met: [condition] });
      expect(evaluateCondition(condition, fails)).toMatchObject({ value: false, failed: [condition] });
      expect(evaluateCondition(condition, missing)).toMatchObject({ value: "unknown", missing: [condition] });
    });
  }

  it("between includes both ends", () => {
    const between = leaf("disabilityGrade", "between", [1, 4]);
    expect(evaluateCondition(between, { disabilityGrade: 1 }).value).toBe(true);
    expect(evaluateCondition(between, { disabilityGrade: 0 }).value).toBe(false);
  });

  it("a test of the youngest child's age fails for someone with no child, and stays unknown otherwise", () => {
    const underThree = leaf("youngestChildAge", "lt", 3);
    expect(evaluateCondition(underThree, { childCount: 0 })).toMatchObject({ value: false, failed: [underThree] });
    expect(evaluateCondition({ not: underThree }, { childCount: 0 }).value).toBe(true);
    expect(evaluateCondition(underThree, { childCount: 2 })).toMatchObject({ value: "unknown", missing: [underThree] });
  });

  it("a test of the certificate's disability category fails for someone with grade 0 (not disabled)", () => {
    const certified = leaf("disabilityCategory", "in", ["mental", "physical"]);
    expect(evaluateCondition(certified, { disabilityGrade: 0 })).toMatchObject({ value: false, failed: [certified] });
    expect(evaluateCondition(certified, { disabilityGrade: 3 }).value).toBe("unknown");
  });
});

describe("evaluateCondition combinators (Kleene logic)", () => {
  const a = leaf("age", "gte", 60);
  const b = leaf("lowIncomeFamily", "eq", true);
  const table: [Facts, boolean | "unknown", boolean | "unknown"][] = [
    // facts, all(a,b), any(a,b)
    [{ age: 70, lowIncomeFamily: true }, true, true],
    [{ age: 70, lowIncomeFamily: false }, false, true],
    [{ age: 50, lowIncomeFamily: false }, false, false],
    [{ age: 70 }, "unknown", true],
    [{ age: 50 }, false, "unknown"],
    [{}, "unknown", "unknown"],
  ];
  for (const [facts, all, any] of table)
    it(`all/any over ${JSON.stringify(facts)}`, () => {
      expect(evaluateCondition({ all: [a, b] }, facts).value).toBe(all);
      expect(evaluateCondition({ any: [a, b] }, facts).value).toBe(any);
    });

  it("not flips true and false and keeps unknown", () => {
    expect(evaluateCondition({ not: a }, { age: 70 }).value).toBe(false);
    expect(evaluateCondition({ not: a }, { age: 50 }).value).toBe(true);
    expect(evaluateCondition({ not: a }, {}).value).toBe("unknown");
  });

  it("a false conjunct decides: the reasons name only the failing condition, nothing as missing", () => {
    const trace = evaluateCondition({ all: [a, b] }, { age: 50 });
    expect(trace.failed).toEqual([a]);
    expect(trace.missing).toEqual([]);
  });

  it("an undecided conjunction names the missing facts and keeps what is already met", () => {
    const trace = evaluateCondition({ all: [a, b] }, { age: 70 });
    expect(trace.met).toEqual([a]);
    expect(trace.missing).toEqual([b]);
  });

  it("nested: all(a, any(b, c)) with c met is decided by a", () => {
    const c = leaf("disabilityGrade", "lte", 2);
    const condition: Condition = { all: [a, { any: [b, c] }] };
    expect(evaluateCondition(condition, { age: 61, disabilityGrade: 1 })).toMatchObject({ value: true, met: [a, c] });
    expect(evaluateCondition(condition, { disabilityGrade: 1 })).toMatchObject({ value: "unknown", missing: [a] });
  });
});
