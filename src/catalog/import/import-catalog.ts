// The import use case: read an export, map it to matters, write them into a copy of the knowledge
// directory, load that whole copy with the catalog loader, and only then swap its matters/ folder in.
// Any error anywhere leaves knowledge/ exactly as it was.
import { cp, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import YAML from "yaml";
import { CatalogError, loadCatalog } from "../load-catalog.js";
import type { ImportIssue } from "./import-issue.js";
import { mapGuideRecords } from "./map-guide-records.js";
import { readGuideExport } from "./read-guide-export.js";

/** Files larger than this are refused before parsing. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export interface ImportCatalogOptions {
  /** The export file (CSV, XLSX or JSON). */
  file: string;
  /** The knowledge directory to import into (default `./knowledge`). */
  knowledgeDirectory: string;
  /** Validate and report without writing (default false). */
  dryRun?: boolean;
}

export interface ImportCatalogResult {
  /** True when the matters were written (or, in a dry run, would be). */
  ok: boolean;
  format?: "csv" | "xlsx" | "json";
  encoding?: string;
  created: string[];
  updated: string[];
  issues: ImportIssue[];
}

export async function importCatalog(options: ImportCatalogOptions): Promise<ImportCatalogResult> {
  const failed = (issues: ImportIssue[], extra: Partial<ImportCatalogResult> = {}): ImportCatalogResult => ({
    ok: false,
    created: [],
    updated: [],
    issues,
    ...extra,
  });
  let bytes: Buffer;
  try {
    bytes = await readFile(options.file);
  } catch (error) {
    return failed([{ severity: "error", problem: `无法读取文件：${(error as Error).message}` }]);
  }
  if (bytes.length > MAX_IMPORT_BYTES)
    return failed([
      {
        severity: "error",
        problem: `文件有 ${(bytes.length / 1024 / 1024).toFixed(1)} MB，超过上限 50 MB；请分批导出`,
      },
    ]);
  if (bytes.length === 0) return failed([{ severity: "error", problem: "文件是空的" }]);

  const current = await loadCatalog({ directory: options.knowledgeDirectory });
  const read = await readGuideExport(bytes, path.basename(options.file));
  const found = { format: read.format, encoding: read.encoding };
  if (read.issues.some((issue) => issue.severity === "error")) return failed(read.issues, found);
  if (read.records.length === 0)
    return failed([...read.issues, { severity: "error", problem: "文件中没有事项数据" }], found);

  const materialIdsByName = new Map<string, string>();
  for (const matter of current.matters.values())
    for (const material of matter.materials) materialIdsByName.set(material.name, material.id);
  const matterIdsByName = new Map([...current.matters.values()].map((matter) => [matter.name, matter.id]));
  const mapped = mapGuideRecords({
    records: read.records,
    sourceTitle: path.basename(options.file),
    matterIdsByName,
    materialIdsByName,
  });
  const issues = [...read.issues, ...mapped.issues];
  if (issues.some((issue) => issue.severity === "error")) return failed(issues, found);

  const created = mapped.matters.filter(({ matter }) => !current.matters.has(matter.id)).map(({ matter }) => matter.id);
  const updated = mapped.matters.filter(({ matter }) => current.matters.has(matter.id)).map(({ matter }) => matter.id);

  // Stage beside knowledge/ so the final rename stays on one file system.
  const parent = path.dirname(path.resolve(options.knowledgeDirectory));
  const staging = await mkdtemp(path.join(parent, ".knowledge-import-"));
  try {
    await cp(options.knowledgeDirectory, staging, { recursive: true });
    const rowOfFile = new Map<string, number>();
    for (const { matter, row } of mapped.matters) {
      const file = `matters/${matter.id}.yaml`;
      rowOfFile.set(file, row);
      await writeFile(path.join(staging, file), YAML.stringify(matter, { lineWidth: 0 }));
    }
    try {
      await loadCatalog({ directory: staging });
    } catch (error) {
      if (!(error instanceof CatalogError)) throw error;
      return failed(
        [
          ...issues,
          ...error.issues.map((issue) => ({
            severity: "error" as const,
            row: rowOfFile.get(issue.file),
            column: issue.field || issue.file,
            problem: issue.message,
          })),
        ],
        found,
      );
    }
    if (!options.dryRun) await swapMatters(options.knowledgeDirectory, staging);
    return { ok: true, ...found, created, updated, issues };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Two renames: the old matters/ aside, the validated one in; the old one back if the second fails. */
async function swapMatters(knowledgeDirectory: string, staging: string): Promise<void> {
  const live = path.join(knowledgeDirectory, "matters");
  const previous = path.join(staging, "matters.previous");
  await rename(live, previous);
  try {
    await rename(path.join(staging, "matters"), live);
  } catch (error) {
    await rename(previous, live);
    throw error;
  }
}
