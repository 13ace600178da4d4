import { FormDescriptionSchema } from "../prereview/index.js";
import type { OpenApiHelpers } from "./prereview-openapi.js";
import { PrefillJsonRequestSchema, PrefillResponseSchema } from "./prefill-schemas.js";
import { PrereviewSubmitFormSchema } from "./prereview-schemas.js";

type JsonSchema = Record<string, unknown>;

/** openapi.ts's helpers and its path parameter for a catalog id. */
export interface PrefillOpenApiHelpers extends OpenApiHelpers {
  idParameter(what: string): JsonSchema;
}

/** POST /api/prefill and the form schema endpoints, from the zod schemas the router uses. */
export function createPrefillPaths({
  schemaOf,
  errorResponses,
  ok,
  idParameter,
}: PrefillOpenApiHelpers): Record<string, JsonSchema> {
  const formPath = (what: string) => ({
    get: {
      summary: `The application form of a ${what.toLowerCase()}: labels, types, choices, required`,
      parameters: [idParameter(what)],
      responses: { ...ok(FormDescriptionSchema), ...errorResponses(400, 404) },
    },
  });
  return {
    "/api/prefill": {
      post: {
        summary:
          "Smart prefill (智能预填): the application form filled from uploaded materials (multipart, read now and not kept), a finished pre-review (caseId, with X-Case-Secret or a clerk token), a chat session (sessionId; a signed-in user's needs X-Banshi-User-Token) or a bundle/matter with typed values. Each field: value, source (document and evidence box, scenario answer, portal profile, applicant, derived), confidence; conflicts and values failing their check are named, never chosen.",
        requestBody: {
          required: true,
          content: {
            "application/json": { schema: schemaOf(PrefillJsonRequestSchema, "input") },
            "multipart/form-data": { schema: PrereviewSubmitFormSchema },
          },
        },
        responses: { ...ok(PrefillResponseSchema), ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429, 503) },
      },
    },
    "/api/bundles/{id}/form": formPath("Bundle"),
    "/api/matters/{id}/form": formPath("Matter"),
  };
}
