import { idNumberFor } from "../../rules/__fixtures__/case-builder.js";
import type { RecognisedDocument } from "../../types.js";

/** A recognised document as pre-review reports it, each field read on its own line with a box. */
export function recognisedDocument(options: {
  id: string;
  materialId?: string;
  documentType: string;
  side?: RecognisedDocument["side"];
  fields: Record<string, string>;
  confidence?: number;
}): RecognisedDocument {
  return {
    id: options.id,
    fileId: options.id,
    pages: [1],
    documentType: options.documentType,
    side: options.side ?? "single",
    confidence: 0.95,
    materialId: options.materialId,
    fields: Object.entries(options.fields).map(([name, value], index) => ({
      name,
      value,
      raw: value,
      confidence: options.confidence ?? 0.9,
      evidence: {
        fileId: options.id,
        page: 1,
        text: value,
        box: { x0: 10, y0: 20 + index * 30, x1: 200, y1: 44 + index * 30 },
      },
    })),
  };
}

/** The ID number of the retiree the prefill tests fill the retirement form for. */
export const RETIREE_ID = idNumberFor("1965-02-10", "男");

/** The retiree's ID card front as read into `applicant-id-card`, with some fields replaced. */
export function retireeIdCardFront(fields: Record<string, string> = {}): RecognisedDocument {
  return recognisedDocument({
    id: "f1",
    materialId: "applicant-id-card",
    documentType: "id_card",
    side: "front",
    fields: {
      name: "王建国",
      sex: "男",
      birthDate: "1965-02-10",
      address: "甘肃省兰州市城关区张掖路1号",
      idNumber: RETIREE_ID,
      ...fields,
    },
  });
}
