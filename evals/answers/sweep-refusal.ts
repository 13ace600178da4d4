// The refusal trade-off: the answer extractor's coverage threshold swept over a range, on the
// development sets pooled (where it is chosen: answers-dev, answers-blind-dev, answers-blind3 and the
// development half of every later blind set) and the held-out set (where it is only reported). Writes a
// table and a plot, evals/reports/answers-refusal-curve.{md,png}.
import { readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { createCanvas } from "@napi-rs/canvas";
import { ANSWER_THRESHOLDS } from "../../src/agents/index.js";
import { createEvalChat } from "../chat/create-eval-chat.js";
import { loadAnswerCases } from "./dataset.js";
import { playAll, score } from "./run-answer-eval.js";

export interface SweepPoint {
  minCoverage: number;
  refusalAccuracy: number;
  overRefusalRate: number;
  keyFactAccuracy: number;
}

export interface SweepResult {
  dev: SweepPoint[];
  holdout: SweepPoint[];
  /** The threshold the rule picks on dev: highest key-fact accuracy + refusal accuracy − 2 × over-refusal. */
  chosen: number;
  markdown: string;
}

const THRESHOLDS = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9];

/** The development sets: the first development set, the blind development set, the third blind set, and every "a" half. */
const DEVELOPMENT = /^answers-(dev|blind-dev|blind3|blind\d+a)\.jsonl$/u;

/** The development sets in the datasets folder, in a stable order. */
export async function developmentSets(datasetDir: string): Promise<string[]> {
  return (await readdir(datasetDir))
    .filter((file) => DEVELOPMENT.test(file))
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
}

export async function sweepRefusal(options: {
  knowledgeDir: string;
  datasetDir: string;
  reportDir: string;
  /** Sweep the development sets only (while tuning: the held-out set is not looked at). */
  devOnly?: boolean;
}): Promise<SweepResult> {
  const chat = await createEvalChat({ knowledgeDir: options.knowledgeDir });
  const result: Pick<SweepResult, "dev" | "holdout"> = { dev: [], holdout: [] };
  let developmentFiles: string[] = [];
  let developmentCases = 0;
  try {
    developmentFiles = await developmentSets(options.datasetDir);
    for (const set of options.devOnly ? (["dev"] as const) : (["dev", "holdout"] as const)) {
      const files = set === "dev" ? developmentFiles : ["answers-holdout.jsonl"];
      const cases = (
        await Promise.all(files.map((file) => loadAnswerCases(path.join(options.datasetDir, file))))
      ).flat();
      if (set === "dev") developmentCases = cases.length;
      for (const minCoverage of THRESHOLDS) {
        const outcomes = await playAll(chat, cases, { ...ANSWER_THRESHOLDS, minCoverage });
        const scores = score(cases, outcomes, []);
        result[set].push({
          minCoverage,
          refusalAccuracy: scores.refusalAccuracy,
          overRefusalRate: scores.overRefusalRate,
          keyFactAccuracy: scores.keyFactAccuracy,
        });
      }
    }
  } finally {
    await chat.close();
  }
  const objective = (point: SweepPoint) => point.keyFactAccuracy + point.refusalAccuracy - 2 * point.overRefusalRate;
  const chosen = [...result.dev].sort((a, b) => objective(b) - objective(a) || a.minCoverage - b.minCoverage)[0]
    ?.minCoverage as number;
  const markdown = [
    "# Refusal trade-off: the extractor's coverage threshold",
    "",
    `Chosen on the development sets pooled (${developmentCases} cases in ${developmentFiles.length} files: ${developmentFiles.map((file) => file.replace(/^answers-|\.jsonl$/gu, "")).join(", ")}) by the highest key-fact accuracy + refusal accuracy − 2 × over-refusal: **${chosen}** (in use: ${ANSWER_THRESHOLDS.minCoverage}). The held-out set (answers-holdout.jsonl) is shown for the record, not used to choose.`,
    "",
    "| min. coverage | development refusal acc. | development over-refusal | development key facts | holdout refusal acc. | holdout over-refusal | holdout key facts |",
    "|---:|---:|---:|---:|---:|---:|---:|",
    ...THRESHOLDS.map((threshold, index) => {
      const dev = result.dev[index] as SweepPoint;
      const holdout = result.holdout[index] ?? {
        refusalAccuracy: Number.NaN,
        overRefusalRate: Number.NaN,
        keyFactAccuracy: Number.NaN,
        minCoverage: threshold,
      };
      return `| ${threshold.toFixed(2)}${threshold === ANSWER_THRESHOLDS.minCoverage ? " (in use)" : ""} | ${dev.refusalAccuracy.toFixed(3)} | ${dev.overRefusalRate.toFixed(3)} | ${dev.keyFactAccuracy.toFixed(3)} | ${holdout.refusalAccuracy.toFixed(3)} | ${holdout.overRefusalRate.toFixed(3)} | ${holdout.keyFactAccuracy.toFixed(3)} |`;
    }),
    "",
    "![refusal accuracy against over-refusal](answers-refusal-curve.png)",
    "",
  ].join("\n");
  await writeFile(path.join(options.reportDir, "answers-refusal-curve.md"), markdown);
  await writeFile(
    path.join(options.reportDir, "answers-refusal-curve.png"),
    plot(result, ANSWER_THRESHOLDS.minCoverage),
  );
  return { ...result, chosen, markdown };
}

/** Refusal accuracy (y) against over-refusal (x), one line per set, each point labelled with its threshold. */
function plot(result: Pick<SweepResult, "dev" | "holdout">, inUse: number): Buffer {
  const width = 760;
  const height = 520;
  const margin = { left: 70, right: 30, top: 40, bottom: 60 };
  const canvas = createCanvas(width, height);
  const context = canvas.getContext("2d");
  context.fillStyle = "#fff";
  context.fillRect(0, 0, width, height);
  const xMax = Math.max(0.2, ...[...result.dev, ...result.holdout].map((point) => point.overRefusalRate)) * 1.1;
  const yMin = Math.min(0.5, ...[...result.dev, ...result.holdout].map((point) => point.refusalAccuracy));
  const x = (value: number) => margin.left + (value / xMax) * (width - margin.left - margin.right);
  const y = (value: number) =>
    height - margin.bottom - ((value - yMin) / (1 - yMin)) * (height - margin.top - margin.bottom);
  context.strokeStyle = "#333";
  context.lineWidth = 1;
  context.beginPath();
  context.moveTo(margin.left, margin.top);
  context.lineTo(margin.left, height - margin.bottom);
  context.lineTo(width - margin.right, height - margin.bottom);
  context.stroke();
  context.fillStyle = "#333";
  context.font = "13px sans-serif";
  for (let i = 0; i <= 5; i++) {
    const xv = (xMax * i) / 5;
    context.fillText(xv.toFixed(2), x(xv) - 12, height - margin.bottom + 18);
    const yv = yMin + ((1 - yMin) * i) / 5;
    context.fillText(yv.toFixed(2), margin.left - 42, y(yv) + 4);
  }
  context.fillText("over-refusal on answerable questions (lower is better)", width / 2 - 170, height - 15);
  context.save();
  context.translate(18, height / 2 + 90);
  context.rotate(-Math.PI / 2);
  context.fillText("refusal accuracy on cannot-answer questions", 0, 0);
  context.restore();
  context.font = "bold 15px sans-serif";
  context.fillText("Refusal trade-off by the extractor's coverage threshold", margin.left, 24);
  const series: [keyof typeof result, string][] = [
    ["dev", "#1f5fbf"],
    ["holdout", "#c0392b"],
  ];
  series.forEach(([name, colour], index) => {
    const points = result[name];
    context.strokeStyle = colour;
    context.fillStyle = colour;
    context.lineWidth = 2;
    context.beginPath();
    points.forEach((point, i) => {
      if (i === 0) context.moveTo(x(point.overRefusalRate), y(point.refusalAccuracy));
      else context.lineTo(x(point.overRefusalRate), y(point.refusalAccuracy));
    });
    context.stroke();
    context.font = "11px sans-serif";
    for (const point of points) {
      const r = point.minCoverage === inUse ? 6 : 3;
      context.beginPath();
      context.arc(x(point.overRefusalRate), y(point.refusalAccuracy), r, 0, Math.PI * 2);
      context.fill();
      context.fillText(point.minCoverage.toFixed(2), x(point.overRefusalRate) + 5, y(point.refusalAccuracy) - 5);
    }
    context.font = "13px sans-serif";
    context.fillText(
      `${name === "dev" ? "development sets, pooled (choose)" : "held-out set (reported)"}`,
      width - 250,
      height - margin.bottom - 60 + index * 18,
    );
  });
  context.fillStyle = "#333";
  context.fillText(`large dot: the threshold in use (${inUse})`, width - 250, height - margin.bottom - 22);
  return canvas.toBuffer("image/png");
}
