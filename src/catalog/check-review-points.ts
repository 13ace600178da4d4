import { bundleMaterialLists } from "./bundle-materials.js";
import type { Catalog, CatalogIssue } from "./load-catalog.js";
import type { Material } from "./matter.js";
import type { PrereviewSpec } from "./prereview-rules.js";
import type { Source } from "./common.js";

/**
 * Cross-file checks of 审查要点: a point cites one of its file's sources by title, and a declared
 * rule's `reviewPoints` name a material of its matter or bundle that carries that point (for a
 * bundle, any of its matters' copies of the material, or its extra materials).
 */
export function checkReviewPoints(catalog: Pick<Catalog, "matters" | "bundles">, issues: CatalogIssue[]): void {
  for (const matter of catalog.matters.values()) {
    const file = `matters/${matter.id}`;
    checkSources(matter.materials, matter.sources, file, "materials", issues);
    checkRuleClaims(matter.prereview, pointsByMaterial([matter.materials]), file, issues);
  }
  for (const bundle of catalog.bundles.values()) {
    const file = `bundles/${bundle.id}`;
    checkSources(bundle.extraMaterials ?? [], bundle.sources, file, "extraMaterials", issues);
    checkRuleClaims(bundle.prereview, pointsByMaterial(bundleMaterialLists(bundle, catalog)), file, issues);
  }
}

function pointsByMaterial(lists: Material[][]): Map<string, Set<string>> {
  const points = new Map<string, Set<string>>();
  for (const material of lists.flat()) {
    const set = points.get(material.id) ?? new Set<string>();
    for (const point of material.reviewPoints ?? []) set.add(point.id);
    points.set(material.id, set);
  }
  return points;
}

function checkSources(
  materials: Material[],
  sources: Source[],
  file: string,
  field: string,
  issues: CatalogIssue[],
): void {
  const titles = new Set(sources.map((source) => source.title));
  materials.forEach((material, materialIndex) => {
    material.reviewPoints?.forEach((point, pointIndex) => {
      if (point.source && !titles.has(point.source))
        issues.push({
          file,
          field: `${field}.${materialIndex}.reviewPoints.${pointIndex}.source`,
          message: `'${point.source}' is not the title of one of this file's sources`,
        });
    });
  });
}

function checkRuleClaims(
  spec: PrereviewSpec | undefined,
  points: Map<string, Set<string>>,
  file: string,
  issues: CatalogIssue[],
): void {
  spec?.rules.forEach((rule, ruleIndex) => {
    rule.reviewPoints?.forEach((claim, claimIndex) => {
      const field = `prereview.rules.${ruleIndex}.reviewPoints.${claimIndex}`;
      const materialPoints = points.get(claim.material);
      if (!materialPoints) issues.push({ file, field, message: `material '${claim.material}' is not a material here` });
      else if (!materialPoints.has(claim.point))
        issues.push({ file, field, message: `material '${claim.material}' has no review point '${claim.point}'` });
    });
  });
}
