// The one adapter of csv-parse: a CSV text into rows of text cells.
import { parse } from "csv-parse/sync";

export type CsvResult = { ok: true; rows: string[][] } | { ok: false; line: number; message: string };

export function parseCsv(text: string): CsvResult {
  try {
    const rows: string[][] = parse(text, { relax_column_count: true, bom: true, skip_empty_lines: false });
    return { ok: true, rows };
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    return { ok: false, line, message: (error as Error).message };
  }
}
