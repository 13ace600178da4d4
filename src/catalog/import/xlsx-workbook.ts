// The one adapter of exceljs: reads the first worksheet of an XLSX export into text cells and writes
// a worksheet (for the sample export). Formula cells are read as their cached result and reported.
import ExcelJS from "exceljs";

export interface XlsxSheet {
  rows: string[][];
  /** 1-based positions of cells that hold a formula rather than a value. */
  formulaCells: { row: number; column: number; hasResult: boolean }[];
}

export async function readXlsxSheet(bytes: Buffer): Promise<XlsxSheet> {
  const workbook = new ExcelJS.Workbook();
  // exceljs's Buffer type predates @types/node 20's generic Buffer.
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  const formulaCells: XlsxSheet["formulaCells"] = [];
  if (!sheet) return { rows, formulaCells };
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, columnNumber) => {
      if (cell.type === ExcelJS.ValueType.Formula) {
        const result = (cell.value as ExcelJS.CellFormulaValue).result;
        formulaCells.push({ row: rowNumber, column: columnNumber, hasResult: result !== undefined && result !== null });
      }
      cells[columnNumber - 1] = cellText(cell);
    });
    rows[rowNumber - 1] = Array.from(cells, (text) => text ?? "");
  });
  return { rows: Array.from(rows, (row) => row ?? []), formulaCells };
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return "";
  if (typeof value === "object" && "richText" in value) return value.richText.map((part) => part.text).join("");
  if (typeof value === "object" && "formula" in value) return value.result === undefined ? "" : String(value.result);
  return cell.text ?? String(value);
}

export interface WriteXlsxOptions {
  rows: string[][];
  /** Ranges such as `E1:I1` to merge (a two-row header's group cell). */
  merges?: string[];
  sheetName?: string;
}

export async function writeXlsx(options: WriteXlsxOptions): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(options.sheetName ?? "办事指南");
  for (const row of options.rows) sheet.addRow(row);
  for (const range of options.merges ?? []) sheet.mergeCells(range);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
