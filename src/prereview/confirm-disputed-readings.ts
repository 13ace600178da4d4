// A second opinion before a reading becomes a finding. The values behind a finding that compares
// or validates what OCR read (a mismatch, an invalid ID number or credit code, a value read only
// in part) are read once more: their line is cut out of the page and recognised on its own. A
// second reading that matches a value typed on the form, or that passes the check the first
// failed, corrects an OCR slip (another document's reading does not count: OCR repeats its
// confusions across documents printed in the same font); two readings that disagree leave the value
// doubtful; two that agree leave it as it was. The rules then run again on the result.
import { editDistance } from "./classify/index.js";
import { findCreditCodeSpan, findIdNumberSpan, normalizeCreditCode, normalizeIdNumber } from "./fields/index.js";
import type {
  Evidence,
  ExtractedField,
  ExtractedFile,
  Finding,
  IntakeFile,
  PageText,
  RecognisedDocument,
  RereadResult,
  TextExtractor,
} from "./types.js";
import { ruleTraits } from "./rules/rule-registry.js";
import { validateCreditCode } from "./validate-credit-code.js";
import { validateIdNumber } from "./validate-id-number.js";

/** Confidence of a value a second reading corrected to match another source or to pass its check. */
export const CONFIRMED_CONFIDENCE = 0.9;
/** Confidence of a value whose two readings disagree. */
export const DISPUTED_CONFIDENCE = 0.5;

export interface ConfirmDisputedReadingsOptions {
  findings: readonly Finding[];
  documents: readonly RecognisedDocument[];
  extracted: readonly ExtractedFile[];
  files: readonly IntakeFile[];
  form: Record<string, string>;
  reread: NonNullable<TextExtractor["reread"]>;
  /** Most regions read again per case. Default 12. */
  maxRereads?: number;
}

export interface ConfirmDisputedReadingsResult {
  documents: RecognisedDocument[];
  /** Values read again. */
  rereads: number;
  /** Left as read: the second reading agreed, or there was none to go on. */
  confirmed: number;
  /** Changed to the typed code or the second reading. */
  corrected: number;
  /** Left with a lowered confidence: the readings disagree. */
  disputed: number;
}

type FieldKind = "id_number" | "credit_code" | "text";

export async function confirmDisputedReadings(
  options: ConfirmDisputedReadingsOptions,
): Promise<ConfirmDisputedReadingsResult> {
  const documents = options.documents.map((document) => ({ ...document, fields: [...document.fields] }));
  const result = { documents, rereads: 0, confirmed: 0, corrected: 0, disputed: 0 };
  const typedValues = new Set(Object.values(options.form).map((typed) => typed.trim()));
  // One request per page, so a page is rendered once however many of its values are disputed.
  const pages = new Map<
    string,
    { file: IntakeFile; page: number; pageWidth: number; documents: PageText["documents"]; targets: Target[] }
  >();
  for (const target of disputedFields(options.findings, documents).slice(0, options.maxRereads ?? 12)) {
    const { fileId } = target.document;
    const { box, page = 1 } = target.field.evidence;
    const file = options.files.find((candidate) => candidate.fileId === fileId);
    const pageText = options.extracted
      .find((candidate) => candidate.fileId === fileId)
      ?.pages.find((candidate) => candidate.page === page);
    if (!box || !file || pageText?.source !== "ocr" || !pageText.width) continue;
    const key = `${fileId}#${page}`;
    const group = pages.get(key) ?? {
      file,
      page,
      pageWidth: pageText.width,
      documents: pageText.documents,
      targets: [],
    };
    group.targets.push(target);
    pages.set(key, group);
  }
  for (const { file, page, pageWidth, documents, targets } of pages.values()) {
    const regions = targets.map(({ field }) => ({
      box: field.evidence.box as NonNullable<Evidence["box"]>,
      lines: field.evidence.text.split("\n").length,
    }));
    const seconds = await options.reread(file, { page, pageWidth, regions, ...(documents ? { documents } : {}) });
    result.rereads += targets.length;
    targets.forEach(({ document, fieldIndex, field }, index) => {
      const outcome = decide(field, seconds[index], options.form, typedValues);
      result[outcome.status]++;
      document.fields[fieldIndex] = outcome.field;
    });
  }
  return result;
}

interface Target {
  document: RecognisedDocument;
  fieldIndex: number;
  field: ExtractedField;
}

/** What a second reading (or none) makes of one disputed value. */
function decide(
  field: ExtractedField,
  second: RereadResult | undefined,
  form: Record<string, string>,
  typedValues: ReadonlySet<string>,
): { status: "confirmed" | "corrected" | "disputed"; field: ExtractedField } {
  const kind = fieldKind(field.name);
  const corrected = (value: string) => ({
    status: "corrected" as const,
    field: {
      ...field,
      value,
      confidence: Math.max(field.confidence, CONFIRMED_CONFIDENCE),
      ...(second ? { evidence: { ...field.evidence, text: `${field.evidence.text}（复读：${second.text}）` } } : {}),
    },
  });
  const typed = typedNeighbour(kind, form, [field.value, ...(second ? [second.text] : [])]);
  const value = second ? secondValue(kind, second.text, field.value) : undefined;
  if (typed && !(value && passes(kind, value))) return corrected(typed);
  // Without a second reading, or when it agrees, the value stays as read: OCR repeats its own
  // confusions (廖 read as 雇 twice), so two agreeing readings are no stronger evidence than one.
  if (!second || value === field.value) return { status: "confirmed", field };
  if (value && (typedValues.has(value) || (passes(kind, value) && !passes(kind, field.value)))) return corrected(value);
  return { status: "disputed", field: { ...field, confidence: Math.min(field.confidence, DISPUTED_CONFIDENCE) } };
}

/** Document fields named as evidence by findings of the disputed kinds, each once. */
function disputedFields(findings: readonly Finding[], documents: readonly RecognisedDocument[]): Target[] {
  const seen = new Set<ExtractedField>();
  const targets: Target[] = [];
  for (const finding of findings) {
    if (!ruleTraits(finding.ruleId).reread) continue;
    for (const evidence of finding.evidence) {
      if (evidence.fileId === "form" || !evidence.box) continue;
      for (const document of documents)
        document.fields.forEach((field, fieldIndex) => {
          if (seen.has(field) || !sameEvidence(field.evidence, evidence)) return;
          seen.add(field);
          targets.push({ document, fieldIndex, field });
        });
    }
  }
  return targets;
}

function sameEvidence(a: Evidence, b: Evidence): boolean {
  return (
    a.fileId === b.fileId &&
    (a.page ?? 1) === (b.page ?? 1) &&
    a.box?.x0 === b.box?.x0 &&
    a.box?.y0 === b.box?.y0 &&
    a.box?.x1 === b.box?.x1 &&
    a.box?.y1 === b.box?.y1
  );
}

function fieldKind(name: string): FieldKind {
  if (/idnumber$/i.test(name)) return "id_number";
  if (name === "creditCode") return "credit_code";
  return "text";
}

function passes(kind: FieldKind, value: string): boolean {
  if (kind === "id_number") return validateIdNumber(value).valid;
  if (kind === "credit_code") return validateCreditCode(value).valid;
  return false;
}

/** The value in the second reading: the code it holds, or the stretch of text closest to the first value. */
function secondValue(kind: FieldKind, text: string, first: string): string | undefined {
  if (kind === "id_number") {
    const span = findIdNumberSpan(text);
    return span ? normalizeIdNumber(span.raw).value : undefined;
  }
  if (kind === "credit_code") {
    const span = findCreditCodeSpan(text);
    return span ? normalizeCreditCode(span.raw).value : undefined;
  }
  return closestStretch(text, first);
}

/**
 * The substring of `text` most like `target` (same length, or one shorter or longer), by edit
 * distance; undefined when even the best differs in more than half its characters.
 */
export function closestStretch(text: string, target: string): string | undefined {
  const characters = [...text];
  const length = [...target].length;
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const size of [length, length - 1, length + 1]) {
    if (size <= 0) continue;
    for (let start = 0; start + size <= characters.length; start++) {
      const candidate = characters.slice(start, start + size).join("");
      const score = editDistance(candidate, target) + (size === length ? 0 : 0.5);
      if (score < bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
  }
  return best !== undefined && bestScore <= length / 2 ? best : undefined;
}

/**
 * A code typed on the form that is one character away from a reading that fails its check:
 * - a typed code that passes its check: GB 11643 and GB 32100 check characters catch every
 *   single-character change, so the reading is that code read with one slip;
 * - a typed code of the right length when the reading has one character too many or too few: a
 *   length error is OCR's (a character split or lost), so the document carries the typed code —
 *   whose own check, right or wrong, then applies to the document too.
 */
function typedNeighbour(kind: FieldKind, form: Record<string, string>, readings: string[]): string | undefined {
  if (kind === "text" || readings.length === 0 || passes(kind, readings[0] as string)) return undefined;
  const normalize = kind === "id_number" ? normalizeIdNumber : normalizeCreditCode;
  const find = kind === "id_number" ? findIdNumberSpan : findCreditCodeSpan;
  const candidates = readings.flatMap((reading) => {
    const span = find(reading);
    return span ? [normalize(span.raw).value] : [normalize(reading).value];
  });
  const near = [...new Set(Object.values(form).map((value) => normalize(value).value))].filter((typed) =>
    candidates.some(
      (candidate) =>
        editDistance(candidate, typed) <= 1 &&
        (passes(kind, typed) ||
          (candidate.length !== CODE_LENGTH && typed.length === CODE_LENGTH && fits(kind, typed))),
    ),
  );
  return near.length === 1 ? near[0] : undefined;
}

/** ID numbers and credit codes both have 18 characters. */
const CODE_LENGTH = 18;

function fits(kind: FieldKind, value: string): boolean {
  return kind === "id_number" ? normalizeIdNumber(value).fits : normalizeCreditCode(value).fits;
}
