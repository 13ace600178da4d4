import type { OpenApiHelpers } from "./prereview-openapi.js";
import {
  ClerkMatchQuerySchema,
  ClerkMatchResponseSchema,
  MatchRequestSchema,
  MatchResponseSchema,
} from "./match-router.js";

/** The policy-matching paths of the OpenAPI document. */
export function createMatchPaths(helpers: OpenApiHelpers) {
  const { schemaOf, errorResponses, ok } = helpers;
  return {
    "/api/match": {
      post: {
        summary:
          "Policy matching (政策找人): for each benefit in the knowledge base, eligible, possibly eligible (with the facts still needed) or not eligible, each reason quoting its source. A signed portal token (X-Banshi-User-Token) may carry `profile` claims that override the body's.",
        requestBody: {
          required: true,
          content: { "application/json": { schema: schemaOf(MatchRequestSchema, "input") } },
        },
        responses: { ...ok(MatchResponseSchema), ...errorResponses(400, 401, 503) },
      },
    },
    "/api/clerk/match": {
      post: {
        summary:
          "免申即享 list for staff: a CSV of profiles (header = profile field names, optional `id` column) in, who qualifies for what with reasons out (CSV) plus a per-benefit summary; bad rows are reported by line number and skipped",
        security: [{ clerkToken: [] }],
        parameters: Object.entries(
          (schemaOf(ClerkMatchQuerySchema, "input") as { properties: Record<string, object> }).properties,
        ).map(([name, schema]) => ({ name, in: "query", required: false, schema })),
        requestBody: {
          required: true,
          content: { "text/csv": { schema: { type: "string" } } },
        },
        responses: { ...ok(ClerkMatchResponseSchema), ...errorResponses(400, 401, 403, 413) },
      },
    },
  };
}
