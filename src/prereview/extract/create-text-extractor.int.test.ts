// End to end with the real engines (pdf-parse, mupdf, @napi-rs/canvas, tesseract.js): what the
// pre-review pipeline will see for typical uploads and for bad ones.
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { afterAll, describe, expect, it } from "vitest";
import { makePngHeader, makeTiff, withExifOrientation } from "../intake/__fixtures__/make-images.js";
import type { ExtractedFile, IntakeFile, OcrEngine } from "../types.js";
import {
  CARD_LINES,
  characterAccuracy,
  makeEmptyPdf,
  makeEncryptedPdf,
  makeImagePdf,
  makeTextPdf,
  PAGE_LINES,
  renderA4Page,
  renderCard,
} from "./__fixtures__/render-documents.js";
import { createTextExtractor } from "./create-text-extractor.js";
import { createTesseractOcrPool } from "./tesseract-ocr-pool.js";

const pool = createTesseractOcrPool({ size: 2 });
const extractor = createTextExtractor({ ocr: pool });
afterAll(() => extractor.close());

let nextId = 1;
const upload = (bytes: Uint8Array, originalName = "upload"): IntakeFile => ({
  fileId: `f${nextId++}`,
  originalName,
  bytes,
});
const pageText = (file: ExtractedFile, page = 1) =>
  file.pages.find((item) => item.page === page)?.lines.map((line) => line.text) ?? [];
const cardText = CARD_LINES.map(([label, value]) => label + value).join("");
const HAN_SPACE_HAN = /\p{Script=Han}\s+\p{Script=Han}/u;

describe("text extraction with real engines", () => {
  it("reads a text PDF from its text layer", async () => {
    const pdf = await makeTextPdf([PAGE_LINES]);
    const result = await extractor.extract(upload(pdf, "申请表.pdf"));
    expect(result).toMatchObject({ kind: "pdf", pageCount: 1 });
    expect(result.pages[0]).toMatchObject({ source: "pdf_text", confidence: 1 });
    expect(pageText(result)).toContain("公民身份号码:440106198507150028");
  });

  it("OCRs a scanned PDF page and flags its blank second page", async () => {
    const pdf = await makeImagePdf([renderA4Page(150), null]);
    const result = await extractor.extract(upload(pdf, "scan.pdf"));
    expect(result.problem).toBeUndefined();
    expect(result.pages.map((page) => [page.page, page.source, page.quality])).toEqual([
      [1, "ocr", []],
      [2, "ocr", ["blank"]],
    ]);
    const lines = pageText(result);
    expect(characterAccuracy(lines.join(""), PAGE_LINES.join(""))).toBeGreaterThanOrEqual(0.95);
    expect(lines.join("\n")).toContain("440106198507150028");
    expect(result.pages[0]?.confidence).toBeGreaterThan(0.6);
    expect(result.pages[0]?.milliseconds).toBeGreaterThan(0);
  });

  it("reads a card PNG with no spaces between Chinese characters and the 18-digit ID number intact", async () => {
    const result = await extractor.extract(upload(renderCard(856), "身份证.png"));
    const lines = pageText(result);
    expect(lines).toContain("姓名张三");
    expect(lines.join("\n")).toContain("公民身份号码11010119900307123X");
    expect(lines.some((line) => HAN_SPACE_HAN.test(line))).toBe(false);
    expect(characterAccuracy(lines.join(""), cardText)).toBeGreaterThanOrEqual(0.95);
    expect(result.pages[0]?.lines[0]?.box).toBeDefined();
  });

  it("reads a close-up card photo whose glyphs are too big by reading it again at half size", async () => {
    const result = await extractor.extract(upload(renderCard(2400, { noise: 40, format: "jpeg" }), "closeup.jpg"));
    // As is: 86% of characters at confidence 0.64; at half size: 93% at 0.70. The half-size
    // reading is kept in the photo's own pixel space, where the console draws evidence boxes.
    expect(result.pages[0]).toMatchObject({ width: 2400, height: 1514 });
    const rightmost = Math.max(...(result.pages[0]?.lines ?? []).map((line) => line.box?.x1 ?? 0));
    expect(rightmost).toBeGreaterThan(1300);
    expect(rightmost).toBeLessThanOrEqual(2400);
    expect(characterAccuracy(pageText(result).join(""), cardText)).toBeGreaterThanOrEqual(0.9);
    expect(pageText(result).join("\n")).toContain("公民身份号码11010119900307123X");
  });

  it("reads one line again on its own, also on a close-up that was read at half size", async () => {
    for (const [bytes, name, label, expected] of [
      [renderCard(856), "身份证.png", "姓名", "姓名张三"],
      [renderCard(2400, { noise: 40, format: "jpeg" }), "closeup.jpg", "公民身份号码", "11010119900307123X"],
    ] as const) {
      const file = { ...upload(bytes, name), kind: name.endsWith(".png") ? ("png" as const) : ("jpeg" as const) };
      const page = (await extractor.extract(file)).pages[0];
      const line = page?.lines.find((candidate) => candidate.text.startsWith(label));
      expect(line?.box).toBeDefined();
      const [second] =
        (await extractor.reread?.(file, {
          page: 1,
          pageWidth: page?.width ?? 0,
          regions: [{ box: line?.box as NonNullable<typeof line>["box"] & object }],
        })) ?? [];
      expect(second?.text).toContain(expected);
      expect(second?.confidence).toBeGreaterThan(0);
    }
  });

  it("turns a sideways JPEG photo upright by its EXIF orientation before OCR", async () => {
    // Store the card rotated 90° counter-clockwise, as a phone held sideways does, and say so in EXIF (6).
    const card = await loadImage(Buffer.from(renderCard(856)));
    const canvas = createCanvas(card.height, card.width);
    const context = canvas.getContext("2d");
    context.translate(0, card.width);
    context.rotate(-Math.PI / 2);
    context.drawImage(card, 0, 0);
    const photo = withExifOrientation(new Uint8Array(canvas.toBuffer("image/jpeg", 92)), 6);
    const result = await extractor.extract(upload(photo, "photo.jpg"));
    expect(result.pages[0]).toMatchObject({ width: 856, height: 540 });
    expect(pageText(result).join("\n")).toContain("11010119900307123X");
  });

  it("reads a TIFF scan through mupdf", async () => {
    const card = await loadImage(Buffer.from(renderCard(856)));
    const canvas = createCanvas(card.width, card.height);
    canvas.getContext("2d").drawImage(card, 0, 0);
    const rgba = canvas.getContext("2d").getImageData(0, 0, card.width, card.height).data;
    const tiff = makeTiff(card.width, card.height, { rgba, dpi: 254 });
    const result = await extractor.extract(upload(tiff, "scan.tif"));
    expect(result).toMatchObject({ kind: "tiff", pageCount: 1 });
    expect(result.pages[0]).toMatchObject({ width: 856, height: 540 });
    expect(pageText(result).join("\n")).toContain("11010119900307123X");
  });

  it("answers bad uploads with problems, not exceptions", async () => {
    const text = await makeTextPdf([PAGE_LINES]);
    const cases: [name: string, bytes: Uint8Array, problem: string][] = [
      ["empty", new Uint8Array(), "empty"],
      ["truncated PDF", text.subarray(0, Math.floor(text.length / 2)), "corrupt"],
      ["garbage PDF", new TextEncoder().encode("%PDF-1.7\n1 0 obj garbage"), "corrupt"],
      ["PDF without pages", await makeEmptyPdf(), "corrupt"],
      ["encrypted PDF", makeEncryptedPdf(), "encrypted"],
      ["PNG with a header but no image", makePngHeader(400, 300), "corrupt"],
      ["a Word file", new TextEncoder().encode("PK\u0003\u0004word/document.xml"), "unsupported_type"],
    ];
    for (const [name, bytes, problem] of cases) {
      const result = await extractor.extract(upload(bytes, name));
      expect(result.problem, name).toBe(problem);
      expect(result.problemMessage, name).toMatch(/\p{Script=Han}/u);
    }
  });

  it("gives ocr_failed for a file whose OCR faults while the pool keeps serving others", async () => {
    let calls = 0;
    // The first job gets a 1 ms timeout: a real fault inside the real pool (its worker is replaced).
    const flaky: OcrEngine = {
      recognize: (image) => pool.recognize(image, calls++ === 0 ? { timeoutMs: 1 } : {}),
      close: async () => undefined,
    };
    const flakyExtractor = createTextExtractor({ ocr: flaky });
    const failed = await flakyExtractor.extract(upload(renderCard(856)));
    expect(failed).toMatchObject({ problem: "ocr_failed", pages: [] });
    const next = await flakyExtractor.extract(upload(renderCard(856)));
    expect(next.problem).toBeUndefined();
    expect(pageText(next)).toContain("姓名张三");
    expect(pool.stats().workersReplaced).toBeGreaterThanOrEqual(1);
  });
});
