import type { DocumentType } from "../../catalog/index.js";
import { documentTypesLaidOut } from "../document-types/document-type-data.js";
import type { DocumentSide, ExtractedFile, PageText, RecognisedDocument } from "../types.js";
import type { ClassifyPageOptions, PageClassification } from "./classify-page.js";
import { type PagePart, splitPage } from "./split-page.js";

export interface ClassifyFileResult {
  /** One per page or run of pages, without fields and without a material. */
  documents: RecognisedDocument[];
  /** Each page's (or page part's) classification with its matched signals, for the clerk's detail. */
  pages: PageClassification[];
  /** The pages as documents see them: a sheet with two cards is two parts. */
  parts: PagePart[];
}

/** Cards are one page each: two ID fronts in a row are two people's cards, not one document. */
const ONE_PAGE_PER_DOCUMENT = documentTypesLaidOut("card");

/** Documents that run over pages whose later pages carry none of the first page's titles. */
const MULTI_PAGE = documentTypesLaidOut("multi_page");

interface Run {
  documentType: DocumentType;
  side: DocumentSide;
  pages: number[];
  /** Part of the first page, when it held two documents. */
  part: number;
  confidences: number[];
  split: boolean;
}

function continues(run: Run, part: PagePart, split: boolean): boolean {
  const page = part.classification;
  if (split || run.split) return false;
  if (page.documentType === run.documentType && page.side === run.side)
    return (
      !ONE_PAGE_PER_DOCUMENT.has(page.documentType) &&
      !(page.documentType === "household_register" && page.side === "member_page")
    );
  // An unrecognised page with text after the first page of a form or contract is its next page.
  return page.documentType === "other" && page.confidence > 0 && MULTI_PAGE.has(run.documentType);
}

/** The id of a document: the file's id, or `<fileId>#p<page>` (`.2` for a sheet's second card). */
function documentId(fileId: string, run: Run, single: boolean): string {
  if (single) return fileId;
  return `${fileId}#p${run.pages[0]}${run.part > 1 ? `.${run.part}` : ""}`;
}

/** Classifies each page and groups consecutive pages of one document. */
export function classifyFile(file: ExtractedFile, options: ClassifyPageOptions = {}): ClassifyFileResult {
  const parts = [...file.pages].sort((a, b) => a.page - b.page).flatMap((page) => splitPage(page, options));
  const runs: Run[] = [];
  for (const part of parts) {
    const split = parts.filter((other) => other.page === part.page).length > 1;
    const page = part.classification;
    const last = runs.at(-1);
    if (last && continues(last, part, split)) {
      last.pages.push(part.page);
      if (page.documentType !== "other" || last.documentType === "other") last.confidences.push(page.confidence);
      continue;
    }
    runs.push({
      documentType: page.documentType,
      side: page.side,
      pages: [part.page],
      part: part.part,
      confidences: [page.confidence],
      split,
    });
  }
  const documents = runs.map((run): RecognisedDocument => {
    const confidence = run.confidences.reduce((sum, value) => sum + value, 0) / run.confidences.length;
    return {
      id: documentId(file.fileId, run, runs.length === 1),
      fileId: file.fileId,
      pages: run.pages,
      documentType: run.documentType,
      side: run.side,
      confidence: Math.round(confidence * 1000) / 1000,
      fields: [],
    };
  });
  return { documents, pages: parts.map((part) => part.classification), parts };
}

/**
 * The lines of a document's pages as the document sees them: for a sheet holding two cards, only
 * this document's part of the page. `pages` may be all of the file's pages.
 */
export function documentPages(
  document: RecognisedDocument,
  pages: readonly PageText[],
  options: ClassifyPageOptions = {},
): PageText[] {
  return pages
    .filter((page) => document.pages.includes(page.page))
    .map((page) => {
      const parts = splitPage(page, options);
      if (parts.length === 1) return page;
      const wanted = /#p\d+\.(\d+)$/.exec(document.id)?.[1];
      const part =
        parts.find((candidate) => wanted !== undefined && candidate.part === Number(wanted)) ??
        parts.find(
          (candidate) =>
            candidate.classification.documentType === document.documentType &&
            candidate.classification.side === document.side,
        ) ??
        (parts[0] as PagePart);
      return { ...page, lines: part.lines };
    });
}

/** The documents of one file: type, side and confidence, fields still empty (see `readDocuments`). */
export function recogniseDocuments(file: ExtractedFile, options: ClassifyPageOptions = {}): RecognisedDocument[] {
  return classifyFile(file, options).documents;
}
