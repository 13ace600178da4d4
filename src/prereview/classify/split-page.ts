import { documentTypesLaidOut } from "../document-types/document-type-data.js";
import type { PageText, TextLine } from "../types.js";
import { type ClassifyPageOptions, classifyPage, type PageClassification } from "./classify-page.js";

/** One document's share of a page: the whole page, or the top or bottom of a sheet of cards. */
export interface PagePart {
  page: number;
  /** 1-based position on the page; 1 when the page holds one document. */
  part: number;
  lines: TextLine[];
  classification: PageClassification;
}

/** Cards that are photocopied together on one sheet (both sides of an ID card, most often). */
const CARDS = documentTypesLaidOut("card");

/** Both parts of a split must be at least this sure. */
const MINIMUM_PART_CONFIDENCE = 0.7;

/**
 * Splits a page holding two cards one above the other (an ID card's front and back copied on
 * one sheet) into its two documents, by trying every line boundary and keeping the one where both
 * halves are recognised best. Any other page is one part.
 */
export function splitPage(page: PageText, options: ClassifyPageOptions = {}): PagePart[] {
  const whole = classifyPage(page, options);
  const single: PagePart[] = [{ page: page.page, part: 1, lines: page.lines, classification: whole }];
  const rival = whole.alternatives.find(
    (alternative) =>
      CARDS.has(alternative.documentType) &&
      (alternative.documentType !== whole.documentType || alternative.side !== whole.side),
  );
  if (!CARDS.has(whole.documentType) || !rival || page.lines.length < 4) return single;
  let best: { top: PageClassification; bottom: PageClassification; at: number; score: number } | undefined;
  for (let at = 2; at <= page.lines.length - 2; at++) {
    const top = classifyPage({ ...page, lines: page.lines.slice(0, at) }, options);
    const bottom = classifyPage({ ...page, lines: page.lines.slice(at) }, options);
    if (!CARDS.has(top.documentType) || !CARDS.has(bottom.documentType)) continue;
    if (top.documentType === bottom.documentType && top.side === bottom.side) continue;
    const score = Math.min(top.confidence, bottom.confidence);
    if (!best || score > best.score) best = { top, bottom, at, score };
  }
  if (!best || best.score < MINIMUM_PART_CONFIDENCE) return single;
  return [
    { page: page.page, part: 1, lines: page.lines.slice(0, best.at), classification: best.top },
    { page: page.page, part: 2, lines: page.lines.slice(best.at), classification: best.bottom },
  ];
}
