import { z } from "zod";
import { DocumentKindSchema } from "../retrieval/index.js";

const IdParamSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "应为小写字母、数字和连字符组成的编号")
  .max(100);

export const IdParamsSchema = z.object({ id: IdParamSchema }).strict();

export function createSearchQuerySchema(maxK: number) {
  return z
    .object({
      q: z
        .string({ error: "缺少查询内容 q" })
        .trim()
        .min(1, "查询内容 q 不能为空")
        .max(500, "查询内容 q 不能超过 500 个字符")
        .meta({ description: "The question or keywords, simplified or traditional Chinese" }),
      k: z.coerce
        .number({ error: "k 应为数字" })
        .int("k 应为整数")
        .min(1, "k 至少为 1")
        .max(maxK, `k 不能超过 ${maxK}`)
        .default(10)
        .meta({ description: "Number of hits" }),
      kind: z
        .string()
        .transform((value) =>
          value
            .split(",")
            .map((part) => part.trim())
            .filter(Boolean),
        )
        .pipe(z.array(DocumentKindSchema, { error: "kind 只能是 bundle、matter、policy、faq、benefit" }))
        .optional()
        .meta({ description: "Comma-separated kinds to keep: bundle, matter, policy, faq, benefit" }),
      bundleId: IdParamSchema.optional(),
      matterId: IdParamSchema.optional(),
      collapse: z
        .enum(["true", "false"], { error: "collapse 只能是 true 或 false" })
        .transform((value) => value === "true")
        .optional()
        .meta({ description: "One hit per bundle or matter guide; policy sections stay separate (default true)" }),
    })
    .strict();
}

export const SearchHitSchema = z
  .object({
    id: z.string().meta({ description: "Stable passage id, usable as a citation" }),
    kind: DocumentKindSchema,
    title: z.string(),
    snippet: z.string(),
    score: z.number(),
    signals: z.array(z.enum(["lexical", "dense", "entity"])),
    source: z.object({
      documentId: z.string(),
      title: z.string(),
      sectionPath: z.array(z.string()),
      bundleId: z.string().optional(),
      matterId: z.string().optional(),
      policyId: z.string().optional(),
      issuer: z.string().optional(),
      number: z.string().optional(),
      date: z.string().optional(),
    }),
  })
  .meta({ id: "SearchHit" });

export const SearchResponseSchema = z
  .object({
    query: z.string(),
    expandedTerms: z.array(z.string()).meta({ description: "Official terms the lexicon added to the query" }),
    corrections: z
      .array(z.object({ written: z.string(), meant: z.string() }))
      .meta({ description: "Homophone typos recognised in the query (社报卡 → 社保卡)" }),
    hits: z.array(SearchHitSchema),
    tookMs: z.number(),
  })
  .meta({ id: "SearchResponse" });
export type SearchResponse = z.infer<typeof SearchResponseSchema>;

export const HealthResponseSchema = z
  .object({
    status: z.literal("ok"),
    /** The knowledge version this node serves: the first 12 hex digits of the index's content hash, as answers carry it. */
    knowledgeVersion: z.string(),
    index: z.object({ documents: z.number(), chunks: z.number(), embeddings: z.string(), builtAt: z.string() }),
    catalog: z.object({ bundles: z.number(), matters: z.number(), policies: z.number(), faq: z.number() }),
  })
  .meta({ id: "HealthResponse" });

export const ReadyResponseSchema = z
  .object({
    status: z.enum(["ready", "not_ready"]),
    /** Each check (index, database, prereview …), true when ready. */
    checks: z.record(z.string(), z.boolean()),
  })
  .meta({ id: "ReadyResponse" });
