import { FACT_NAMES, type FactName, type FactSpec, factSpec } from "../catalog/index.js";
import { type Profile, ProfileSchema } from "./profile.js";

/** Columns that name the row rather than describe the person; echoed to the output as they are. */
export const ROW_ID_COLUMN = "id";

const PROFILE_FIELDS = new Set<string>(Object.keys(ProfileSchema.shape));
const TRUE = new Set(["是", "有", "true", "1", "y", "yes"]);
const FALSE = new Set(["否", "无", "false", "0", "n", "no"]);

/** Header columns that are neither a profile field nor the row id: reported, never ignored. */
export function unknownCsvColumns(header: string[]): string[] {
  return header.filter((column) => column !== ROW_ID_COLUMN && !PROFILE_FIELDS.has(column));
}

export type CsvProfileResult = { status: "ok"; id: string; profile: Profile } | { status: "invalid"; message: string };

/** A profile from one CSV row: empty cells are unknown facts; 是/否 and Chinese option labels are accepted. */
export function profileFromCsvRow(header: string[], cells: string[]): CsvProfileResult {
  if (cells.length !== header.length)
    return { status: "invalid", message: `应有${header.length}列，实际${cells.length}列` };
  const input: Record<string, unknown> = {};
  const problems: string[] = [];
  let id = "";
  header.forEach((column, index) => {
    const raw = (cells[index] ?? "").trim();
    if (column === ROW_ID_COLUMN) id = raw;
    else if (raw !== "") {
      const value = (FACT_NAMES as readonly string[]).includes(column)
        ? cellValue(factSpec(column as FactName), raw)
        : raw;
      if (value === undefined) problems.push(`${column}：无法识别的取值`);
      else input[column] = value;
    }
  });
  if (problems.length > 0) return { status: "invalid", message: problems.join("；") };
  const parsed = ProfileSchema.safeParse(input);
  if (!parsed.success)
    return {
      status: "invalid",
      message: parsed.error.issues.map((issue) => `${issue.path.join(".")}：${issue.message}`).join("；"),
    };
  return { status: "ok", id, profile: parsed.data };
}

function cellValue(spec: FactSpec, raw: string): unknown {
  if (spec.kind === "number") {
    const number = Number(raw);
    return Number.isFinite(number) ? number : undefined;
  }
  if (spec.kind === "boolean") {
    const lower = raw.toLowerCase();
    return TRUE.has(lower) ? true : FALSE.has(lower) ? false : undefined;
  }
  const options = spec.options ?? {};
  if (raw in options) return raw;
  return Object.entries(options).find(([, label]) => label === raw)?.[0];
}
