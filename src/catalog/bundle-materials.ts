import type { Bundle } from "./bundle.js";
import type { Catalog } from "./load-catalog.js";
import type { Material } from "./matter.js";

export interface BundleMaterial {
  material: Material;
  /** Matters of the bundle that ask for this material. */
  matterIds: string[];
}

/**
 * The merged, de-duplicated material list of a bundle's default matters (optional matters only
 * come in through scenario answers). One entry per material id, in first-seen order.
 */
export function listBundleMaterials(bundle: Bundle, catalog: Pick<Catalog, "matters">): BundleMaterial[] {
  const merged = new Map<string, BundleMaterial>();
  for (const entry of bundle.matters) {
    if (entry.optional) continue;
    const matter = catalog.matters.get(entry.matterId);
    for (const material of matter?.materials ?? []) {
      const existing = merged.get(material.id);
      if (existing) existing.matterIds.push(entry.matterId);
      else merged.set(material.id, { material, matterIds: [entry.matterId] });
    }
  }
  return [...merged.values()];
}

/** Every copy of the materials a bundle can ask for: its matters' (optional ones too) and its extra ones. */
export function bundleMaterialLists(bundle: Bundle, catalog: Pick<Catalog, "matters">): Material[][] {
  return [
    ...bundle.matters.map((entry) => catalog.matters.get(entry.matterId)?.materials ?? []),
    bundle.extraMaterials ?? [],
  ];
}
