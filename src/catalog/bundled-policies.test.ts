import { beforeAll, describe, expect, it } from "vitest";
import { KNOWLEDGE_DIR } from "../test-support/shared-index.js";
import { type Catalog, loadCatalog, policyStatus } from "./index.js";

// The official documents in knowledge/policies carry the source metadata answers cite them by:
// issuer, document number and the day they took effect (none states a repeal).
let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog({ directory: KNOWLEDGE_DIR });
});

const regulations = () => [...catalog.policies.values()].filter((policy) => policy.kind === "regulation");

describe("the bundled policies", () => {
  it("each regulation has its issuer, document number and effective day, and no repeal", () => {
    expect(regulations().length).toBeGreaterThanOrEqual(5);
    for (const policy of regulations()) {
      expect(policy.issuer, policy.id).toMatch(/\S/);
      expect(policy.number, policy.id).toMatch(/^\p{Script=Han}+〔\d{4}〕\d+号$/u);
      expect(policy.effective, policy.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // Taken from the document's own date: the same day, or a day of its month when the date has none.
      expect(policy.effective?.startsWith(policy.date), policy.id).toBe(true);
      expect(policy.repealed, policy.id).toBeUndefined();
      expect(policy.repealedBy, policy.id).toBeUndefined();
    }
  });

  it("each commentary names its issuer and explains a bundled regulation (a commentary has no number of its own)", () => {
    const commentaries = [...catalog.policies.values()].filter((policy) => policy.kind === "commentary");
    for (const commentary of commentaries) {
      expect(commentary.issuer).toMatch(/\S/);
      expect(commentary.number).toBeUndefined();
      expect(catalog.policies.get(commentary.explains ?? "")?.kind).toBe("regulation");
    }
  });

  it("each regulation is in force from its effective day and not before", () => {
    for (const policy of regulations()) {
      const effective = policy.effective ?? expect.unreachable();
      const dayBefore = new Date(Date.parse(`${effective}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      expect(policyStatus(policy, effective), policy.id).toBe("in_force");
      expect(policyStatus(policy, "2026-12-05"), policy.id).toBe("in_force");
      expect(policyStatus(policy, dayBefore), policy.id).toBe("not_yet_effective");
    }
  });
});
