import type { DocumentType } from "../../catalog/index.js";
import type { DocumentSide } from "../types.js";

/** One sign that a page is a given document: a title or label (any of `texts`) or a line test. */
export interface Signal {
  /** Shown to the clerk, and named by `requires`. */
  name: string;
  /** Titles or labels, searched in each line; three characters or more may be one edit off. */
  texts?: readonly string[];
  /** A test of one compact line, for patterns such as an 18-character ID number. */
  test?: (line: string) => boolean;
  weight: number;
}

/** What a document type and side looks like in text. */
export interface DocumentSignature {
  documentType: DocumentType;
  side: DocumentSide;
  signals: readonly Signal[];
  /** Each group needs one matched signal, or the page is not this document. */
  requires: readonly (readonly string[])[];
  /** Titles of other documents that carry the same labels: one of them found cuts the score to 20%. */
  excludes?: readonly string[];
  /** A score this high makes a clean page (confidence 0.9); full signatures score well above it. */
  enough: number;
}

/** A signature as a registry entry gives it (../document-types/document-type-registry.ts): its type and side are the keys. */
export type SignatureTraits = Omit<DocumentSignature, "documentType" | "side">;

/** A title or label signal: `text` or any of its variants. */
export const label = (text: string, weight: number, ...variants: string[]): Signal => ({
  name: text,
  texts: [text, ...variants],
  weight,
});

export const FORM_TITLES = ["申请表", "申请书"];
/** Words never printed on an ID card but all over forms that carry the same labels. */
export const NOT_ON_ID_CARDS = ["申请", "承诺", "联系电话", "统一社会信用代码", "法定代表人", ...FORM_TITLES];
