import type { Drawing } from "./drawing.js";

/** What a page or document really says: field names from src/prereview/document-types/document-type-data.ts, values normalised. */
export interface DocumentTruth {
  documentType: string;
  side: string;
  fields: Record<string, string>;
}

/** A document laid out for rendering, with its ground truth. */
export interface GeneratedDocument {
  truth: DocumentTruth;
  drawing: Drawing;
}

export type OutputFormat = "png" | "jpeg" | "pdf_text" | "pdf_scan";

export const OUTPUT_FORMATS: readonly OutputFormat[] = ["png", "jpeg", "pdf_text", "pdf_scan"];

export interface GeneratedFile {
  name: string;
  mimeType: string;
  bytes: Uint8Array;
  /** What the applicant says it is; sometimes omitted, then the engine must recognise the type itself. */
  materialId?: string;
  /** The material it really is, declared or not (for scoring what was read from it). */
  actualMaterialId?: string;
  /** One per page/document, in page order. */
  truth: DocumentTruth[];
  /** Rendered with the `unreadable` preset: its truth cannot be expected back. */
  unreadable?: boolean;
  /** How it was produced (format and degradation), for reports. */
  render: { format: OutputFormat; degradation: string };
}

export interface ExpectedDefect {
  ruleId: string;
  materialId?: string;
}

export interface PrereviewCase {
  id: string;
  bundleId?: string;
  matterId?: string;
  scenario: Record<string, string>;
  form: Record<string, string>;
  files: GeneratedFile[];
  expected: {
    verdict: "pass" | "needs_correction" | "needs_human";
    defects: ExpectedDefect[];
    /** Findings that are acceptable but not required (e.g. the same wrong ID number seen on a second material). */
    tolerated: ExpectedDefect[];
  };
  /** What was planted, in English. */
  description: string;
}
