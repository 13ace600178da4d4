import { Router } from "express";
import type { Catalog } from "../catalog/index.js";
import type { Retriever } from "../retrieval/index.js";
import { badRequestFromZod } from "./error-handler.js";
import { createSearchQuerySchema, type SearchResponse } from "./schemas.js";

export interface SearchRouterDependencies {
  catalog: Catalog;
  retriever: Retriever;
  maxK: number;
  /**
   * Answers kept for repeated searches (default 500, about 7 KB each; 0: none). The router is made
   * once per knowledge version, so a reload starts with an empty cache.
   */
  cacheSize?: number;
}

/**
 * GET /api/search. A search is deterministic for one knowledge version, and portal traffic repeats
 * the same few questions, so answers are kept serialized (LRU by the parsed query): a repeated search
 * skips the retriever and JSON.stringify, the two largest costs of an HTTP search after the socket
 * writes in the profile (README, Performance over HTTP). `tookMs` is what this request took.
 */
export function createSearchRouter({ catalog, retriever, maxK, cacheSize = 500 }: SearchRouterDependencies): Router {
  const router = Router();
  const QuerySchema = createSearchQuerySchema(maxK);
  /** The response body without its closing `,"tookMs":…}`, by the parsed query. */
  const answers = new Map<string, string>();

  router.get("/search", async (request, response) => {
    const parsed = QuerySchema.safeParse(request.query);
    if (!parsed.success) throw badRequestFromZod(parsed.error, "q");
    const { q, k, kind, bundleId, matterId, collapse } = parsed.data;
    const started = performance.now();
    const key = JSON.stringify([q, k, kind, bundleId, matterId, collapse]);
    let head = answers.get(key);
    if (head === undefined) {
      const result = await retriever.search({ query: q, k, kinds: kind, bundleId, matterId, collapse });
      const body: Omit<SearchResponse, "tookMs"> = {
        query: q,
        expandedTerms: result.expandedTerms,
        corrections: result.corrections,
        hits: result.hits.map(({ chunk, score, snippet, signals }) => {
          const policy = chunk.policyId ? catalog.policies.get(chunk.policyId) : undefined;
          return {
            id: chunk.id,
            kind: chunk.kind,
            title: chunk.title,
            snippet,
            score: Number(score.toFixed(6)),
            signals,
            source: {
              documentId: chunk.documentId,
              title: chunk.title,
              sectionPath: chunk.sectionPath,
              bundleId: chunk.bundleId,
              matterId: chunk.matterId,
              policyId: chunk.policyId,
              issuer: policy?.issuer,
              number: policy?.number,
              date: policy?.date,
            },
          };
        }),
      };
      head = JSON.stringify(body).slice(0, -1);
      if (cacheSize > 0) {
        answers.set(key, head);
        if (answers.size > cacheSize) answers.delete(answers.keys().next().value as string);
      }
    } else {
      // Most recently used last, so the oldest entry is the one dropped.
      answers.delete(key);
      answers.set(key, head);
    }
    const tookMs = Number((performance.now() - started).toFixed(2));
    response.type("application/json").send(`${head},"tookMs":${tookMs}}`);
  });

  return router;
}
