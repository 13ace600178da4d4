import type { Catalog } from "../catalog/index.js";
import { normalizeText } from "./normalize-text.js";

export interface QueryExpansion {
  /** Official terms added because the query used a colloquial word for them. */
  terms: string[];
  /** Documents the query names directly (by name, alias or a lexicon target), best first. */
  documents: string[];
}

export interface QueryExpander {
  expand(normalizedQuery: string): QueryExpansion;
}

interface Entry {
  phrase: string;
  official: string[];
  documents: string[];
}

/**
 * Lexicon expansion and entity mentions: colloquial words add their official terms, and names,
 * aliases and lexicon targets mentioned in the query point at their bundles and matters. Longer
 * mentions rank first ("社会保障卡金融功能" before "社会保障卡").
 */
export function createQueryExpander(catalog: Pick<Catalog, "bundles" | "matters" | "lexicon">): QueryExpander {
  const entries: Entry[] = [];
  const add = (phrase: string, official: string[], documents: string[]) => {
    const normalized = normalizeText(phrase);
    if (normalized.length >= 2) entries.push({ phrase: normalized, official, documents });
  };
  for (const bundle of catalog.bundles.values())
    for (const name of [bundle.name, bundle.shortName, ...bundle.aliases]) add(name, [], [`bundle:${bundle.id}`]);
  for (const matter of catalog.matters.values())
    for (const name of [matter.name, ...matter.aliases]) add(name, [], [`matter:${matter.id}`]);
  for (const entry of catalog.lexicon) {
    const documents = (entry.targets ?? []).map((id) => (catalog.bundles.has(id) ? `bundle:${id}` : `matter:${id}`));
    for (const word of entry.colloquial) add(word, entry.official, documents);
  }
  // Longest phrases first, so a longer mention outranks the shorter one it contains.
  entries.sort((a, b) => b.phrase.length - a.phrase.length);

  return {
    expand(normalizedQuery) {
      const terms = new Set<string>();
      const documents: string[] = [];
      const seen = new Set<string>();
      for (const entry of entries) {
        if (!normalizedQuery.includes(entry.phrase)) continue;
        for (const term of entry.official) if (!normalizedQuery.includes(normalizeText(term))) terms.add(term);
        for (const document of entry.documents)
          if (!seen.has(document)) {
            seen.add(document);
            documents.push(document);
          }
      }
      return { terms: [...terms], documents };
    },
  };
}
