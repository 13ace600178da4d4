import type { FormField } from "../../catalog/index.js";
import type { Evidence } from "../evidence.js";
import type { RecognisedDocument } from "../types.js";
import { PREFILL_THRESHOLDS } from "./prefill-confidence.js";
import type { PrefillCandidate, PrefilledField } from "./prefill-result.js";

/** Kinds of value whose exact agreement cannot be a coincidence of a few likely characters. */
const CONFIRMABLE_TYPES = new Set<FormField["type"]>(["text", "id_number"]);

const evidenceOf = (candidates: readonly PrefillCandidate[]) =>
  candidates.flatMap((candidate) => (candidate.source.kind === "document" ? [candidate.source.evidence] : []));

/**
 * Whether a reading comes from an image apart from the doubtful value's: another file, and not the
 * same line read the same way in the same place (one image uploaded twice gives the same misreading).
 */
function independent(evidence: Evidence, own: readonly Evidence[]): boolean {
  return own.every(
    (item) =>
      item.fileId !== evidence.fileId &&
      (item.text !== evidence.text || JSON.stringify(item.box) !== JSON.stringify(evidence.box)),
  );
}

/** A reading that agrees with a doubtful value, in a few Chinese words. */
interface Confirmation {
  label: string;
  confidence: number;
}

/**
 * A value offered for checking only because it was read doubtfully is filled when another file of
 * the case was read confidently with exactly the same value (in any of its fields), or another
 * form field was filled with it from other sources: OCR of two images does not misread a name or
 * an ID number into the same wrong string, so the doubtful reading is right (the father's name on
 * a birth certificate, read at 0.69, is the name read at 0.81 from his ID card; the child's name
 * is the name on the child's social security card form). Only a doubt about the reading is
 * lifted: a value that fails its check, a conflict or a derived value is never confirmed this way,
 * nor short values (one character, a choice, a date), which agree by chance, nor a reading of the
 * same image (the two sides of one page image, one image uploaded twice).
 */
export function confirmByOtherReadings(options: {
  fields: readonly FormField[];
  resolved: ReadonlyMap<string, PrefilledField>;
  documents: readonly RecognisedDocument[];
  sourceLabel: (candidate: PrefillCandidate) => string;
  documentName: (document: RecognisedDocument) => string;
}): Map<string, PrefilledField> {
  const { fields, resolved, documents } = options;
  const confirmed = new Map(resolved);
  const confirmation = (field: FormField, current: PrefilledField): Confirmation | undefined => {
    const own = evidenceOf(current.candidates.filter((item) => item.value === current.value));
    for (const other of fields) {
      const match = resolved.get(other.name);
      if (other === field || other.type !== field.type || match?.status !== "filled" || match.value !== current.value)
        continue;
      const agreeing = match.candidates.filter((item) => item.value === match.value && item.source.kind !== "derived");
      if (agreeing.length > 0 && evidenceOf(agreeing).every((evidence) => independent(evidence, own)))
        return {
          label: `“${match.label}”（${options.sourceLabel(agreeing[0] as PrefillCandidate)}）`,
          confidence: match.confidence,
        };
    }
    for (const document of documents)
      for (const read of document.fields)
        if (
          read.value.replace(/\s/g, "") === current.value &&
          read.confidence >= PREFILL_THRESHOLDS.lowConfidence &&
          independent(read.evidence, own)
        )
          return { label: options.documentName(document), confidence: read.confidence };
    return undefined;
  };
  for (const field of fields) {
    const current = resolved.get(field.name);
    if (current?.status !== "needs_check" || current.problem?.code !== "low_confidence") continue;
    if (!CONFIRMABLE_TYPES.has(field.type) || [...(current.value ?? "")].length < 2) continue;
    const found = confirmation(field, current);
    if (!found) continue;
    const { problem: _problem, ...rest } = current;
    confirmed.set(field.name, {
      ...rest,
      status: "filled",
      confidence: Number((1 - (1 - current.confidence) * (1 - found.confidence)).toFixed(3)),
      note: `识别把握不大，但与${found.label}的识别结果完全一致，已采用`,
    });
  }
  return confirmed;
}
