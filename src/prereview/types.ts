// The data that flows through the pre-review pipeline:
// intake → text (pdf text layer | OCR) → classify → fields → rules → report.
// Each stage returns data; "unreadable", "unrecognised" and "needs human" are states, not exceptions.
import { z } from "zod";
import { type Box, BoxSchema, EvidenceSchema } from "./evidence.js";
import { PrefillResultSchema } from "./prefill/prefill-result.js";
import { RuleIdSchema } from "./rules/rule-registry.js";

/** File kinds accepted at intake, recognised by magic bytes, never by file name. */
export const FileKindSchema = z.enum(["pdf", "jpeg", "png", "webp", "tiff"]);
export type FileKind = z.infer<typeof FileKindSchema>;

/** A box on a page image, in pixels of the image the text was read from (origin top-left). */
export { type Box, BoxSchema, type Evidence, EvidenceSchema } from "./evidence.js";

/** One line of text on a page: from OCR (with boxes and confidence) or from a PDF text layer. */
export const TextLineSchema = z.object({
  text: z.string(),
  /** 0..1; 1 for text-layer lines. */
  confidence: z.number(),
  box: BoxSchema.optional(),
  /**
   * OCR's words in the line with their own confidence (0..1), when the engine gives them: a value
   * that fills only part of a line (a two-column line holds two fields) is as sure as its words,
   * not as the line's mean.
   */
  words: z.array(z.object({ text: z.string(), confidence: z.number() })).optional(),
});
export type TextLine = z.infer<typeof TextLineSchema>;

/** The text of one page of a file (an image file has one page). */
export const PageTextSchema = z.object({
  /** 1-based. */
  page: z.number().int().positive(),
  source: z.enum(["pdf_text", "ocr"]),
  /** Lines in reading order, with OCR spaces between Chinese characters already folded. */
  lines: z.array(TextLineSchema),
  /** Mean confidence 0..1 over the page's words (1 for text layers, 0 when nothing was read). */
  confidence: z.number(),
  /** Pixel size of the image OCR read (after preparation); absent for text layers. */
  width: z.number().optional(),
  height: z.number().optional(),
  /** Problems with this page's reading, for quality findings. */
  quality: z.array(z.enum(["no_text", "low_confidence", "small_image", "blank"])).default([]),
  /** Milliseconds spent reading this page. */
  milliseconds: z.number().default(0),
  /**
   * A photo read through the documents found in it (one, or two cards photographed together):
   * each one's corners in the photo (pixels of `width` × `height`; top-left, top-right,
   * bottom-right, bottom-left as photographed) and the quarter turns (clockwise) that made its flat
   * copy upright. Boxes are in the photo's pixels.
   */
  documents: z
    .array(
      z.object({ corners: z.array(z.tuple([z.number(), z.number()])).length(4), turn: z.number().int().min(0).max(3) }),
    )
    .optional(),
  /** How readable an image file is to a person, from its pixels (extract/measure-photo-quality.ts). */
  photo: z
    .object({
      /** Edge steepness over contrast on an 800 px copy: 0.2–0.35 sharp, under 0.12 blurred past reading. */
      sharpness: z.number(),
      /** The spread of grey levels (2nd to 98th percentile), 0..1. */
      contrast: z.number(),
      /** The document's shorter side (the image's when no outline was found), pixels. */
      resolution: z.number(),
      /** Share of the document's pixels blown out brighter than its paper. */
      glare: z.number(),
      /** How much longer one side is than its opposite: 0 photographed square on. */
      tilt: z.number(),
      /** The frame cuts the document (its corners or text touch the edge). */
      cutOff: z.boolean(),
    })
    .optional(),
});
export type PageText = z.infer<typeof PageTextSchema>;

/** Why a whole file could not be read: becomes a finding, never a crash. */
export const FileProblemSchema = z.enum([
  "empty",
  "unsupported_type",
  "corrupt",
  "encrypted",
  "too_large",
  "too_many_pages",
  "too_many_pixels",
  "ocr_failed",
  /** A PDF's streams inflate past `maxInflatedBytes` (a compression bomb, or a damaged file). */
  "inflated_too_large",
  /** Reading the file ran past `fileTimeLimitMs`, or the case past `caseTimeLimitMs`. */
  "time_limit",
  /** Reading the file needed more memory than `readerMemoryMb`. */
  "memory_limit",
]);
export type FileProblem = z.infer<typeof FileProblemSchema>;

/** A file as accepted at intake. */
export interface IntakeFile {
  /** Stable id within a case, e.g. `f1`. */
  fileId: string;
  /** The client's file name, for display only. */
  originalName: string;
  /** The material the applicant says this file is, when they said. */
  declaredMaterialId?: string;
  /** Detected kind, or absent when the bytes match no accepted kind. */
  kind?: FileKind;
  /** The MIME type the client claimed, for display and for the "mislabelled" note. */
  claimedMimeType?: string;
  bytes: Uint8Array;
}

/** What text extraction made of one file. */
export interface ExtractedFile {
  fileId: string;
  kind?: FileKind;
  pages: PageText[];
  /** Set when the file as a whole could not be read; `pages` is then empty or partial. */
  problem?: FileProblem;
  /** Plain-Chinese explanation of `problem` for the applicant. */
  problemMessage?: string;
  pageCount: number;
}

/** Regions of one page to read again: boxes in pixels of the image the page was read from (`width`). */
export interface RereadRequest {
  /** 1-based. */
  page: number;
  pageWidth: number;
  /** The page's `documents` when it was read through the documents found in a photo: regions are cut from the same flat copies. */
  documents?: PageText["documents"];
  /** `lines`: lines of text in the box (default 1); one is read as a single line, more as a block. */
  regions: { box: Box; lines?: number }[];
}

export interface RereadResult {
  /** The folded text of the region, spaces removed. */
  text: string;
  /** 0..1. */
  confidence: number;
}

/** The image of one page in the pixels its evidence boxes use, or why there is none. */
export type PageImageResult =
  | { status: "ok"; bytes: Uint8Array; mimeType: string; width: number; height: number }
  | { status: "no_page" | "unreadable" }
  /** A reader thread's limit ran out, or it failed (isolated extractors only). */
  | { status: "time_limit" | "memory_limit" | "failed" };

/** Per-call settings of a TextExtractor. */
export interface ExtractOptions {
  /**
   * When the case's time runs out (epoch milliseconds): reading stops there even within the file's
   * own limit, and a file reached after it is not read (`time_limit`).
   */
  deadline?: number;
}

/** Reads the text of an accepted file. Default: pdf-parse text layer, mupdf raster + OCR for scans and images. */
export interface TextExtractor {
  extract(file: IntakeFile, options?: ExtractOptions): Promise<ExtractedFile>;
  /**
   * Reads OCR'd regions of one page again, each on its own (a line cut out of the page): a second
   * opinion on disputed values. One result per region, undefined where it cannot be read again.
   */
  reread?(file: IntakeFile, request: RereadRequest, options?: ExtractOptions): Promise<(RereadResult | undefined)[]>;
  /** The image of one page as it was read (the console draws evidence boxes on it). */
  renderPage?(bytes: Uint8Array, kind: FileKind, page: number): Promise<PageImageResult>;
  close(): Promise<void>;
}

/** Raw OCR of one image. */
export interface OcrResult {
  lines: TextLine[];
  /** Mean word confidence, 0..1. */
  confidence: number;
  width: number;
  height: number;
}

/**
 * tesseract page segmentation: "4" one column of text of variable sizes (pages and cards), "7" a
 * single line (a re-read of one value), "3" automatic, "6" one uniform block, "11" sparse text.
 */
export type PageSegmentationMode = "3" | "4" | "6" | "7" | "11";

export interface OcrRecognizeOptions {
  /** Default: the engine's own (tesseract pool: "4"). */
  pageSegmentationMode?: PageSegmentationMode;
}

/** An OCR engine (tesseract.js worker pool by default). Images are PNG/JPEG/… bytes. */
export interface OcrEngine {
  recognize(image: Uint8Array, options?: OcrRecognizeOptions): Promise<OcrResult>;
  close(): Promise<void>;
}

/** Document types: the catalog's `DocumentType` plus which side or page of it. */
export const DocumentSideSchema = z.enum(["front", "back", "home_page", "member_page", "single"]);
export type DocumentSide = z.infer<typeof DocumentSideSchema>;

/**
 * A field read from a document. Values are normalised: dates `YYYY-MM-DD`, sex `男|女`, ID numbers
 * and credit codes upper-case without spaces, validity end `长期` for long-term.
 */
export const ExtractedFieldSchema = z.object({
  name: z.string(),
  value: z.string(),
  /** The text as read, before normalisation. */
  raw: z.string(),
  confidence: z.number(),
  evidence: EvidenceSchema,
});
export type ExtractedField = z.infer<typeof ExtractedFieldSchema>;

/** One recognised document: a file, or one page of a multi-page file. */
export const RecognisedDocumentSchema = z.object({
  /** `<fileId>` or `<fileId>#p<page>`. */
  id: z.string(),
  fileId: z.string(),
  pages: z.array(z.number().int().positive()),
  /** The catalog's document type, or `other` when unrecognised. */
  documentType: z.string(),
  side: DocumentSideSchema,
  /** 0..1. */
  confidence: z.number(),
  /** The material this document was assigned to, if any. */
  materialId: z.string().optional(),
  fields: z.array(ExtractedFieldSchema),
});
export type RecognisedDocument = z.infer<typeof RecognisedDocumentSchema>;

/** What the applicant or clerk submitted with the files. Parsed strictly at the HTTP edge. */
export const PrereviewRequestSchema = z
  .object({
    bundleId: z.string().max(100).optional(),
    matterId: z.string().max(100).optional(),
    /** Answers to the bundle's scenario questions: scenario id → option value. */
    scenario: z.record(z.string().max(100), z.string().max(100)).default({}),
    /**
     * The application form's fields. Shared names across matters: name, idNumber, sex, birthDate,
     * phone, address, companyName, creditCode, legalRepresentative, applicationDate (YYYY-MM-DD,
     * the reference date for expiry and age checks; today when absent); matter-specific names are
     * declared by the matter's rules (e.g. retirementCategory, childName, childBirthDate).
     */
    form: z.record(z.string().max(100), z.string().max(500)).default({}),
  })
  .refine((request) => Boolean(request.bundleId) !== Boolean(request.matterId), {
    message: "exactly one of bundleId and matterId",
  });
export type PrereviewRequest = z.infer<typeof PrereviewRequestSchema>;

export const SeveritySchema = z.enum(["error", "warning", "info"]);
export type Severity = z.infer<typeof SeveritySchema>;

/**
 * One finding. Rule ids: built-in `completeness.missing`, `completeness.deferrable_missing`,
 * `document.side_missing`, `document.wrong_type`, `document.unrecognised`, `file.invalid`,
 * `quality.unreadable` (take it again), `quality.unread_legible` (legible photo OCR could not read:
 * a clerk reads it), `quality.field_unread`, `validity.id_check_digit`, `validity.id_birth_mismatch`,
 * `validity.id_sex_mismatch`, `validity.expired`, `validity.credit_code`, `validity.date`;
 * declared per matter in knowledge/: `consistency.<name>`, `eligibility.<name>`.
 */
export const FindingSchema = z
  .object({
    id: z.string(),
    ruleId: RuleIdSchema,
    severity: SeveritySchema,
    materialId: z.string().optional(),
    /** Plain Chinese for the applicant: what is wrong and how to fix it. */
    message: z.string(),
    /** For the clerk, in Chinese: the values compared, what was recognised, the rule's basis. */
    detail: z.string(),
    /**
     * The codes behind the detail, for programs (document type and side, problem codes, field
     * names, confidences); never personal data.
     */
    codes: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    evidence: z.array(EvidenceSchema),
    /** The 审查要点 this finding's rule enforces (absent in reports made before review points). */
    reviewPoints: z.array(z.object({ materialId: z.string(), pointId: z.string() })).optional(),
    /** The rule's name in Chinese, for the clerk (`ruleId` stays the code for programs). */
    ruleLabel: z.string().optional(),
  })
  .meta({ id: "PrereviewFinding" });
export type Finding = z.infer<typeof FindingSchema>;

/** A material's review point as a report shows it. */
export const ReviewPointViewSchema = z.object({
  id: z.string(),
  text: z.string(),
  source: z.string().optional(),
  /** The rules of this case that enforce the point: id and what they check, in Chinese. */
  checkedBy: z.array(z.object({ ruleId: z.string(), label: z.string() })),
});
export type ReviewPointView = z.infer<typeof ReviewPointViewSchema>;

export const VerdictSchema = z.enum(["pass", "needs_correction", "needs_human"]);
export type Verdict = z.infer<typeof VerdictSchema>;

export const PrereviewReportSchema = z
  .object({
    verdict: VerdictSchema,
    /** The bundle's or matter's name. */
    title: z.string(),
    /** YYYY-MM-DD the expiry and age checks were made against (the form's applicationDate, or the run date). */
    referenceDate: z.string(),
    /** Why this verdict, in one Chinese sentence. */
    summary: z.string(),
    bundleId: z.string().optional(),
    matterId: z.string().optional(),
    /** The materials the case needed for its scenario, with the documents matched to each. */
    materials: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        required: z.boolean(),
        deferrable: z.boolean(),
        exempt: z.boolean(),
        documentIds: z.array(z.string()),
        /** 审查要点 of the material, each with the rules of this case that enforce it (none: a clerk checks it). */
        reviewPoints: z.array(ReviewPointViewSchema).optional(),
      }),
    ),
    documents: z.array(RecognisedDocumentSchema),
    files: z.array(
      z.object({
        fileId: z.string(),
        originalName: z.string(),
        kind: FileKindSchema.optional(),
        pageCount: z.number(),
        problem: FileProblemSchema.optional(),
      }),
    ),
    findings: z.array(FindingSchema),
    timings: z.object({
      totalMilliseconds: z.number(),
      extractMilliseconds: z.number(),
      pages: z.number(),
    }),
    /** Reports never decide: the clerk does. */
    disclaimer: z.string(),
    /**
     * The application form prefilled from what was read, the scenario and the typed form, computed
     * once when the case finished (absent on reports of older releases and after retention).
     */
    prefill: PrefillResultSchema.optional(),
  })
  .meta({ id: "PrereviewReport" });
export type PrereviewReport = z.infer<typeof PrereviewReportSchema>;
