// POST /api/admin/knowledge/reload and GET /api/admin/knowledge (ADMIN_TOKEN): swap in a changed
// knowledge base without a restart, and see which version serves and which came before.
import { Router } from "express";
import type { KnowledgeBase } from "../agents/index.js";
import { AppError } from "../errors.js";
import type { KnowledgeVersionRepository } from "../storage/index.js";
import { requireAdmin } from "./require-admin.js";

export interface KnowledgeRouterDependencies {
  base: KnowledgeBase;
  versions?: Pick<KnowledgeVersionRepository, "list">;
  adminToken?: string;
}

export function createKnowledgeRouter(dependencies: KnowledgeRouterDependencies): Router {
  const router = Router();
  const { base } = dependencies;

  router.post("/admin/knowledge/reload", async (request, response) => {
    requireAdmin(request, dependencies.adminToken);
    const result = await base.reload({ actor: "admin" });
    switch (result.status) {
      case "invalid":
        throw new AppError(
          "unprocessable",
          `知识库有 ${result.issues.length} 处问题，未更新；仍按版本 ${base.current().version} 服务`,
          { details: result.issues },
        );
      case "busy":
        throw new AppError("conflict", `正在建立版本 ${result.building} 的索引，请稍后再试`);
      case "unchanged":
        return void response.json({ status: "unchanged", version: result.version });
      case "building":
        // The index builds in the background; GET /api/admin/knowledge shows when it serves.
        result.done.catch(() => undefined);
        return void response
          .status(202)
          .json({ status: "building", version: result.version, serving: base.current().version });
    }
  });

  router.get("/admin/knowledge", async (request, response) => {
    requireAdmin(request, dependencies.adminToken);
    const { catalog, index } = base.current();
    response.json({
      ...base.status(),
      catalog: {
        bundles: catalog.bundles.size,
        matters: catalog.matters.size,
        policies: catalog.policies.size,
        faq: catalog.faq.length,
      },
      index: { chunks: index.manifest.chunks, builtAt: index.manifest.builtAt },
      history: (await dependencies.versions?.list({ limit: 20 })) ?? [],
    });
  });
  return router;
}
