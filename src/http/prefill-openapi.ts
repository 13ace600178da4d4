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
    "/api/prefill/pages/{page}": {
      post: {
        summary:
          "The page image a prefilled value's evidence box is drawn on, for a file the uploader still holds (a PDF or TIFF a browser cannot show as OCR read it): one file in `files`, rendered as pre-review renders a case's page (the same intake checks), read at once and not kept. X-Page-Width/X-Page-Height give the pixel size the boxes are in.",
        parameters: [
          {
            name: "page",
            in: "path",
            required: true,
            description: "1-based page number",
            schema: { type: "integer", minimum: 1 },
          },
        ],
        requestBody: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: {
                type: "object",
                required: ["files"],
                properties: { files: { type: "string", format: "binary", description: "One material file" } },
              },
            },
          },
        },
        responses: {
          "200": {
            description: "The page image (PNG, or the image itself when OCR read it unchanged)",
            headers: {
              "X-Page-Width": { schema: { type: "integer" } },
              "X-Page-Height": { schema: { type: "integer" } },
            },
            content: { "image/png": {}, "image/jpeg": {}, "image/webp": {} },
          },
          ...errorResponses(400, 404, 409, 413, 415, 429, 503),
        },
      },
    },
    "/api/bundles/{id}/form": formPath("Bundle"),
    "/api/matters/{id}/form": formPath("Matter"),
  };
}
