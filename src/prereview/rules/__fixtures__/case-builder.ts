import { idNumberCheckCharacter } from "../../validate-id-number.js";
import type { ExtractedFile, IntakeFile, PageText, RecognisedDocument } from "../../types.js";

/** The retirement bundle's answers for an employee retiring at the statutory age. */
export const RETIREMENT_SCENARIO = {
  "applicant-type": "employee",
  "early-retirement": "none",
  "only-child": "not-only-child-parent",
  "hukou-out-of-province": "in-province",
};

/** A valid ID number for a birth date (YYYY-MM-DD) and sex. */
export function idNumberFor(birthDate: string, sex: "男" | "女", area = "620102"): string {
  const first17 = `${area}${birthDate.replaceAll("-", "")}${sex === "男" ? "013" : "024"}`;
  return first17 + idNumberCheckCharacter(first17);
}

const readablePage: PageText = {
  page: 1,
  source: "ocr",
  lines: [{ text: "…", confidence: 0.9 }],
  confidence: 0.9,
  quality: [],
  milliseconds: 0,
};

/** Builds the intake, extraction and recognised documents of a case, as the pipeline stages would. */
export class CaseBuilder {
  readonly intake: IntakeFile[] = [];
  readonly extracted: ExtractedFile[] = [];
  readonly documents: RecognisedDocument[] = [];

  /** One file holding the given documents, one page each. */
  file(
    materialId: string | undefined,
    ...documents: {
      type: string;
      side?: RecognisedDocument["side"];
      fields: Record<string, string>;
      confidence?: number;
      /** OCR confidence of every field (default 0.9). */
      fieldConfidence?: number;
    }[]
  ): this {
    const fileId = `f${this.intake.length + 1}`;
    this.intake.push({
      fileId,
      originalName: `${fileId}.jpg`,
      declaredMaterialId: materialId,
      kind: "jpeg",
      bytes: new Uint8Array(),
    });
    this.extracted.push({
      fileId,
      kind: "jpeg",
      pages: documents.map((_, index) => ({ ...readablePage, page: index + 1 })),
      pageCount: documents.length,
    });
    documents.forEach((document, index) => {
      this.documents.push({
        id: documents.length > 1 ? `${fileId}#p${index + 1}` : fileId,
        fileId,
        pages: [index + 1],
        documentType: document.type,
        side: document.side ?? "single",
        confidence: document.confidence ?? 0.9,
        fields: Object.entries(document.fields).map(([name, value]) => ({
          name,
          value,
          raw: value,
          confidence: document.fieldConfidence ?? 0.9,
          evidence: { fileId, page: index + 1, text: `${name} ${value}` },
        })),
      });
    });
    return this;
  }

  /** Gives the pages of the last file these photo measures. */
  photo(measures: NonNullable<PageText["photo"]>): this {
    const last = this.extracted.at(-1);
    if (last) last.pages = last.pages.map((page) => ({ ...page, photo: measures }));
    return this;
  }

  /** A file that could not be read at all (blurred photo); `photo`: its measured quality. */
  unreadable(materialId: string | undefined, photo?: PageText["photo"]): this {
    const fileId = `f${this.intake.length + 1}`;
    this.intake.push({
      fileId,
      originalName: `${fileId}.jpg`,
      declaredMaterialId: materialId,
      kind: "jpeg",
      bytes: new Uint8Array(),
    });
    this.extracted.push({
      fileId,
      kind: "jpeg",
      pages: [
        {
          ...readablePage,
          lines: [],
          confidence: 0.2,
          quality: ["low_confidence", "small_image"],
          ...(photo ? { photo } : {}),
        },
      ],
      pageCount: 1,
    });
    this.documents.push({
      id: fileId,
      fileId,
      pages: [1],
      documentType: "other",
      side: "single",
      confidence: 0.05,
      fields: [],
    });
    return this;
  }

  /** A file intake or extraction rejected (corrupt, encrypted, …). */
  broken(materialId: string | undefined, problem: ExtractedFile["problem"], message: string): this {
    const fileId = `f${this.intake.length + 1}`;
    this.intake.push({
      fileId,
      originalName: `${fileId}.pdf`,
      declaredMaterialId: materialId,
      kind: "pdf",
      bytes: new Uint8Array(),
    });
    this.extracted.push({ fileId, kind: "pdf", pages: [], pageCount: 0, problem, problemMessage: message });
    return this;
  }
}
