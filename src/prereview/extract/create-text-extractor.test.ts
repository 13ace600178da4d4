// The extractor's decisions with a fake OCR engine (real pdf-parse, mupdf and canvas): which
// pages go to OCR, what quality flags say, and that bad files are results, not exceptions.
import { describe, expect, it } from "vitest";
import { makeImage, makePngHeader, withExifOrientation } from "../intake/__fixtures__/make-images.js";
import type { IntakeFile } from "../types.js";
import { createFakeOcrEngine, workerCrash } from "./__fixtures__/fake-ocr-engine.js";
import {
  makeEmptyPdf,
  makeEncryptedPdf,
  makeImagePdf,
  makeTextPdf,
  renderA4Page,
  renderBlank,
  renderCard,
} from "./__fixtures__/render-documents.js";
import { createTextExtractor } from "./create-text-extractor.js";
import { OcrError } from "./ocr-error.js";

const file = (bytes: Uint8Array, originalName = "upload"): IntakeFile => ({ fileId: "f1", originalName, bytes });

describe("createTextExtractor with a text PDF", () => {
  it("reads the text layer, folds it and never calls OCR", async () => {
    const ocr = createFakeOcrEngine();
    const extractor = createTextExtractor({ ocr });
    const pdf = await makeTextPdf([["申请人姓名：张三", "公民身份号码：11010119900307123X"]]);
    const result = await extractor.extract(file(pdf));
    expect(result).toMatchObject({ fileId: "f1", kind: "pdf", pageCount: 1 });
    expect(result.problem).toBeUndefined();
    expect(result.pages[0]).toMatchObject({ page: 1, source: "pdf_text", confidence: 1, quality: [] });
    expect(result.pages[0]?.lines.map((line) => line.text)).toEqual([
      "申请人姓名:张三",
      "公民身份号码:11010119900307123X",
    ]);
    expect(ocr.calls).toEqual([]);
  });

  it("OCRs only the pages whose text layer is too short", async () => {
    const ocr = createFakeOcrEngine();
    const extractor = createTextExtractor({ ocr });
    const pdf = await makeTextPdf([["申请人姓名：张三，公民身份号码：11010119900307123X"], ["第2页"]]);
    const result = await extractor.extract(file(pdf));
    expect(result.pages.map((page) => [page.page, page.source])).toEqual([
      [1, "pdf_text"],
      [2, "ocr"],
    ]);
    expect(ocr.calls).toHaveLength(1);
  });

  it("keeps a short text layer when OCR finds nothing on the page", async () => {
    const ocr = createFakeOcrEngine({ lines: [], confidence: 0 });
    const pdf = await makeTextPdf([["第2页"]]);
    const result = await createTextExtractor({ ocr }).extract(file(pdf));
    expect(ocr.calls).toHaveLength(1);
    expect(result.pages[0]).toMatchObject({ source: "pdf_text", lines: [{ text: "第2页", confidence: 1 }] });
  });
});

describe("createTextExtractor with a scanned PDF", () => {
  it("renders image-only pages at about 200 dpi for OCR and skips blank ones", async () => {
    const ocr = createFakeOcrEngine();
    const extractor = createTextExtractor({ ocr });
    const pdf = await makeImagePdf([renderA4Page(100), null]);
    const result = await extractor.extract(file(pdf));
    expect(result.pageCount).toBe(2);
    expect(ocr.calls).toEqual([{ kind: "png", width: 1654, height: 2339 }]);
    expect(result.pages[0]).toMatchObject({ page: 1, source: "ocr", width: 1654, height: 2339, quality: [] });
    expect(result.pages[0]?.lines[0]?.text).toBe("姓名张三");
    expect(result.pages[1]).toMatchObject({ page: 2, source: "ocr", lines: [], quality: ["blank"] });
  });

  it("caps the render by the pixel budget", async () => {
    const ocr = createFakeOcrEngine();
    const extractor = createTextExtractor({ ocr, maxRasterPixels: 1_000_000 });
    await extractor.extract(file(await makeImagePdf([renderA4Page(100)])));
    const [call] = ocr.calls;
    expect((call?.width ?? 0) * (call?.height ?? 0)).toBeLessThanOrEqual(1_000_000);
    expect(call?.width).toBeGreaterThan(800);
  });

  it("refuses a PDF over the page limit before reading it", async () => {
    const ocr = createFakeOcrEngine();
    const extractor = createTextExtractor({ ocr, limits: { maxPdfPages: 2 } });
    const result = await extractor.extract(file(await makeTextPdf([["一"], ["二"], ["三"]])));
    expect(result).toMatchObject({ problem: "too_many_pages", pageCount: 3, pages: [] });
    expect(result.problemMessage).toContain("3 页");
    expect(ocr.calls).toEqual([]);
  });

  it("gives ocr_failed for the file when the OCR engine faults, keeping pages already read", async () => {
    const ocr = createFakeOcrEngine((call) => (call === 2 ? workerCrash() : {}));
    const extractor = createTextExtractor({ ocr, pageConcurrency: 1 });
    const result = await extractor.extract(file(await makeImagePdf([renderA4Page(100), renderA4Page(100)])));
    expect(result.problem).toBe("ocr_failed");
    expect(result.problemMessage).toMatch(/人工审核/);
    expect(result.pages.map((page) => page.page)).toEqual([1]);
  });
});

describe("createTextExtractor with images", () => {
  it("passes an ordinary PNG to OCR untouched and reports its quality", async () => {
    const ocr = createFakeOcrEngine({ confidence: 0.4 });
    const extractor = createTextExtractor({ ocr });
    const result = await extractor.extract(file(renderCard(700)));
    expect(ocr.calls).toEqual([{ kind: "png", width: 700, height: 442 }]);
    expect(result.pages[0]).toMatchObject({ page: 1, source: "ocr", quality: ["low_confidence"], confidence: 0.4 });
  });

  it("scales down an image over the OCR pixel budget", async () => {
    const ocr = createFakeOcrEngine();
    const extractor = createTextExtractor({ ocr, ocrImagePixels: 600_000 });
    await extractor.extract(file(makeImage("jpeg", 3000, 2000)));
    expect(ocr.calls).toEqual([{ kind: "png", width: 949, height: 632 }]);
  });

  it("reads a large, poorly read image again at half size and keeps the more confident reading", async () => {
    const box = { x0: 100, y0: 50, x1: 600, y1: 90 };
    const ocr = createFakeOcrEngine((call) => ({
      confidence: call === 1 ? 0.5 : 0.8,
      lines: [{ text: "姓名张三", confidence: 0.9, box }],
    }));
    const result = await createTextExtractor({ ocr }).extract(file(makeImage("png", 2400, 1500)));
    expect(ocr.calls).toEqual([
      { kind: "png", width: 2400, height: 1500 },
      { kind: "png", width: 1200, height: 750 },
    ]);
    // Kept in the image's own pixels: boxes read at half size are doubled.
    expect(result.pages[0]).toMatchObject({ confidence: 0.8, width: 2400, height: 1500, quality: [] });
    expect(result.pages[0]?.lines[0]?.box).toEqual({ x0: 200, y0: 100, x1: 1200, y1: 180 });
  });

  it("does not read a small image twice", async () => {
    const ocr = createFakeOcrEngine({ confidence: 0.5 });
    await createTextExtractor({ ocr }).extract(file(renderCard(856)));
    expect(ocr.calls).toHaveLength(1);
  });

  it("turns a JPEG photo upright per its EXIF orientation", async () => {
    const ocr = createFakeOcrEngine();
    const extractor = createTextExtractor({ ocr });
    await extractor.extract(file(withExifOrientation(makeImage("jpeg", 400, 300), 6)));
    expect(ocr.calls).toEqual([{ kind: "png", width: 300, height: 400 }]);
  });

  it("flags a small image and a blank image", async () => {
    const nothing = createFakeOcrEngine({ lines: [], confidence: 0 });
    const extractor = createTextExtractor({ ocr: nothing });
    const small = await extractor.extract(file(renderCard(180)));
    expect(small.pages[0]?.quality).toEqual(["no_text", "small_image"]);
    const blank = await extractor.extract(file(renderBlank(800, 600)));
    expect(blank.pages[0]?.quality).toEqual(["blank"]);
  });

  it("drops OCR lines that carry no letter, digit or Han character", async () => {
    const ocr = createFakeOcrEngine({
      lines: [
        { text: "| — _", confidence: 0.3 },
        { text: "住址 北京市", confidence: 0.9 },
      ],
    });
    const result = await createTextExtractor({ ocr }).extract(file(renderCard(700)));
    expect(result.pages[0]?.lines.map((line) => line.text)).toEqual(["住址北京市"]);
  });

  it("gives ocr_failed when OCR faults on an image", async () => {
    const extractor = createTextExtractor({ ocr: createFakeOcrEngine(new OcrError("timeout", "too slow")) });
    expect((await extractor.extract(file(renderCard(700)))).problem).toBe("ocr_failed");
  });
});

describe("createTextExtractor with bad files", () => {
  const extractor = createTextExtractor({ ocr: createFakeOcrEngine() });

  it("returns problems with Chinese messages instead of throwing", async () => {
    const text = await makeTextPdf([["申请人姓名：张三，公民身份号码：11010119900307123X"]]);
    const cases: [Uint8Array, string][] = [
      [new Uint8Array(), "empty"],
      [new TextEncoder().encode("just some text"), "unsupported_type"],
      [text.subarray(0, Math.floor(text.length / 2)), "corrupt"],
      [new TextEncoder().encode("%PDF-1.7\nnot really a pdf"), "corrupt"],
      [makeEncryptedPdf(), "encrypted"],
      [await makeEmptyPdf(), "corrupt"],
      [makePngHeader(100_000, 100_000), "too_many_pixels"],
    ];
    for (const [bytes, problem] of cases) {
      const result = await extractor.extract(file(bytes));
      expect(result.problem, problem).toBe(problem);
      expect(result.problemMessage).toMatch(/[\u4e00-\u9fff]/);
      expect(result.pages).toEqual([]);
    }
  });

  it("says a PDF without pages has no pages", async () => {
    expect((await extractor.extract(file(await makeEmptyPdf()))).problemMessage).toContain("没有任何页面");
  });
});

describe("close", () => {
  it("closes the OCR engine it was given", async () => {
    const ocr = createFakeOcrEngine();
    await createTextExtractor({ ocr }).close();
    expect(ocr.closed).toBe(true);
  });
});
