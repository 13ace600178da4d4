import { z } from "zod";
import {
  BundleDetailResponseSchema,
  ChecklistRequestSchema,
  ChecklistResponseSchema,
  BundleListResponseSchema,
  MatterDetailResponseSchema,
  PolicyDetailResponseSchema,
} from "./catalog-router.js";
import {
  ChatReplySchema,
  createChatRequestSchema,
  FeedbackRequestSchema,
  FeedbackResponseSchema,
  UnansweredResponseSchema,
} from "./chat-router.js";
import { ErrorResponseSchema } from "./error-handler.js";
import { createMatchPaths } from "./match-openapi.js";
import { createPrefillPaths } from "./prefill-openapi.js";
import { createPrereviewPaths, prereviewSecuritySchemes } from "./prereview-openapi.js";
import type { PrereviewUploadLimits } from "./prereview-upload.js";
import { StatsSchema } from "../storage/index.js";
import { createSearchQuerySchema, HealthResponseSchema, ReadyResponseSchema, SearchResponseSchema } from "./schemas.js";

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: "input" | "output" = "output"): JsonSchema {
  const json = z.toJSONSchema(schema, { target: "openapi-3.0", io, unrepresentable: "any" }) as JsonSchema;
  delete json.$schema;
  return json;
}

function errorResponses(...statuses: number[]) {
  const descriptions: Record<number, string> = {
    400: "Invalid input",
    401: "Missing or wrong credentials",
    403: "Endpoint disabled, or credentials that do not give access",
    404: "Not found",
    409: "Not in a state that allows this yet",
    413: "Too large: a file, too many files or a field",
    415: "Unsupported media type",
    422: "Refused on its content (a knowledge change that does not validate, a value that fails its field's check)",
    429: "Too many requests",
    500: "Server error",
    503: "Unavailable: the database is unreachable (storage_unavailable) or pre-review cannot store or queue a submission (prereview_unavailable); nothing was stored, try again later",
  };
  return Object.fromEntries(
    statuses.map((status) => [
      String(status),
      {
        description: descriptions[status] ?? "Error",
        content: { "application/json": { schema: schemaOf(ErrorResponseSchema) } },
      },
    ]),
  );
}

function ok(schema: z.ZodType, description = "OK") {
  return { "200": { description, content: { "application/json": { schema: schemaOf(schema) } } } };
}

const idParameter = (what: string) => ({
  name: "id",
  in: "path",
  required: true,
  description: `${what} id (kebab-case)`,
  schema: { type: "string", pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*$" },
});

/** The OpenAPI 3.0 document, generated from the same zod schemas that validate requests. */
export function createOpenApiDocument(options: {
  maxK: number;
  version: string;
  maxMessageChars?: number;
  prereviewLimits?: Partial<PrereviewUploadLimits>;
}): JsonSchema {
  const query = schemaOf(createSearchQuerySchema(options.maxK), "input") as {
    properties: Record<string, JsonSchema>;
    required?: string[];
  };
  const searchParameters = Object.entries(query.properties).map(([name, schema]) => ({
    name,
    in: "query",
    required: query.required?.includes(name) ?? false,
    description: schema.description,
    schema,
  }));
  return {
    openapi: "3.0.3",
    info: {
      title: "Banshi API",
      version: options.version,
      description: "Grounded government-service guidance (高效办成一件事). The bundled knowledge base is sample data.",
    },
    components: { securitySchemes: prereviewSecuritySchemes },
    paths: {
      "/healthz": { get: { summary: "Liveness and index status", responses: { ...ok(HealthResponseSchema) } } },
      "/readyz": {
        get: {
          summary: "Readiness for traffic: the index, the database and pre-review (503 while a check fails)",
          responses: {
            ...ok(ReadyResponseSchema),
            "503": {
              description: "Not ready",
              content: { "application/json": { schema: schemaOf(ReadyResponseSchema) } },
            },
          },
        },
      },
      "/api/search": {
        get: {
          summary: "Hybrid search over bundles, matters, policies, FAQ and benefits",
          parameters: searchParameters,
          responses: {
            ...ok(SearchResponseSchema),
            "304": { description: "Not modified: If-None-Match names this answer's ETag (weak; tookMs aside)" },
            ...errorResponses(400, 500),
          },
        },
      },
      "/api/bundles": { get: { summary: "All bundles", responses: { ...ok(BundleListResponseSchema) } } },
      "/api/bundles/{id}": {
        get: {
          summary: "One bundle with its matters and merged material list",
          parameters: [idParameter("Bundle")],
          responses: { ...ok(BundleDetailResponseSchema), ...errorResponses(400, 404) },
        },
      },
      "/api/bundles/{id}/checklist": {
        get: {
          summary:
            "The checklist (一次告知单) for the scenario answers given as query parameters (scenario id = option value)",
          parameters: [
            idParameter("Bundle"),
            {
              name: "answers",
              in: "query",
              style: "form",
              explode: true,
              description: "One parameter per answered scenario question: ?parents-married=married",
              schema: { type: "object", additionalProperties: { type: "string" } },
            },
          ],
          responses: { ...ok(ChecklistResponseSchema), ...errorResponses(400, 404) },
        },
        post: {
          summary: "The checklist (一次告知单) for the scenario answers in the body",
          parameters: [idParameter("Bundle")],
          requestBody: {
            required: false,
            content: { "application/json": { schema: schemaOf(ChecklistRequestSchema, "input") } },
          },
          responses: { ...ok(ChecklistResponseSchema), ...errorResponses(400, 404) },
        },
      },
      "/api/chat": {
        post: {
          summary:
            "One turn of the guidance dialogue. With Accept: text/event-stream the same reply streams as events answer-delta, citations, route, clarify, scenario, checklist, handoff, done",
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: schemaOf(createChatRequestSchema(options.maxMessageChars ?? 1000), "input"),
              },
            },
          },
          responses: { ...ok(ChatReplySchema), ...errorResponses(400, 404, 429) },
        },
      },
      "/api/feedback": {
        post: {
          summary: "Rate an answer (好差评); a second rating of the same answer replaces the first",
          requestBody: {
            required: true,
            content: { "application/json": { schema: schemaOf(FeedbackRequestSchema, "input") } },
          },
          responses: {
            "201": {
              description: "Recorded",
              content: { "application/json": { schema: schemaOf(FeedbackResponseSchema) } },
            },
            ...errorResponses(400, 404, 503),
          },
        },
      },
      "/api/sessions/{sessionId}": {
        delete: {
          summary:
            "A signed-in portal user deletes their conversation (X-Banshi-User-Token): messages, ratings and comments, and the session's data key",
          parameters: [
            { name: "sessionId", in: "path", required: true, schema: { type: "string", format: "uuid" } },
            {
              name: "X-Banshi-User-Token",
              in: "header",
              required: true,
              description: "The portal's signed user token (PORTAL_TOKEN_SECRET)",
              schema: { type: "string" },
            },
          ],
          responses: { "204": { description: "Deleted" }, ...errorResponses(400, 401, 404, 503) },
        },
      },
      "/api/admin/unanswered": {
        get: {
          summary:
            "Questions with no grounded answer or a down rating, most frequent first (Authorization: Bearer ADMIN_TOKEN)",
          parameters: [
            { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 1000 } },
          ],
          responses: { ...ok(UnansweredResponseSchema), ...errorResponses(400, 401, 403, 503) },
        },
      },
      "/api/admin/knowledge/reload": {
        post: {
          summary:
            "Validate the knowledge directory and, when it changed, index it in the background and swap it in (Authorization: Bearer ADMIN_TOKEN). 422 with the validation report in error.details; 409 while a build runs",
          responses: {
            "200": { description: 'Unchanged: `{status: "unchanged", version}`' },
            "202": { description: 'Building: `{status: "building", version, serving}`' },
            ...errorResponses(401, 403, 409, 422),
          },
        },
      },
      "/api/admin/knowledge": {
        get: {
          summary:
            "The knowledge base version serving, a build in progress or its error, and the last 20 versions (Authorization: Bearer ADMIN_TOKEN)",
          responses: { "200": { description: "Status and history" }, ...errorResponses(401, 403, 503) },
        },
      },
      "/api/admin/stats": {
        get: {
          summary:
            "Staff analytics for whole days (China Standard Time), or one of its tables as CSV (Authorization: Bearer a clerk token or ADMIN_TOKEN)",
          parameters: [
            { name: "from", in: "query", required: false, schema: { type: "string", format: "date" } },
            { name: "to", in: "query", required: false, schema: { type: "string", format: "date" } },
            { name: "format", in: "query", required: false, schema: { type: "string", enum: ["json", "csv"] } },
            { name: "table", in: "query", required: false, schema: { type: "string" } },
          ],
          responses: { ...ok(StatsSchema), ...errorResponses(400, 401, 403, 503) },
        },
      },
      "/api/matters/{id}": {
        get: {
          summary: "One matter's service guide",
          parameters: [idParameter("Matter")],
          responses: { ...ok(MatterDetailResponseSchema), ...errorResponses(400, 404) },
        },
      },
      "/api/policies/{id}": {
        get: {
          summary: "One policy document, verbatim, with its sections",
          parameters: [idParameter("Policy")],
          responses: { ...ok(PolicyDetailResponseSchema), ...errorResponses(400, 404) },
        },
      },
      ...createPrereviewPaths({ schemaOf, errorResponses, ok }, options.prereviewLimits),
      ...createMatchPaths({ schemaOf, errorResponses, ok }),
      ...createPrefillPaths({ schemaOf, errorResponses, ok, idParameter }),
    },
  };
}
