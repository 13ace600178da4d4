// `npm run eval -- --suite photos`: generated ID cards (both sides) photographed under one condition
// at a time (tilt, turn, shadow, glare, defocus, motion, low resolution, JPEG quality, cut off, two
// cards in one photo, a photo of a screen) at rising severity, read by the real extractor (real
// OCR) with and without finding the document in the photo, and scored on the fields a clerk needs:
// name and ID number on the front, validity on the back. Also counts how often the applicant would
// be asked to take the photo again, and how often it would go to a clerk instead.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Canvas } from "@napi-rs/canvas";
import { createTesseractOcrPool, createTextExtractor } from "../../src/prereview/extract/index.js";
import { readDocuments } from "../../src/prereview/fields/index.js";
import { detectFileKind, type ExtractedFile, judgeReadability, type TextExtractor } from "../../src/prereview/index.js";
import {
  createRandom,
  type DocumentTruth,
  generatePerson,
  hashSeed,
  type PhotoOptions,
  photograph,
  rasterize,
  renderIdCardBack,
  renderIdCardFront,
} from "./generator/index.js";

export interface PhotosEvalOptions {
  reportDir?: string;
  /** People per condition and severity, each photographed front and back (default 3). */
  people?: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

/** How one photo is taken and saved. */
type ShotOptions = PhotoOptions & { twoCards?: boolean; jpegQuality?: number };

interface Condition {
  name: string;
  severities: [label: string, options: ShotOptions][];
}

/** Severities of one photo option: `levels("perspective", [10, 18, 25], "°")`. */
function levels<K extends keyof ShotOptions>(key: K, values: ShotOptions[K][], unit = ""): Condition["severities"] {
  return values.map((value) => [`${value}${unit}`, { [key]: value } as ShotOptions]);
}

/** One condition at a time, mildest first; the last row is the photo of issue 15. */
const CONDITIONS: Condition[] = [
  { name: "flat on a desk", severities: [["–", {}]] },
  { name: "perspective (tilt)", severities: levels("perspective", [10, 18, 25], "°") },
  { name: "rotation", severities: levels("rotation", [8, 30, 90, 180], "°") },
  { name: "shadow gradient", severities: levels("shadow", [0.3, 0.5, 0.7]) },
  { name: "glare spot (radius / card width)", severities: levels("glare", [0.1, 0.2, 0.3]) },
  { name: "defocus blur", severities: levels("defocus", [1, 2, 4], " px") },
  { name: "motion blur", severities: levels("motion", [4, 8, 16], " px") },
  { name: "low resolution (photo width)", severities: levels("width", [800, 640, 480], " px") },
  { name: "JPEG quality", severities: levels("jpegQuality", [70, 55, 40]) },
  { name: "cut off at the right edge (share of the card)", severities: levels("cutOff", [0.05, 0.15, 0.3]) },
  { name: "two cards in one photo", severities: [["front and back", { twoCards: true }]] },
  { name: "photo of a screen (moiré)", severities: levels("moire", [0.3, 0.6]) },
  {
    name: "held at an angle (issue 15)",
    severities: [["8° + 22° tilt + shadow 0.45", { rotation: 8, perspective: 22, shadow: 0.45 }]],
  },
];

/** Fields a clerk needs from each side. */
const KEY_FIELDS: Record<string, string[]> = { front: ["name", "idNumber"], back: ["validFrom", "validUntil"] };

export interface PhotoRow {
  condition: string;
  severity: string;
  photos: number;
  /** Key fields on all its photos. */
  keys: number;
  /** Share of the key fields read exactly, without and with finding the document. */
  before: number;
  after: number;
  /** Share of photos (after) where every key field was read. */
  allRead: number;
  /** Photos (after) with no card recognised: the applicant asked to re-take, or sent to a clerk. */
  retake: number;
  clerk: number;
  /** Seconds per photo, without and with finding the document. */
  secondsBefore: number;
  secondsAfter: number;
}

export interface PhotosEvalReport {
  rows: PhotoRow[];
  markdown: string;
}

export async function runPhotosEval(options: PhotosEvalOptions = {}): Promise<PhotosEvalReport> {
  const people = options.people ?? 3;
  const seed = options.seed ?? 20261204;
  const pool = createTesseractOcrPool({ size: 2 });
  const before = createTextExtractor({ ocr: pool, findDocuments: false });
  const after = createTextExtractor({ ocr: pool });
  const total = CONDITIONS.reduce((sum, condition) => sum + condition.severities.length, 0) * people;
  const rows: PhotoRow[] = [];
  let done = 0;
  let fileNumber = 0;
  try {
    for (const condition of CONDITIONS) {
      for (const [severity, photoOptions] of condition.severities) {
        const tally = {
          keys: 0,
          before: 0,
          after: 0,
          photos: 0,
          allRead: 0,
          retake: 0,
          clerk: 0,
          msBefore: 0,
          msAfter: 0,
        };
        for (let index = 0; index < people; index++) {
          const random = createRandom(hashSeed(seed, condition.name, severity, index));
          const person = generatePerson(random, { bornBetween: ["1960-01-01", "1999-12-31"] });
          const front = renderIdCardFront(person);
          const back = renderIdCardBack(person.idCard);
          const shots = photoOptions.twoCards ? [[front, back]] : [[front], [back]];
          for (const documents of shots) {
            const bytes = await shoot(
              documents.map((document) => rasterize(document.drawing)),
              { farSide: random.pick(["left", "right", "top", "bottom"] as const), ...photoOptions },
              random,
            );
            const truths = documents.map((document) => document.truth);
            const file = { originalName: "photo.jpg", kind: detectFileKind(bytes), bytes };
            const read = async (extractor: TextExtractor) => {
              const started = performance.now();
              const extracted = await extractor.extract({ fileId: `f${++fileNumber}`, ...file });
              return { extracted, milliseconds: performance.now() - started };
            };
            // One after the other, so each reading's time is its own.
            const plain = await read(before);
            const found = await read(after);
            const scoreBefore = scoreKeys(plain.extracted, truths);
            const scoreAfter = scoreKeys(found.extracted, truths);
            tally.keys += scoreAfter.total;
            tally.before += scoreBefore.right;
            tally.after += scoreAfter.right;
            tally.photos++;
            if (scoreAfter.right === scoreAfter.total) tally.allRead++;
            if (!scoreAfter.recognised) {
              const judgement = judgeReadability(found.extracted.pages);
              if (judgement.decision === "retake") tally.retake++;
              else tally.clerk++;
            }
            tally.msBefore += plain.milliseconds;
            tally.msAfter += found.milliseconds;
          }
          options.onProgress?.(++done, total);
        }
        rows.push({
          condition: condition.name,
          severity,
          photos: tally.photos,
          keys: tally.keys,
          before: tally.before / tally.keys,
          after: tally.after / tally.keys,
          allRead: tally.allRead / tally.photos,
          retake: tally.retake,
          clerk: tally.clerk,
          secondsBefore: tally.msBefore / 1000 / tally.photos,
          secondsAfter: tally.msAfter / 1000 / tally.photos,
        });
      }
    }
  } finally {
    await Promise.all([before.close(), after.close()]);
  }
  const markdown = renderMarkdown(rows, people, seed);
  if (options.reportDir) {
    await mkdir(options.reportDir, { recursive: true });
    await writeFile(
      path.join(options.reportDir, "photos.json"),
      `${JSON.stringify({ seed, people, rows }, null, 2)}\n`,
    );
    await writeFile(path.join(options.reportDir, "photos.md"), markdown);
  }
  return { rows, markdown };
}

async function shoot(
  canvases: Canvas[],
  options: ShotOptions,
  random: ReturnType<typeof createRandom>,
): Promise<Uint8Array> {
  const { canvas } = photograph(canvases, options, random);
  const buffer = await canvas.encode("jpeg", options.jpegQuality ?? 85);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** Key fields read exactly, over all the cards in the photo; `recognised`: some card was recognised. */
function scoreKeys(
  file: ExtractedFile,
  truths: DocumentTruth[],
): { right: number; total: number; recognised: boolean } {
  const documents = readDocuments(file);
  let right = 0;
  let total = 0;
  for (const truth of truths) {
    const document = documents.find(
      (candidate) => candidate.documentType === truth.documentType && candidate.side === truth.side,
    );
    for (const name of KEY_FIELDS[truth.side] ?? []) {
      total++;
      if (document?.fields.some((field) => field.name === name && field.value === truth.fields[name])) right++;
    }
  }
  return { right, total, recognised: documents.some((document) => document.documentType === "id_card") };
}

function renderMarkdown(rows: PhotoRow[], people: number, seed: number): string {
  const figure = (value: number) => value.toFixed(2);
  const all = rows.reduce(
    (sum, row) => ({
      photos: sum.photos + row.photos,
      keys: sum.keys + row.keys,
      before: sum.before + row.before * row.keys,
      after: sum.after + row.after * row.keys,
    }),
    { photos: 0, keys: 0, before: 0, after: 0 },
  );
  return [
    `# Photographed ID cards: ${all.photos} photos (${people} people per row, seed ${seed})`,
    "",
    "Key fields read exactly (name and ID number on the front, validity on the back), reading the",
    "photo as it is (before) and through the document found in it (after). Re-take / clerk: photos",
    "where no card was recognised, and whether the applicant would be asked to take it again or a",
    "clerk would read it.",
    "",
    "| condition | severity | photos | before | after | all key fields (after) | re-take | clerk | s/photo before → after |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      (row) =>
        `| ${row.condition} | ${row.severity} | ${row.photos} | ${figure(row.before)} | ${figure(row.after)} | ${figure(row.allRead)} | ${row.retake} | ${row.clerk} | ${row.secondsBefore.toFixed(2)} → ${row.secondsAfter.toFixed(2)} |`,
    ),
    `| **all** | | ${all.photos} | **${figure(all.before / all.keys)}** | **${figure(all.after / all.keys)}** | | | | |`,
    "",
  ].join("\n");
}
