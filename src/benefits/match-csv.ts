import type { Benefit } from "../catalog/index.js";
import { type CsvRecord, toCsvLine } from "./csv.js";
import { formatReason, type MatchDecision } from "./match-benefits.js";
import { matchProfile } from "./match-profile.js";
import { profileFromCsvRow, unknownCsvColumns } from "./profile-from-csv.js";

export const MATCH_CSV_HEADER = [
  "id",
  "line",
  "benefit_id",
  "benefit",
  "decision",
  "claim",
  "route",
  "missing_facts",
  "reasons",
  "source",
];

const DECISION_LABELS: Record<MatchDecision, string> = {
  eligible: "符合",
  possible: "可能符合",
  ineligible: "不符合",
};

export interface BenefitTally {
  benefitId: string;
  name: string;
  eligible: number;
  possible: number;
  ineligible: number;
  /** 免申即享: granted without applying. */
  automatic: boolean;
}

export interface MatchCsvSummary {
  rows: number;
  matched: number;
  skipped: { line: number; message: string }[];
  benefits: BenefitTally[];
}

export interface MatchCsvOptions {
  /** The records of the file, header first. */
  records: Iterable<CsvRecord>;
  benefits: Map<string, Benefit>;
  asOf: string;
  /** Decisions written to the output (default eligible and possible). */
  include?: MatchDecision[];
  /** Receives each output CSV line, header first. */
  write(line: string): void;
  /** Called after each row (default none), for a progress bar; a returned promise is awaited, so the caller can let timers run. */
  onRow?(done: number): void | Promise<void>;
}

export type MatchCsvResult = { status: "done"; summary: MatchCsvSummary } | { status: "bad_header"; message: string };

/**
 * The 免申即享 list: who in an exported file qualifies for what, with reasons, one output line per
 * person and benefit. A bad row is reported with its line number and skipped; the rest go on.
 */
export async function matchCsv(options: MatchCsvOptions): Promise<MatchCsvResult> {
  const include = new Set(options.include ?? ["eligible", "possible"]);
  const iterator = options.records[Symbol.iterator]();
  const first = iterator.next();
  if (first.done) return { status: "bad_header", message: "文件为空，缺少表头" };
  const header = first.value.cells.map((cell) => cell.trim());
  const unknown = unknownCsvColumns(header);
  if (unknown.length > 0) return { status: "bad_header", message: `表头有未知列：${unknown.join("、")}` };
  if (new Set(header).size !== header.length) return { status: "bad_header", message: "表头有重复列" };

  const tallies = new Map<string, BenefitTally>(
    [...options.benefits.values()].map((benefit) => [
      benefit.id,
      {
        benefitId: benefit.id,
        name: benefit.name,
        eligible: 0,
        possible: 0,
        ineligible: 0,
        automatic: benefit.claim.mode === "automatic",
      },
    ]),
  );
  const summary: MatchCsvSummary = { rows: 0, matched: 0, skipped: [], benefits: [...tallies.values()] };
  options.write(toCsvLine(MATCH_CSV_HEADER));
  for (let next = iterator.next(); !next.done; next = iterator.next()) {
    const { line, cells } = next.value;
    summary.rows += 1;
    const row = profileFromCsvRow(header, cells);
    const outcome =
      row.status === "ok"
        ? matchProfile({ benefits: options.benefits.values(), profile: row.profile, asOf: options.asOf })
        : undefined;
    if (row.status === "invalid") summary.skipped.push({ line, message: row.message });
    else if (outcome?.status === "contradictory")
      summary.skipped.push({ line, message: `信息相互矛盾：${outcome.problems.join("；")}` });
    else if (outcome?.status === "matched" && row.status === "ok") {
      summary.matched += 1;
      for (const match of outcome.result.matches) {
        const tally = tallies.get(match.benefitId);
        if (tally) tally[match.decision] += 1;
        if (!include.has(match.decision)) continue;
        options.write(
          toCsvLine([
            row.id,
            line,
            match.benefitId,
            match.name,
            DECISION_LABELS[match.decision],
            match.claim.mode === "automatic" ? "免申即享" : "依申请",
            match.claim.matterId ?? match.claim.bundleId ?? "",
            match.missingFacts.map((fact) => fact.label).join("；"),
            match.reasons.map(formatReason).join("\n"),
            match.document,
          ]),
        );
      }
    }
    await options.onRow?.(summary.rows);
  }
  return { status: "done", summary };
}

/** The summary as an aligned plain-text table: one line per benefit with anyone eligible or possible. */
export function formatMatchSummary(summary: MatchCsvSummary): string {
  const rows = summary.benefits
    .filter((tally) => tally.eligible + tally.possible > 0)
    .sort((a, b) => b.eligible - a.eligible || b.possible - a.possible);
  const table = [
    ["benefit", "eligible", "possible", "ineligible", "claim"],
    ...rows.map((tally) => [
      tally.benefitId,
      String(tally.eligible),
      String(tally.possible),
      String(tally.ineligible),
      tally.automatic ? "automatic" : "apply",
    ]),
  ];
  const widths = table[0]?.map((_, column) => Math.max(...table.map((row) => (row[column] ?? "").length))) ?? [];
  const lines = table.map((row) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join("  "),
  );
  return [`${summary.rows} rows read, ${summary.matched} matched, ${summary.skipped.length} skipped`, ...lines].join(
    "\n",
  );
}
