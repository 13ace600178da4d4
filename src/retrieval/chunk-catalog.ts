import {
  type Benefit,
  benefitSections,
  type Bundle,
  bundleSections,
  type Catalog,
  type FaqItem,
  type GuideSection,
  type Matter,
  matterSections,
} from "../catalog/index.js";
import type { Chunk } from "./chunk.js";
import { chunkPolicy } from "./chunk-policy.js";
import { splitText } from "./split-text.js";

export interface ChunkCatalogOptions {
  /** Longest passage in characters (default 400). */
  maxChars?: number;
}

/** Turns the whole catalog into passages: guide elements, bundle parts, policy sections, FAQ items, benefits. */
export function chunkCatalog(catalog: Catalog, options: ChunkCatalogOptions = {}): Chunk[] {
  const maxChars = options.maxChars ?? 400;
  const chunks: Chunk[] = [];
  for (const matter of catalog.matters.values()) chunks.push(...chunkMatter(matter, maxChars));
  for (const bundle of catalog.bundles.values()) chunks.push(...chunkBundle(bundle, catalog, maxChars));
  for (const policy of catalog.policies.values()) chunks.push(...chunkPolicy(policy, { maxChars }));
  for (const item of catalog.faq) chunks.push(chunkFaq(item, catalog));
  for (const benefit of catalog.benefits.values()) chunks.push(...chunkBenefit(benefit, maxChars));
  return chunks;
}

function chunkMatter(matter: Matter, maxChars: number): Chunk[] {
  return matterSections(matter).flatMap((section) =>
    pieces(`matter:${matter.id}`, section, maxChars, {
      kind: "matter",
      title: matter.name,
      context: [matter.aliases.join(" "), matter.department].filter(Boolean).join(" "),
      matterId: matter.id,
    }),
  );
}

function chunkBundle(bundle: Bundle, catalog: Catalog, maxChars: number): Chunk[] {
  return bundleSections(bundle, catalog).flatMap((section) =>
    pieces(`bundle:${bundle.id}`, section, maxChars, {
      kind: "bundle",
      title: bundle.name,
      context: [bundle.shortName, bundle.aliases.join(" ")].filter(Boolean).join(" "),
      bundleId: bundle.id,
    }),
  );
}

function chunkBenefit(benefit: Benefit, maxChars: number): Chunk[] {
  return benefitSections(benefit).flatMap((section) =>
    pieces(`benefit:${benefit.id}`, section, maxChars, {
      kind: "benefit",
      title: benefit.name,
      // Its names only: a field (就业, 养老) names no benefit in particular.
      context: benefit.aliases.join(" "),
    }),
  );
}

function chunkFaq(item: FaqItem, catalog: Catalog): Chunk {
  const bundle = item.bundleId ? catalog.bundles.get(item.bundleId) : undefined;
  return {
    id: `faq:${item.id}`,
    kind: "faq",
    documentId: `faq:${item.id}`,
    title: item.question,
    sectionPath: bundle ? [bundle.name, "常见问题"] : ["常见问题"],
    text: `问：${item.question}\n答：${item.answer}`,
    context: bundle?.shortName ?? "",
    bundleId: item.bundleId,
    matterId: item.matterIds?.[0],
  };
}

function pieces(
  documentId: string,
  section: GuideSection,
  maxChars: number,
  base: Pick<Chunk, "kind" | "title" | "context" | "matterId" | "bundleId">,
): Chunk[] {
  const parts = splitText(section.lines.join("\n"), maxChars);
  return parts.map((part, index) => ({
    ...base,
    id: `${documentId}#${section.key}${parts.length > 1 ? `.${index + 1}` : ""}`,
    documentId,
    sectionPath: [section.heading],
    text: part,
  }));
}
