// Personal data of a pre-review case as storage keeps it: the form, the report, file names and
// comments sealed with the case's data key (src/data-protection) before they reach a query, opened
// after. jsonb columns hold the sealed text as a JSON string; values written before sealing (plain
// JSON objects) are read as they are. Once the case's key is destroyed, sealed values open as absent.
import { type FieldCipher, plainFieldCipher } from "../data-protection/index.js";
import type { SqlRow } from "./sql-client.js";

export interface CaseDataCodec {
  /** A value sealed for the case, as the text of a jsonb parameter. */
  sealJson(caseId: string, value: unknown): Promise<string>;
  /** A jsonb value read back: opened when sealed; undefined when the key is gone or it is unreadable. */
  openJson(caseId: string, value: unknown): Promise<unknown>;
  sealText(caseId: string, text: string): Promise<string>;
  /** Undefined when the key is gone. */
  openText(caseId: string, text: string): Promise<string | undefined>;
  /** Case rows (CASE_COLUMNS) with form, report and review comment opened. */
  openCaseRows(rows: SqlRow[]): Promise<SqlRow[]>;
  readonly cipher: FieldCipher;
}

export const caseScope = (caseId: string) => `case:${caseId.toLowerCase()}`;

export function createCaseDataCodec(cipher: FieldCipher = plainFieldCipher): CaseDataCodec {
  const codec: CaseDataCodec = {
    cipher,
    async sealJson(caseId, value) {
      return JSON.stringify(await cipher.seal(caseScope(caseId), JSON.stringify(value)));
    },
    async openJson(caseId, value) {
      if (typeof value !== "string") return value ?? undefined;
      const opened = await cipher.open(caseScope(caseId), value);
      if (opened === undefined) return undefined;
      try {
        return JSON.parse(opened);
      } catch {
        return undefined;
      }
    },
    sealText: (caseId, text) => cipher.seal(caseScope(caseId), text),
    openText: (caseId, text) => cipher.open(caseScope(caseId), text),
    openCaseRows: (rows) =>
      Promise.all(
        rows.map(async (row) => {
          const id = String(row.id);
          const form = await codec.openJson(id, row.form);
          const report = await codec.openJson(id, row.report);
          const reviewComment =
            typeof row.reviewComment === "string" ? await codec.openText(id, row.reviewComment) : row.reviewComment;
          return { ...row, form: form ?? {}, report: report ?? null, reviewComment: reviewComment ?? null };
        }),
      ),
  };
  return codec;
}
