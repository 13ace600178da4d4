import { documentPages } from "../classify/index.js";
import { fieldReader } from "../document-types/document-type-registry.js";
import type { ExtractedField, PageText, RecognisedDocument } from "../types.js";
import { toSourceLines } from "./label-finder.js";

/**
 * The fields printed on a recognised document, read from its pages' lines (`pages` may be all of
 * the file's pages: only the document's own are used) by its type's reader in the document-type
 * registry; types without one (photos, contracts, …) yield no fields. Field names follow
 * document-type-data.ts.
 */
export function extractFields(document: RecognisedDocument, pages: readonly PageText[]): ExtractedField[] {
  const extractor = fieldReader(document.documentType, document.side);
  if (!extractor) return [];
  return extractor({ fileId: document.fileId, lines: toSourceLines(documentPages(document, pages)) });
}
