import { z } from "zod";
import { loadJsonl } from "../load-jsonl.js";
import type { Catalog } from "../../src/catalog/index.js";
import { type Chunk, normalizeText } from "../../src/retrieval/index.js";

export const ExpectationSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("bundle"), id: z.string() }).strict(),
  z.object({ kind: z.literal("matter"), id: z.string() }).strict(),
  z.object({ kind: z.literal("policy"), id: z.string(), contains: z.string().min(4) }).strict(),
]);
export type Expectation = z.infer<typeof ExpectationSchema>;

export const RetrievalCaseSchema = z
  .object({
    id: z.string(),
    query: z.string().min(1),
    category: z.enum(["colloquial", "formal", "traditional", "typo", "keyword", "policy"]),
    expect: z.array(ExpectationSchema).min(1),
  })
  .strict();
export type RetrievalCase = z.infer<typeof RetrievalCaseSchema>;

/** Reads a JSONL dataset; a bad line fails with its line number. */
export function loadRetrievalCases(file: string): Promise<RetrievalCase[]> {
  return loadJsonl(file, RetrievalCaseSchema);
}

/** Whether a retrieved passage satisfies one expectation (policy passages must hold the quoted text). */
export function matches(chunk: Chunk, expectation: Expectation): boolean {
  switch (expectation.kind) {
    case "bundle":
      return chunk.documentId === `bundle:${expectation.id}`;
    case "matter":
      return chunk.documentId === `matter:${expectation.id}`;
    case "policy":
      return (
        chunk.policyId === expectation.id && normalizeText(chunk.text).includes(normalizeText(expectation.contains))
      );
  }
}

/** Problems with a dataset against a catalog: unknown ids, quotes that are not in the policy. */
export function checkCasesAgainstCatalog(cases: RetrievalCase[], catalog: Catalog): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const item of cases) {
    if (seen.has(item.id)) problems.push(`${item.id}: duplicate id`);
    seen.add(item.id);
    for (const expectation of item.expect) {
      if (expectation.kind === "bundle" && !catalog.bundles.has(expectation.id))
        problems.push(`${item.id}: unknown bundle ${expectation.id}`);
      if (expectation.kind === "matter" && !catalog.matters.has(expectation.id))
        problems.push(`${item.id}: unknown matter ${expectation.id}`);
      if (expectation.kind === "policy") {
        const policy = catalog.policies.get(expectation.id);
        if (!policy) problems.push(`${item.id}: unknown policy ${expectation.id}`);
        else if (!policy.text.includes(expectation.contains))
          problems.push(`${item.id}: "${expectation.contains}" is not in ${expectation.id}`);
      }
    }
  }
  return problems;
}
