// The evaluation gate of `npm run check-knowledge -- --eval`: runs the retrieval and answer evaluations
// against a (changed) knowledge directory and compares their figures with the floors and ceilings in
// evals/knowledge-gate.json, so a maintainer sees what an edit costs before publishing it.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { runAnswerEval } from "./answers/run-answer-eval.js";
import { runRetrievalEval } from "./retrieval/run-retrieval-eval.js";

const Limits = z.record(z.string(), z.number());
export const GateConfigSchema = z
  .object({
    note: z.string().optional(),
    retrieval: z.record(z.string(), z.object({ min: Limits }).strict()),
    answers: z.record(z.string(), z.object({ min: Limits.default({}), max: Limits.default({}) }).strict()),
  })
  .strict();
export type GateConfig = z.infer<typeof GateConfigSchema>;

export interface GateFigure {
  dataset: string;
  figure: string;
  value: number;
  limit: number;
  kind: "min" | "max";
  passed: boolean;
}

export interface GateResult {
  passed: boolean;
  figures: GateFigure[];
  /** An evaluation that could not run (a dataset names a matter the changed catalog lost, …). */
  errors: { dataset: string; message: string }[];
}

/** Compares measured figures with the limits; a figure the config names but the run lacks fails. */
export function compareFigures(
  dataset: string,
  measured: Record<string, unknown>,
  limits: { min?: Record<string, number>; max?: Record<string, number> },
): GateFigure[] {
  const figures: GateFigure[] = [];
  for (const kind of ["min", "max"] as const)
    for (const [figure, limit] of Object.entries(limits[kind] ?? {})) {
      const value = typeof measured[figure] === "number" ? (measured[figure] as number) : Number.NaN;
      const passed = kind === "min" ? value >= limit : value <= limit;
      figures.push({ dataset, figure, value, limit, kind, passed });
    }
  return figures;
}

export async function loadGateConfig(file: string): Promise<GateConfig> {
  return GateConfigSchema.parse(JSON.parse(await readFile(file, "utf8")));
}

export async function runKnowledgeGate(options: {
  knowledgeDir: string;
  datasetDir: string;
  config: GateConfig;
}): Promise<GateResult> {
  const figures: GateFigure[] = [];
  const errors: GateResult["errors"] = [];
  for (const [dataset, limits] of Object.entries(options.config.retrieval)) {
    try {
      const report = await runRetrievalEval({
        knowledgeDir: options.knowledgeDir,
        datasetFile: path.join(options.datasetDir, dataset),
      });
      const banshi = report.systems[0];
      if (!banshi) throw new Error("the retrieval evaluation reported no system");
      figures.push(...compareFigures(dataset, { ...banshi.overall }, limits));
    } catch (error) {
      errors.push({ dataset, message: (error as Error).message });
    }
  }
  for (const [dataset, limits] of Object.entries(options.config.answers)) {
    try {
      const report = await runAnswerEval({
        knowledgeDir: options.knowledgeDir,
        datasetFile: path.join(options.datasetDir, dataset),
      });
      figures.push(...compareFigures(dataset, { ...report.banshi }, limits));
    } catch (error) {
      errors.push({ dataset, message: (error as Error).message });
    }
  }
  return { passed: errors.length === 0 && figures.every((figure) => figure.passed), figures, errors };
}

export function renderGate(result: GateResult): string {
  const rows = result.figures.map(
    (figure) =>
      `| ${figure.dataset} | ${figure.figure} | ${Number.isNaN(figure.value) ? "missing" : figure.value.toFixed(3)} | ${figure.kind === "min" ? "≥" : "≤"} ${figure.limit} | ${figure.passed ? "ok" : "**FAILS**"} |`,
  );
  const lines = ["| dataset | figure | measured | limit | |", "|---|---|---|---|---|", ...rows];
  for (const error of result.errors) lines.push(`\n${error.dataset}: could not run: ${error.message}`);
  lines.push("", result.passed ? "evaluation gate passed" : "evaluation gate FAILED");
  return lines.join("\n");
}
