import { Router } from "express";
import type { Catalog } from "../catalog/index.js";
import type { Retriever } from "../retrieval/index.js";
import { badRequestFromZod } from "./error-handler.js";
import { createSearchQuerySchema, type SearchResponse } from "./schemas.js";

export interface SearchRouterDependencies {
  catalog: Catalog;
  retriever: Retriever;
  maxK: number;
}

export function createSearchRouter({ catalog, retriever, maxK }: SearchRouterDependencies): Router {
  const router = Router();
  const QuerySchema = createSearchQuerySchema(maxK);

  router.get("/search", async (request, response) => {
    const parsed = QuerySchema.safeParse(request.query);
    if (!parsed.success) throw badRequestFromZod(parsed.error, "q");
    const { q, k, kind, bundleId, matterId, collapse } = parsed.data;
    const started = performance.now();
    const result = await retriever.search({ query: q, k, kinds: kind, bundleId, matterId, collapse });
    const body: SearchResponse = {
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
      tookMs: Number((performance.now() - started).toFixed(2)),
    };
    response.json(body);
  });

  return router;
}
