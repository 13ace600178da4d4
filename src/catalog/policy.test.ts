import { describe, expect, it } from "vitest";
import { policyStatus } from "./policy.js";

describe("policyStatus", () => {
  it("is in force between its effective and repeal dates, not yet before, repealed from the repeal day", () => {
    const dates = { effective: "2024-03-01", repealed: "2026-01-01" };
    expect(policyStatus(dates, "2024-02-29")).toBe("not_yet_effective");
    expect(policyStatus(dates, "2024-03-01")).toBe("in_force");
    expect(policyStatus(dates, "2025-12-31")).toBe("in_force");
    expect(policyStatus(dates, "2026-01-01")).toBe("repealed");
    expect(policyStatus({}, "2026-01-01")).toBe("in_force");
  });
});
