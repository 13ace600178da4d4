import { Router } from "express";
import { z } from "zod";
import {
  BundleSchema,
  buildChecklist,
  ChecklistSchema,
  type Catalog,
  ScenarioAnswersSchema,
  listBundleMaterials,
  MaterialSchema,
  MatterSchema,
  PolicyMetaSchema,
} from "../catalog/index.js";
import { AppError } from "../errors.js";
import type { Chunk } from "../retrieval/index.js";
import { badRequestFromZod } from "./error-handler.js";
import { IdParamsSchema } from "./schemas.js";

export const BundleSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    shortName: z.string(),
    audience: z.enum(["individual", "enterprise"]),
    summary: z.string(),
    leadDepartment: z.string().optional(),
    matterCount: z.number(),
  })
  .meta({ id: "BundleSummary" });

export const BundleListResponseSchema = z.object({ bundles: z.array(BundleSummarySchema) }).meta({ id: "BundleList" });

export const BundleDetailResponseSchema = z
  .object({
    bundle: BundleSchema,
    matters: z.array(z.object({ id: z.string(), name: z.string(), department: z.string(), optional: z.boolean() })),
    materials: z.array(z.object({ material: MaterialSchema, matterIds: z.array(z.string()) })),
  })
  .meta({ id: "BundleDetail" });

export const ChecklistRequestSchema = z
  .object({ answers: ScenarioAnswersSchema.default({}).meta({ description: "Scenario id → option value" }) })
  .strict()
  .meta({ id: "ChecklistRequest" });

export const ChecklistResponseSchema = z.object({ checklist: ChecklistSchema }).meta({ id: "ChecklistResponse" });

export const MatterDetailResponseSchema = z
  .object({
    matter: MatterSchema,
    bundles: z.array(z.object({ id: z.string(), name: z.string() })),
  })
  .meta({ id: "MatterDetail" });

export const PolicyDetailResponseSchema = z
  .object({
    policy: PolicyMetaSchema.extend({ text: z.string().meta({ description: "The official text, verbatim" }) }),
    sections: z.array(z.object({ id: z.string(), sectionPath: z.array(z.string()), text: z.string() })),
  })
  .meta({ id: "PolicyDetail" });

export interface CatalogRouterDependencies {
  catalog: Catalog;
  chunks: Chunk[];
}

/** Read-only catalog: bundles, matters and policies as the knowledge base holds them. */
export function createCatalogRouter({ catalog, chunks }: CatalogRouterDependencies): Router {
  const router = Router();
  const policySections = new Map<string, Chunk[]>();
  for (const chunk of chunks)
    if (chunk.policyId) {
      const list = policySections.get(chunk.policyId) ?? [];
      list.push(chunk);
      policySections.set(chunk.policyId, list);
    }

  const idOf = (params: unknown): string => {
    const parsed = IdParamsSchema.safeParse(params);
    if (!parsed.success) throw badRequestFromZod(parsed.error, "id");
    return parsed.data.id;
  };

  router.get("/bundles", (_request, response) => {
    const bundles = [...catalog.bundles.values()].map((bundle) => ({
      id: bundle.id,
      name: bundle.name,
      shortName: bundle.shortName,
      audience: bundle.audience,
      summary: bundle.summary,
      leadDepartment: bundle.leadDepartment,
      matterCount: bundle.matters.length,
    }));
    response.json({ bundles });
  });

  router.get("/bundles/:id", (request, response) => {
    const id = idOf(request.params);
    const bundle = catalog.bundles.get(id);
    if (!bundle) throw new AppError("not_found", `没有编号为 ${id} 的“一件事”`);
    const matters = bundle.matters.map((entry) => {
      const matter = catalog.matters.get(entry.matterId);
      return {
        id: entry.matterId,
        name: matter?.name ?? entry.matterId,
        department: matter?.department ?? "",
        optional: entry.optional ?? false,
      };
    });
    response.json({ bundle, matters, materials: listBundleMaterials(bundle, catalog) });
  });

  // 一次告知单 without chat: GET with answers as query parameters (scenario id = option value),
  // or POST {"answers": {...}}.
  router.get("/bundles/:id/checklist", (request, response) => {
    const bundleId = idOf(request.params);
    const answers = ScenarioAnswersSchema.safeParse(request.query);
    if (!answers.success) throw badRequestFromZod(answers.error, "answers");
    response.json({ checklist: buildChecklist({ catalog, bundleId, answers: answers.data }) });
  });

  router.post("/bundles/:id/checklist", (request, response) => {
    const bundleId = idOf(request.params);
    const body = ChecklistRequestSchema.safeParse(request.body ?? {});
    if (!body.success) throw badRequestFromZod(body.error, "answers");
    response.json({ checklist: buildChecklist({ catalog, bundleId, answers: body.data.answers }) });
  });

  router.get("/matters/:id", (request, response) => {
    const id = idOf(request.params);
    const matter = catalog.matters.get(id);
    if (!matter) throw new AppError("not_found", `没有编号为 ${id} 的事项`);
    const bundles = [...catalog.bundles.values()]
      .filter((bundle) => bundle.matters.some((entry) => entry.matterId === id))
      .map((bundle) => ({ id: bundle.id, name: bundle.name }));
    response.json({ matter, bundles });
  });

  router.get("/policies/:id", (request, response) => {
    const id = idOf(request.params);
    const policy = catalog.policies.get(id);
    if (!policy) throw new AppError("not_found", `没有编号为 ${id} 的政策文件`);
    const sections = (policySections.get(id) ?? []).map(({ id: sectionId, sectionPath, text }) => ({
      id: sectionId,
      sectionPath,
      text,
    }));
    response.json({ policy, sections });
  });

  return router;
}
