// Shared pieces of the case templates: the draft a template builds before rendering, ID card
// files, application dates and the defects' effect on people.
import type { DefectKind, PlannedDefect } from "./defects.js";
import { type Person, mistypeName, withWrongCheckCharacter } from "./generate-person.js";
import type { Random } from "./random.js";
import { renderIdCardBack, renderIdCardFront } from "./render-id-card.js";
import type { ExpectedDefect, GeneratedDocument } from "./types.js";

/** A file before rendering: its documents and the material it really is. */
export interface FileDraft {
  materialId: string;
  documents: GeneratedDocument[];
  /** Cards are photographed on a desk; pages are scanned. */
  kind: "card" | "page";
  /** Base for the file name, e.g. 身份证正面. */
  label: string;
  /** Never leave this file's material undeclared (wrong-type and unreadable files). */
  mustDeclare?: boolean;
  /** Rendered with the unreadable preset (the unreadable defect). */
  unreadable?: boolean;
  /** `sheet`: both sides photocopied onto one image, so only image formats fit. */
  layout?: "pages" | "sheet";
}

export interface CaseDraft {
  bundleId?: string;
  matterId?: string;
  scenario: Record<string, string>;
  form: Record<string, string>;
  files: FileDraft[];
  /** Findings acceptable beyond the planted ones. */
  tolerated: ExpectedDefect[];
  /** English notes on what was planted and how. */
  notes: string[];
}

export interface CaseContext {
  random: Random;
  defects: readonly PlannedDefect[];
  applicationDate: string;
}

export function has(context: CaseContext, kind: DefectKind): boolean {
  return context.defects.some((defect) => defect.kind === kind);
}

/** Fixed application dates in 2026, so cases do not depend on the day they are generated. */
export const APPLICATION_DATES = [
  "2026-01-08",
  "2026-02-26",
  "2026-03-16",
  "2026-04-14",
  "2026-05-20",
  "2026-06-09",
  "2026-07-15",
  "2026-09-01",
  "2026-10-19",
  "2026-11-23",
] as const;

/**
 * Applies the person-level defects: a wrong check character (kept on every document and the form, as
 * if copied from the card) and the name as mistyped on the form. Returns the name for the form.
 */
export function applyPersonDefects(context: CaseContext, person: Person, notes: string[]): { formName: string } {
  if (has(context, "id_check_digit")) {
    const correct = person.idNumber;
    person.idNumber = withWrongCheckCharacter(context.random, correct);
    notes.push(
      `ID number ${person.idNumber} has a wrong check character (valid: ${correct}); the form and every document carry the same wrong number`,
    );
  }
  let formName = person.name;
  if (has(context, "name_mismatch")) {
    formName = mistypeName(context.random, person.name);
    notes.push(`form name ${formName} differs from the ID card name ${person.name}`);
  }
  if (has(context, "expired_id"))
    notes.push(
      `ID card valid ${person.idCard.validFrom} to ${person.idCard.validUntil}, expired before ${context.applicationDate}`,
    );
  return { formName };
}

/** The ID card as files: one two-page PDF/sheet, or front and back as separate images. */
export function idCardFiles(random: Random, person: Person, materialId: string, owner = "身份证"): FileDraft[] {
  const front = renderIdCardFront(person);
  const back = renderIdCardBack(person.idCard);
  const shape = random.weighted([
    ["two-files", 0.5],
    ["one-file", 0.4],
    ["sheet", 0.1],
  ] as const);
  if (shape === "two-files")
    return [
      { materialId, documents: [front], kind: "card", label: `${owner}正面` },
      { materialId, documents: [back], kind: "card", label: `${owner}反面` },
    ];
  return [
    {
      materialId,
      documents: [front, back],
      kind: "card",
      label: `${owner}正反面`,
      layout: shape === "sheet" ? "sheet" : "pages",
    },
  ];
}

/** Removes the back of the ID card (the side_missing defect). */
export function dropIdCardBack(files: FileDraft[], materialId: string): FileDraft[] {
  return files
    .map((file) =>
      file.materialId === materialId
        ? {
            ...file,
            label: file.label.replace("正反面", "正面"),
            documents: file.documents.filter((document) => document.truth.side !== "back"),
          }
        : file,
    )
    .filter((file) => file.documents.length > 0);
}

/** Swaps every file of a material for another document declared as that material (wrong type). */
export function replaceMaterial(files: FileDraft[], materialId: string, replacement: FileDraft): void {
  for (let i = files.length - 1; i >= 0; i--) if (files[i]?.materialId === materialId) files.splice(i, 1);
  files.push({ ...replacement, mustDeclare: true });
}
