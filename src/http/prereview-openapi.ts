import type { z } from "zod";
import {
  CaseQuerySchema,
  ListCasesQuerySchema,
  NoticeQuerySchema,
  PrereviewCaseResponseSchema,
  PrereviewListResponseSchema,
  PrereviewAuditResponseSchema,
  PrereviewNoticeJsonSchema,
  PrefillConfirmationRequestSchema,
  PrefillConfirmationResponseSchema,
  PrereviewReviewRequestSchema,
  PrereviewReviewResponseSchema,
  PrereviewSubmitFormSchema,
  PrereviewSubmitResponseSchema,
} from "./prereview-schemas.js";
import { DEFAULT_PREREVIEW_UPLOAD_LIMITS, type PrereviewUploadLimits } from "./prereview-upload.js";

type JsonSchema = Record<string, unknown>;

/** The helpers of openapi.ts, passed in so the two files do not import each other. */
export interface OpenApiHelpers {
  schemaOf(schema: z.ZodType, io?: "input" | "output"): JsonSchema;
  errorResponses(...statuses: number[]): JsonSchema;
  ok(schema: z.ZodType, description?: string): JsonSchema;
}

const caseIdParameter = {
  name: "caseId",
  in: "path",
  required: true,
  description: "The pre-review case id (UUID)",
  schema: { type: "string", format: "uuid" },
};
const secretHeader = {
  name: "X-Case-Secret",
  in: "header",
  required: false,
  description: "The applicant's case secret from the submission (or Authorization: Bearer <clerk token>)",
  schema: { type: "string" },
};
const bearer = [{ clerkToken: [] }];
const applicantOrClerk = [{ caseSecret: [] }, { clerkToken: [] }];

function queryParameters(helpers: OpenApiHelpers, schema: z.ZodType) {
  const json = helpers.schemaOf(schema, "input") as { properties: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties).map(([name, property]) => ({
    name,
    in: "query",
    required: json.required?.includes(name) ?? false,
    description: property.description,
    schema: property,
  }));
}

/** Security schemes for the pre-review endpoints. */
export const prereviewSecuritySchemes = {
  clerkToken: { type: "http", scheme: "bearer", description: "A clerk token from CLERK_TOKENS" },
  caseSecret: { type: "apiKey", in: "header", name: "X-Case-Secret", description: "The case secret (or ?secret=)" },
};

/** OpenAPI paths of the pre-review endpoints. */
export function createPrereviewPaths(helpers: OpenApiHelpers, limits: Partial<PrereviewUploadLimits> = {}) {
  const { maxFileBytes, maxFiles, submissionsPerHour } = { ...DEFAULT_PREREVIEW_UPLOAD_LIMITS, ...limits };
  const { schemaOf, errorResponses, ok } = helpers;
  return {
    "/api/prereview": {
      post: {
        summary: `Submit materials for pre-review (智能预审): up to ${maxFiles} files of at most ${Math.round(
          maxFileBytes / 1024 / 1024,
        )} MB each, ${submissionsPerHour} submissions per client address per hour unless a clerk token is sent. Answers 202 at once; poll the case until done.`,
        requestBody: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: PrereviewSubmitFormSchema,
              encoding: { files: { contentType: "application/pdf, image/jpeg, image/png, image/webp, image/tiff" } },
            },
          },
        },
        responses: {
          "202": {
            description: "Stored and queued",
            headers: { Location: { schema: { type: "string" } } },
            content: { "application/json": { schema: schemaOf(PrereviewSubmitResponseSchema) } },
          },
          ...errorResponses(400, 401, 404, 413, 415, 429, 503),
        },
      },
      get: {
        summary: "Recent cases for the clerk console, most recent first (clerks only)",
        security: bearer,
        parameters: queryParameters(helpers, ListCasesQuerySchema),
        responses: { ...ok(PrereviewListResponseSchema), ...errorResponses(400, 401, 403, 503) },
      },
    },
    "/api/prereview/{caseId}": {
      get: {
        summary:
          "A case: status, and the report once done, with the clerk's review. Applicant (secret) or clerk. A wrong secret and an unknown case give the same 403.",
        security: applicantOrClerk,
        parameters: [caseIdParameter, secretHeader, ...queryParameters(helpers, CaseQuerySchema)],
        responses: { ...ok(PrereviewCaseResponseSchema), ...errorResponses(400, 401, 403, 404, 503) },
      },
      delete: {
        summary:
          "Delete the uploaded files and everything read from them; the case stays as status deleted with its audit trail",
        security: applicantOrClerk,
        parameters: [caseIdParameter, secretHeader],
        responses: {
          "204": { description: "Deleted (also when already deleted)" },
          ...errorResponses(400, 401, 403, 404, 503),
        },
      },
    },
    "/api/prereview/{caseId}/audit": {
      get: {
        summary: "The case's audit trail, oldest first (clerks only); kept after the case is deleted",
        security: bearer,
        parameters: [caseIdParameter],
        responses: { ...ok(PrereviewAuditResponseSchema), ...errorResponses(400, 401, 403, 404, 503) },
      },
    },
    "/api/prereview/{caseId}/notice": {
      get: {
        summary: "The correction notice (一次性告知单): printable HTML (default), plain text or JSON; 409 until done",
        security: applicantOrClerk,
        parameters: [caseIdParameter, secretHeader, ...queryParameters(helpers, NoticeQuerySchema)],
        responses: {
          "200": {
            description: "The notice",
            content: {
              "text/html": { schema: { type: "string" } },
              "text/plain": { schema: { type: "string" } },
              "application/json": { schema: schemaOf(PrereviewNoticeJsonSchema) },
            },
          },
          ...errorResponses(400, 401, 403, 404, 409, 503),
        },
      },
    },
    "/api/prereview/{caseId}/review": {
      post: {
        summary:
          "Record the clerk's decisions on findings (accept, or override with a comment) and the case outcome (clerks only)",
        security: bearer,
        parameters: [caseIdParameter],
        requestBody: {
          required: true,
          content: { "application/json": { schema: schemaOf(PrereviewReviewRequestSchema, "input") } },
        },
        responses: {
          "201": {
            description: "Recorded",
            content: { "application/json": { schema: schemaOf(PrereviewReviewResponseSchema) } },
          },
          ...errorResponses(400, 401, 403, 404, 409, 503),
        },
      },
    },
    "/api/prereview/{caseId}/prefill-confirmations": {
      post: {
        summary:
          "Confirm or edit values of the case's prefilled form (clerks only): each kept with the value before and after, its source and the clerk, and audited. A value failing its field's check (an impossible date, a wrong ID check character, a bad phone or credit code) is refused with 422, each problem named, and nothing is recorded",
        security: bearer,
        parameters: [caseIdParameter],
        requestBody: {
          required: true,
          content: { "application/json": { schema: schemaOf(PrefillConfirmationRequestSchema, "input") } },
        },
        responses: {
          "201": {
            description: "Recorded",
            content: { "application/json": { schema: schemaOf(PrefillConfirmationResponseSchema) } },
          },
          ...errorResponses(400, 401, 403, 404, 409, 422, 503),
        },
      },
    },
  };
}
