import { afterEach, describe, expect, it } from "vitest";
import { makeImage } from "../intake/__fixtures__/make-images.js";
import { makePdf } from "../intake/__fixtures__/make-pdf.js";
import type { IntakeFile, OcrEngine, OcrResult } from "../types.js";
import { createFakeOcrEngine } from "./__fixtures__/fake-ocr-engine.js";
import { createIsolatedTextExtractor, type IsolatedTextExtractor } from "./create-isolated-text-extractor.js";
import { createTextExtractor } from "./create-text-extractor.js";

const MB = 1024 * 1024;
let extractor: IsolatedTextExtractor | undefined;
afterEach(async () => {
  await extractor?.close();
  extractor = undefined;
});

const pdfFile = (bytes: Uint8Array, fileId = "f1"): IntakeFile => ({
  fileId,
  originalName: `${fileId}.pdf`,
  kind: "pdf",
  bytes,
});
const withoutTimes = (value: unknown) =>
  JSON.parse(JSON.stringify(value, (key, item) => (key === "milliseconds" ? 0 : item)));

/** An OCR engine whose first call never answers (a reading that hangs), later calls answer at once. */
function hangingOnceOcr(): OcrEngine & { calls: number } {
  const engine = {
    calls: 0,
    recognize(): Promise<OcrResult> {
      engine.calls += 1;
      if (engine.calls === 1) return new Promise(() => undefined);
      return Promise.resolve({
        lines: [{ text: "姓名 张三", confidence: 0.9 }],
        confidence: 0.9,
        width: 400,
        height: 300,
      });
    },
    close: async () => undefined,
  };
  return engine;
}

describe("createIsolatedTextExtractor", () => {
  it("reads a text PDF in a reader thread exactly as the in-process extractor does", async () => {
    const bytes = makePdf();
    extractor = createIsolatedTextExtractor({ ocr: createFakeOcrEngine(), threads: 1 });
    const isolated = await extractor.extract(pdfFile(bytes));
    const direct = await createTextExtractor({ ocr: createFakeOcrEngine() }).extract(pdfFile(bytes));
    expect(withoutTimes(isolated)).toEqual(withoutTimes(direct));
    expect(isolated.pages[0]?.lines[0]?.text).toBe("Banshi limits test");
    expect(extractor.stats()).toMatchObject({ threadsStarted: 1, jobsCompleted: 1 });
  });

  it("asks the shared OCR engine on the main side to read images", async () => {
    const ocr = createFakeOcrEngine();
    extractor = createIsolatedTextExtractor({ ocr, threads: 1 });
    const result = await extractor.extract({
      fileId: "f1",
      originalName: "card.png",
      kind: "png",
      bytes: makeImage("png", 800, 500),
    });
    expect(ocr.calls).toHaveLength(1);
    expect(result.problem).toBeUndefined();
    expect(result.pages[0]?.lines.map((line) => line.text)).toEqual(["姓名张三"]);
  });

  it("ends a compression bomb as inflated_too_large, naming the limit", async () => {
    extractor = createIsolatedTextExtractor({
      ocr: createFakeOcrEngine(),
      threads: 1,
      limits: { maxInflatedBytes: MB },
    });
    const result = await extractor.extract(pdfFile(makePdf({ inflatedBytes: 16 * MB })));
    expect(result.problem).toBe("inflated_too_large");
    expect(result.problemMessage).toMatch(/解压后的内容超过 1 MB/);
  });

  it("does not render a page of a compression bomb either (a page image asked for while its case waits)", async () => {
    extractor = createIsolatedTextExtractor({
      ocr: createFakeOcrEngine(),
      threads: 1,
      limits: { maxInflatedBytes: MB },
    });
    expect(await extractor.renderPage(makePdf({ inflatedBytes: 16 * MB }), "pdf", 1)).toEqual({ status: "unreadable" });
    // A PDF within the limits is rendered.
    expect(await extractor.renderPage(makePdf(), "pdf", 1)).toMatchObject({ status: "ok", mimeType: "image/png" });
  });

  it("ends a file that runs past its time limit as time_limit, replaces the thread and reads the next file", async () => {
    const ocr = hangingOnceOcr();
    extractor = createIsolatedTextExtractor({ ocr, threads: 1, limits: { fileTimeLimitMs: 1000 } });
    const image = { originalName: "card.png", kind: "png" as const, bytes: makeImage("png", 800, 500) };
    const stuck = await extractor.extract({ fileId: "f1", ...image });
    expect(stuck.problem).toBe("time_limit");
    expect(stuck.problemMessage).toMatch(/1 秒的处理时限/);
    const next = await extractor.extract({ fileId: "f2", ...image });
    expect(next.problem).toBeUndefined();
    expect(extractor.stats()).toMatchObject({ threadsStarted: 2, timeLimits: 1 });
  });

  it("counts a file's time from when it starts, and does not start one whose case ran out of time while it waited", async () => {
    const ocr = hangingOnceOcr();
    extractor = createIsolatedTextExtractor({ ocr, threads: 1, limits: { fileTimeLimitMs: 60_000 } });
    const image = { originalName: "card.png", kind: "png" as const, bytes: makeImage("png", 800, 500) };
    // Both files of one case are queued at once; the first hangs until the case's deadline.
    const deadline = Date.now() + 4000;
    const [stuck, waited] = await Promise.all([
      extractor.extract({ fileId: "f1", ...image }, { deadline }),
      extractor.extract({ fileId: "f2", ...image }, { deadline }),
    ]);
    expect(stuck.problem).toBe("time_limit");
    expect(stuck.problemMessage).toMatch(/秒/);
    expect(waited.problem).toBe("time_limit");
    expect(extractor.stats()).toMatchObject({ threadsStarted: 1, timeLimits: 1 });
  });

  it("does not start a file once the case's deadline has passed", async () => {
    const ocr = createFakeOcrEngine();
    extractor = createIsolatedTextExtractor({ ocr, threads: 1, limits: { caseTimeLimitMs: 300_000 } });
    const result = await extractor.extract(pdfFile(makePdf()), { deadline: Date.now() - 1 });
    expect(result.problem).toBe("time_limit");
    expect(result.problemMessage).toMatch(/300 秒/);
    expect(extractor.stats().threadsStarted).toBe(0);
  });

  it("does not start a file when the case has only a few milliseconds left (a timer may fire just before its deadline)", async () => {
    extractor = createIsolatedTextExtractor({ ocr: createFakeOcrEngine(), threads: 1 });
    const result = await extractor.extract(pdfFile(makePdf()), { deadline: Date.now() + 20 });
    expect(result.problem).toBe("time_limit");
    expect(extractor.stats().threadsStarted).toBe(0);
  });

  it("ends a file whose reading outgrows the thread's heap as memory_limit", async () => {
    extractor = createIsolatedTextExtractor({
      ocr: createFakeOcrEngine(),
      threads: 1,
      limits: { readerMemoryMb: 16, maxInflatedBytes: 64 * MB },
    });
    const result = await extractor.extract(pdfFile(makePdf({ inflatedBytes: 20 * MB })));
    expect(result.problem).toBe("memory_limit");
    expect(result.problemMessage).toMatch(/16 MB 的内存上限/);
    expect(extractor.stats().memoryLimits).toBe(1);
  });

  it("renders a page for the console, and refuses a document over the page limit without rendering it", async () => {
    extractor = createIsolatedTextExtractor({ ocr: createFakeOcrEngine(), threads: 1, limits: { maxPdfPages: 5 } });
    const page = await extractor.renderPage(makePdf(), "pdf", 1);
    expect(page).toMatchObject({ status: "ok", mimeType: "image/png" });
    expect(await extractor.renderPage(makePdf(), "pdf", 2)).toEqual({ status: "no_page" });
    expect(await extractor.renderPage(makePdf({ pages: 6 }), "pdf", 1)).toEqual({ status: "unreadable" });
  });

  it("stops a thread that stays idle, giving its memory back, and starts a fresh one for the next file", async () => {
    extractor = createIsolatedTextExtractor({ ocr: createFakeOcrEngine(), threads: 1, idleTimeoutMs: 200 });
    await extractor.extract(pdfFile(makePdf()));
    expect(extractor.stats().threadsAlive).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(extractor.stats().threadsAlive).toBe(0);
    expect((await extractor.extract(pdfFile(makePdf(), "f2"))).problem).toBeUndefined();
    expect(extractor.stats().threadsStarted).toBe(2);
  });

  it("answers every waiting file when closed", async () => {
    extractor = createIsolatedTextExtractor({ ocr: hangingOnceOcr(), threads: 1 });
    const image = { originalName: "card.png", kind: "png" as const, bytes: makeImage("png", 800, 500) };
    const pending = [extractor.extract({ fileId: "f1", ...image }), extractor.extract({ fileId: "f2", ...image })];
    await new Promise((resolve) => setTimeout(resolve, 200));
    await extractor.close();
    const results = await Promise.all(pending);
    expect(results.map((result) => result.problem)).toEqual(["ocr_failed", "ocr_failed"]);
  });
});
