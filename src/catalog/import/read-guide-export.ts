// Reads an authority's 办事指南 export (CSV, XLSX or JSON) into one record per matter, each with its
// material rows. Sniffs the real type from the bytes (a renamed file is named as what it is), decodes
// GBK/GB18030 text when it is not UTF-8, and reports what it could not read by row and column.
import { parseCsv } from "./csv-table.js";
import {
  type GuideColumn,
  isMaterialColumn,
  MATERIALS_KEYS,
  type MaterialColumn,
  type MatterColumn,
  matchHeader,
} from "./guide-columns.js";
import type { ImportIssue } from "./import-issue.js";
import { readXlsxSheet } from "./xlsx-workbook.js";

/** More rows than this are refused as a whole, with a report, rather than half-imported. */
export const MAX_IMPORT_ROWS = 10_000;

export interface GuideRecord {
  /** The row (CSV/XLSX, 1-based as a spreadsheet shows it) or item number (JSON) the matter starts at. */
  row: number;
  cells: Partial<Record<MatterColumn, string>>;
  materials: { row: number; cells: Partial<Record<MaterialColumn, string>> }[];
}

export interface ReadGuideExportResult {
  format: "csv" | "xlsx" | "json";
  /** The text encoding found (CSV/JSON), e.g. `utf-8` or `gb18030`. */
  encoding?: string;
  records: GuideRecord[];
  issues: ImportIssue[];
}

export async function readGuideExport(bytes: Buffer, fileName: string): Promise<ReadGuideExportResult> {
  const extension = fileName.toLowerCase().split(".").pop() ?? "";
  const isZip = bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  const refuse = (format: ReadGuideExportResult["format"], problem: string): ReadGuideExportResult => ({
    format,
    records: [],
    issues: [{ severity: "error", problem }],
  });
  if (isZip) {
    let sheet: Awaited<ReturnType<typeof readXlsxSheet>>;
    try {
      sheet = await readXlsxSheet(bytes);
    } catch (error) {
      return refuse("xlsx", `文件是 ZIP 压缩包，但不是可读的 XLSX 工作簿（${(error as Error).message}）`);
    }
    const issues: ImportIssue[] = sheet.formulaCells.map(({ row, column, hasResult }) => ({
      severity: hasResult ? "warning" : "error",
      row,
      column: columnLetter(column),
      problem: hasResult
        ? "单元格是公式，已取其计算结果；请导出为值"
        : "单元格是公式且没有计算结果；请在表格软件中另存为值后再导入",
    }));
    const table = recordsFromRows(sheet.rows);
    return { format: "xlsx", records: table.records, issues: [...issues, ...table.issues] };
  }
  if (extension === "xlsx")
    return refuse("xlsx", `文件扩展名是 .xlsx，但内容不是 XLSX 工作簿（${describeBytes(bytes)}）`);
  if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])))
    return refuse("xlsx", "这是旧版 Excel（.xls）文件；请在表格软件中另存为 .xlsx 或 CSV（UTF-8）后再导入");
  if (bytes.includes(0))
    return refuse(
      extension === "json" ? "json" : "csv",
      `文件不是文本（${describeBytes(bytes)}）；请导出 CSV、XLSX 或 JSON`,
    );

  const { text, encoding } = decodeText(bytes);
  const trimmed = text.trimStart();
  if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
    const json = recordsFromJson(trimmed);
    return { format: "json", encoding, ...json };
  }
  const csv = parseCsv(text);
  if (!csv.ok) return { ...refuse("csv", `CSV 格式错误（第 ${csv.line} 行附近）：${csv.message}`), encoding };
  const table = recordsFromRows(csv.rows);
  const encodingNote: ImportIssue[] =
    encoding === "utf-8" ? [] : [{ severity: "warning", problem: `文件不是 UTF-8 编码，已按 ${encoding} 解码` }];
  return { format: "csv", encoding, records: table.records, issues: [...encodingNote, ...table.issues] };
}

function decodeText(bytes: Buffer): { text: string; encoding: string } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder("utf-16le").decode(bytes), encoding: "utf-16le" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // Chinese spreadsheet software saves CSV in GBK by default; GB18030 is its superset.
    return { text: new TextDecoder("gb18030").decode(bytes), encoding: "gb18030" };
  }
}

function describeBytes(bytes: Buffer): string {
  if (bytes.subarray(0, 4).toString("latin1") === "%PDF") return "内容是 PDF 文档";
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return "内容是 JPEG 图片";
  if (bytes.subarray(1, 4).toString("latin1") === "PNG") return "内容是 PNG 图片";
  return `开头字节为 ${bytes.subarray(0, 4).toString("hex")}`;
}

function columnLetter(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Rows of a sheet (header first) to records: a row with a new 事项名称 starts a matter, others add materials. */
function recordsFromRows(rows: string[][]): { records: GuideRecord[]; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const first = (rows[0] ?? []).map((cell) => cell.trim());
  const second = (rows[1] ?? []).map((cell) => cell.trim());
  // A two-row header: 申请材料 merged over 材料名称/材料类型/… in the row below.
  const secondIsHeader = second.filter((cell) => cell && matchHeader(cell)).length >= 2;
  const headerRows = secondIsHeader ? 2 : 1;
  const width = Math.max(first.length, secondIsHeader ? second.length : 0);
  const columns: (GuideColumn | undefined)[] = [];
  const seen = new Map<GuideColumn, string>();
  for (let index = 0; index < width; index++) {
    const header = (secondIsHeader && second[index]) || first[index] || "";
    if (!header) continue;
    const column = matchHeader(header);
    if (!column) {
      issues.push({ severity: "warning", row: 1, column: header, problem: "未识别的列，已忽略" });
      continue;
    }
    if (seen.has(column)) {
      issues.push({
        severity: "warning",
        row: 1,
        column: header,
        problem: `与「${seen.get(column)}」是同一要素，已忽略此列`,
      });
      continue;
    }
    seen.set(column, header);
    columns[index] = column;
  }
  for (const [column, label] of [
    ["name", "事项名称"],
    ["department", "实施主体"],
  ] as const)
    if (!seen.has(column)) issues.push({ severity: "error", row: 1, column: label, problem: "缺少必需的列" });
  const dataRows = rows.length - headerRows;
  if (dataRows > MAX_IMPORT_ROWS)
    issues.push({
      severity: "error",
      problem: `文件有 ${dataRows} 行数据，超过一次导入的上限 ${MAX_IMPORT_ROWS} 行；请分批导出后导入`,
    });
  if (issues.some((issue) => issue.severity === "error")) return { records: [], issues };

  const records: GuideRecord[] = [];
  for (let index = headerRows; index < rows.length; index++) {
    const row = rows[index] ?? [];
    const matterCells: GuideRecord["cells"] = {};
    const materialCells: GuideRecord["materials"][number]["cells"] = {};
    columns.forEach((column, position) => {
      const value = (row[position] ?? "").trim();
      if (!column || !value) return;
      if (isMaterialColumn(column)) materialCells[column] = value;
      else matterCells[column] = value;
    });
    const current = records.at(-1);
    const startsMatter =
      matterCells.name !== undefined &&
      (!current || current.cells.name !== matterCells.name || (current.cells.code ?? "") !== (matterCells.code ?? ""));
    if (startsMatter) records.push({ row: index + 1, cells: matterCells, materials: [] });
    else if (!current) {
      if (Object.keys(materialCells).length > 0 || Object.keys(matterCells).length > 0)
        issues.push({ severity: "error", row: index + 1, column: "事项名称", problem: "第一条数据缺少事项名称" });
      continue;
    }
    if (Object.keys(materialCells).length > 0) records.at(-1)?.materials.push({ row: index + 1, cells: materialCells });
  }
  return { records, issues };
}

function recordsFromJson(text: string): { records: GuideRecord[]; issues: ImportIssue[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { records: [], issues: [{ severity: "error", problem: `不是有效的 JSON：${(error as Error).message}` }] };
  }
  const list = Array.isArray(data) ? data : Object.values(data as object).find((value) => Array.isArray(value));
  if (!Array.isArray(list))
    return {
      records: [],
      issues: [{ severity: "error", problem: "JSON 应为事项对象的数组，或含有一个事项数组的对象" }],
    };
  if (list.length > MAX_IMPORT_ROWS)
    return {
      records: [],
      issues: [
        {
          severity: "error",
          problem: `文件有 ${list.length} 个事项，超过一次导入的上限 ${MAX_IMPORT_ROWS}；请分批导入`,
        },
      ],
    };
  const issues: ImportIssue[] = [];
  const records: GuideRecord[] = [];
  list.forEach((item, index) => {
    const row = index + 1;
    if (!item || typeof item !== "object" || Array.isArray(item)) {
      issues.push({ severity: "error", row, problem: "应为事项对象" });
      return;
    }
    const record: GuideRecord = { row, cells: {}, materials: [] };
    for (const [key, value] of Object.entries(item)) {
      if (MATERIALS_KEYS.includes(key) && Array.isArray(value)) {
        for (const material of value) record.materials.push({ row, cells: materialCellsOf(material, row, issues) });
        continue;
      }
      const column = matchHeader(key);
      if (!column || isMaterialColumn(column)) {
        issues.push({ severity: "warning", row, column: key, problem: "未识别的字段，已忽略" });
        continue;
      }
      record.cells[column] = textOf(value);
    }
    records.push(record);
  });
  return { records, issues };
}

function materialCellsOf(
  material: unknown,
  row: number,
  issues: ImportIssue[],
): GuideRecord["materials"][number]["cells"] {
  const cells: GuideRecord["materials"][number]["cells"] = {};
  if (typeof material === "string") return { materialName: material.trim() };
  if (!material || typeof material !== "object") return cells;
  for (const [key, value] of Object.entries(material)) {
    const column = matchHeader(key);
    if (column && isMaterialColumn(column)) cells[column] = textOf(value);
    else issues.push({ severity: "warning", row, column: `申请材料.${key}`, problem: "未识别的字段，已忽略" });
  }
  return cells;
}

function textOf(value: unknown): string {
  if (Array.isArray(value)) return value.map(textOf).join("\n");
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "是" : "否";
  return String(value).trim();
}
