// Real tesseract.js workers: reading, lazy start, recycling, replacement after faults, close.
import { afterAll, describe, expect, it } from "vitest";
import { CARD_LINES, characterAccuracy, renderCard } from "./__fixtures__/render-documents.js";
import { foldOcrText } from "./fold-ocr-text.js";
import { OcrError } from "./ocr-error.js";
import { createTesseractOcrPool, type TesseractOcrPool } from "./tesseract-ocr-pool.js";

const card = renderCard(856);
const cardText = CARD_LINES.map(([label, value]) => label + value).join("");
const readText = (lines: { text: string }[]) => lines.map((line) => foldOcrText(line.text)).join("");

const pools: TesseractOcrPool[] = [];
function pool(options: Parameters<typeof createTesseractOcrPool>[0] = {}): TesseractOcrPool {
  const created = createTesseractOcrPool({ size: 1, ...options });
  pools.push(created);
  return created;
}
afterAll(async () => {
  await Promise.all(pools.map((item) => item.close()));
});

describe("createTesseractOcrPool", () => {
  it("starts no worker before the first job, then reads a card with boxes and confidences", async () => {
    const ocr = pool();
    expect(ocr.stats().workersCreated).toBe(0);
    const result = await ocr.recognize(card);
    expect(ocr.stats()).toMatchObject({ workersCreated: 1, workersAlive: 1, jobsCompleted: 1 });
    expect(ocr.stats().recognizeSeconds).toBeGreaterThan(0);
    expect(result).toMatchObject({ width: 856, height: 540 });
    expect(characterAccuracy(readText(result.lines), cardText)).toBeGreaterThanOrEqual(0.95);
    expect(readText(result.lines)).toContain("11010119900307123X");
    expect(result.confidence).toBeGreaterThan(0.6);
    for (const line of result.lines) {
      expect(line.confidence).toBeGreaterThan(0);
      expect(line.confidence).toBeLessThanOrEqual(1);
      expect(line.box?.x1).toBeGreaterThan(line.box?.x0 ?? Number.POSITIVE_INFINITY);
    }
  });

  it("recycles workers after recycleAfterJobs and still reads correctly", async () => {
    const ocr = pool({ recycleAfterJobs: 1 });
    for (let job = 0; job < 3; job++) {
      const result = await ocr.recognize(card);
      expect(readText(result.lines)).toContain("11010119900307123X");
    }
    expect(ocr.stats()).toMatchObject({ workersCreated: 3, workersRecycled: 3, workersAlive: 0, jobsCompleted: 3 });
  });

  it("queues jobs beyond its size and runs them on at most `size` workers", async () => {
    const ocr = pool({ size: 2 });
    const results = await Promise.all([card, card, card].map((image) => ocr.recognize(image)));
    for (const result of results) expect(readText(result.lines)).toContain("11010119900307123X");
    expect(ocr.stats()).toMatchObject({ workersCreated: 2, jobsCompleted: 3, queued: 0, busy: 0 });
  });

  it("fails a job that times out, replaces its worker and keeps working", async () => {
    const ocr = pool();
    await expect(ocr.recognize(card, { timeoutMs: 1 })).rejects.toMatchObject({ name: "OcrError", code: "timeout" });
    expect(ocr.stats().workersReplaced).toBe(1);
    const result = await ocr.recognize(card);
    expect(readText(result.lines)).toContain("11010119900307123X");
    expect(ocr.stats()).toMatchObject({ workersCreated: 2, jobsFailed: 1, jobsCompleted: 1 });
  });

  it("rejects bytes tesseract cannot decode without losing the worker", async () => {
    const ocr = pool();
    const error = await ocr.recognize(new TextEncoder().encode("not an image")).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OcrError);
    expect((error as OcrError).code).toBe("image_unreadable");
    await ocr.recognize(card);
    expect(ocr.stats()).toMatchObject({ workersCreated: 1, workersReplaced: 0 });
  });

  it("close terminates the workers and refuses later jobs", async () => {
    const ocr = pool();
    await ocr.recognize(card);
    await ocr.close();
    expect(ocr.stats().workersAlive).toBe(0);
    await expect(ocr.recognize(card)).rejects.toMatchObject({ code: "closed" });
  });
});
