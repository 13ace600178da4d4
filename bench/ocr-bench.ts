// Pre-review reading throughput: pages per second for text PDFs, scanned PDFs and photos, with one
// OCR worker and with N, and tesseract.js against the native `tesseract` command on the same
// images when it is installed (Debian: tesseract-ocr + tesseract-ocr-chi-sim).
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { generatePrereviewCases, type GeneratedFile } from "../evals/prereview/generator/index.js";
import { createTesseractOcrPool, createTextExtractor, mapWithConcurrency } from "../src/prereview/extract/index.js";
import { detectFileKind, type IntakeFile } from "../src/prereview/index.js";

const run = promisify(execFile);

export interface OcrBenchRow {
  input: string;
  files: number;
  pages: number;
  workers: number;
  seconds: number;
  pagesPerSecond: number;
}

export interface OcrBenchResult {
  rows: OcrBenchRow[];
  native?: { images: number; tesseractJsSeconds: number; nativeSeconds: number };
}

function category(file: GeneratedFile): string {
  if (file.render.format === "pdf_text") return "text PDF";
  if (file.render.format === "pdf_scan") return "scanned PDF";
  return "photo / image";
}

function toIntake(file: GeneratedFile, index: number): IntakeFile {
  return { fileId: `f${index}`, originalName: file.name, kind: detectFileKind(file.bytes), bytes: file.bytes };
}

/** Reads every file with a pool of `workers`, `workers` files at a time, and times it. */
async function timeExtraction(files: IntakeFile[], workers: number): Promise<{ seconds: number; pages: number }> {
  const ocr = createTesseractOcrPool({ size: workers, cachePath: path.join(os.tmpdir(), "banshi-tesseract-bench") });
  const extractor = createTextExtractor({ ocr });
  try {
    // Warm up: start the workers and load pdf.js once, outside the timing.
    const warm = files.slice(0, workers);
    await Promise.all(warm.map((file) => extractor.extract(file)));
    const started = performance.now();
    const results = await mapWithConcurrency(files, workers, (file) => extractor.extract(file));
    const pages = results.reduce((sum, result) => sum + result.pages.length, 0);
    return { seconds: (performance.now() - started) / 1000, pages };
  } finally {
    await extractor.close();
  }
}

async function nativeTesseractAvailable(): Promise<boolean> {
  try {
    const { stdout } = await run("tesseract", ["--list-langs"]);
    return stdout.includes("chi_sim");
  } catch {
    return false;
  }
}

export async function benchOcr(options: { cases?: number; workers?: number } = {}): Promise<OcrBenchResult> {
  const workers = options.workers ?? Math.min(os.availableParallelism(), 4);
  const cases = await generatePrereviewCases({ seed: 424242, count: options.cases ?? 24 });
  const byCategory = new Map<string, IntakeFile[]>();
  const images: GeneratedFile[] = [];
  let index = 0;
  for (const item of cases)
    for (const file of item.files) {
      if (file.unreadable) continue;
      const name = category(file);
      byCategory.set(name, [...(byCategory.get(name) ?? []), toIntake(file, index++)]);
      if (file.render.format === "png" || file.render.format === "jpeg") images.push(file);
    }
  const rows: OcrBenchRow[] = [];
  for (const [input, files] of [...byCategory.entries()].sort()) {
    for (const size of [...new Set([1, workers])]) {
      console.error(`bench: ${input}, ${files.length} files, ${size} worker(s)`);
      const { seconds, pages } = await timeExtraction(files, size);
      rows.push({ input, files: files.length, pages, workers: size, seconds, pagesPerSecond: pages / seconds });
    }
  }
  if (!(await nativeTesseractAvailable())) return { rows };

  // Same images, one at a time, one worker vs one native process per image (psm 4, chi_sim).
  const sample = images.slice(0, 20);
  const directory = await mkdtemp(path.join(os.tmpdir(), "banshi-ocr-native-"));
  try {
    const paths = await Promise.all(
      sample.map(async (file, position) => {
        const target = path.join(directory, `${position}.${file.render.format === "png" ? "png" : "jpg"}`);
        await writeFile(target, file.bytes);
        return target;
      }),
    );
    const pool = createTesseractOcrPool({ size: 1, cachePath: path.join(os.tmpdir(), "banshi-tesseract-bench") });
    await pool.recognize(sample[0]?.bytes as Uint8Array);
    let started = performance.now();
    for (const file of sample) await pool.recognize(file.bytes);
    const tesseractJsSeconds = (performance.now() - started) / 1000;
    await pool.close();
    started = performance.now();
    for (const file of paths) await run("tesseract", [file, "stdout", "-l", "chi_sim", "--psm", "4"]);
    const nativeSeconds = (performance.now() - started) / 1000;
    return { rows, native: { images: sample.length, tesseractJsSeconds, nativeSeconds } };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

export function renderOcrBench(result: OcrBenchResult): string {
  const lines = [
    "| input | files | pages | OCR workers | seconds | pages/s | vs 1 worker |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const row of result.rows) {
    const single = result.rows.find((other) => other.input === row.input && other.workers === 1);
    lines.push(
      `| ${row.input} | ${row.files} | ${row.pages} | ${row.workers} | ${row.seconds.toFixed(1)} | ${row.pagesPerSecond.toFixed(2)} | ${single ? (row.pagesPerSecond / single.pagesPerSecond).toFixed(2) : "–"}× |`,
    );
  }
  if (result.native) {
    const { images, tesseractJsSeconds, nativeSeconds } = result.native;
    lines.push(
      "",
      "| OCR engine, same images one at a time | images | seconds | images/s | ratio to native |",
      "|---|---|---|---|---|",
      `| tesseract.js (1 warm worker, WASM) | ${images} | ${tesseractJsSeconds.toFixed(1)} | ${(images / tesseractJsSeconds).toFixed(2)} | ${(nativeSeconds / tesseractJsSeconds).toFixed(2)}× |`,
      `| native tesseract CLI (a process per image) | ${images} | ${nativeSeconds.toFixed(1)} | ${(images / nativeSeconds).toFixed(2)} | 1.00× |`,
    );
  } else lines.push("", "Native `tesseract` with chi_sim is not installed: no comparison.");
  return lines.join("\n");
}
