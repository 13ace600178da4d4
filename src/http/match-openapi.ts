import type { OpenApiHelpers } from "./prereview-openapi.js";
import { MatchRequestSchema, MatchResponseSchema } from "./match-router.js";

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
        responses: { ...ok(MatchResponseSchema), ...errorResponses(400, 401) },
      },
    },
  };
}
