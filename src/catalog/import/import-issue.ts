/** One line of an import's validation report. An error stops the whole import; a warning does not. */
export interface ImportIssue {
  severity: "error" | "warning";
  /** Spreadsheet row (header is row 1) or JSON item number; absent for the file as a whole. */
  row?: number;
  /** The column as the file names it (or the standard element name). */
  column?: string;
  problem: string;
}

/** `第 3 行 · 承诺办结时限: …` for the printed report. */
export function formatImportIssue(issue: ImportIssue): string {
  const where = [issue.row === undefined ? "" : `第 ${issue.row} 行`, issue.column ?? ""].filter(Boolean).join(" · ");
  return `${issue.severity === "error" ? "错误" : "提示"}  ${where ? `${where}: ` : ""}${issue.problem}`;
}
