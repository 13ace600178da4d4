// The only tesseract.js importer: a pool of OCR workers (each a worker thread running tesseract's
// WASM build). Workers start lazily, are reused across requests, recycled after a number of jobs
// (their WASM heap only grows), and replaced when one times out, crashes or fails a job.
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import type { Worker as ThreadWorker } from "node:worker_threads";
import tesseract from "tesseract.js";
import { detectFileKind, readImageSize } from "../intake/index.js";
import type { OcrEngine, OcrRecognizeOptions, OcrResult, PageSegmentationMode } from "../types.js";
import { type ExtractLogger, silentLogger } from "./extract-logger.js";
import { OcrError } from "./ocr-error.js";
import { readTesseractPage } from "./read-tesseract-page.js";
import { resolveLanguagePath } from "./resolve-language-path.js";

export interface TesseractOcrPoolOptions {
  /** Most workers at once. Default min(os.availableParallelism(), 4); each holds ~100–200 MB. */
  size?: number;
  /** A worker is replaced after this many jobs, since its WASM memory never shrinks. Default 40. */
  recycleAfterJobs?: number;
  /**
   * tesseract languages, from `@tesseract.js-data/<language>` (4.0.0_best_int models). Default
   * `["chi_sim"]`: it reads digits and Latin capitals itself. `["eng", "chi_sim"]` was 1.3–2×
   * slower and less accurate on our renders (cards 79–96% of characters vs 98–100%); with
   * `["chi_sim", "eng"]` tesseract.js 7 fails to load the second language ("Failed loading
   * language") and silently runs on chi_sim alone.
   */
  languages?: string[];
  /** Writable directory for a combined language directory when several languages are used. Default `<tmpdir>/banshi-tesseract`. */
  cachePath?: string;
  /** A job running longer than this fails and its worker is replaced. Default 60 000 ms. */
  timeoutMs?: number;
  /** A worker that has not started within this fails its job. Default 60 000 ms. */
  startTimeoutMs?: number;
  /**
   * tesseract page segmentation mode. Default "4" (one column of text of variable sizes): psm 6
   * loses lines on ID cards, psm 3 (automatic) split noisy A4 scans into fragments (63–76% of
   * characters read vs 97–98% with 4).
   */
  pageSegmentationMode?: PageSegmentationMode;
  logger?: ExtractLogger;
}

export interface RecognizeOptions extends OcrRecognizeOptions {
  /** Overrides the pool's timeout for this job. */
  timeoutMs?: number;
}

export interface TesseractOcrPoolStats {
  workersCreated: number;
  workersRecycled: number;
  workersReplaced: number;
  workersAlive: number;
  busy: number;
  queued: number;
  jobsCompleted: number;
  jobsFailed: number;
  /** Seconds spent recognising the completed jobs (each a page or a cut-out line). */
  recognizeSeconds: number;
}

export interface TesseractOcrPool extends OcrEngine {
  recognize(image: Uint8Array, options?: RecognizeOptions): Promise<OcrResult>;
  stats(): TesseractOcrPoolStats;
}

type TesseractWorker = Awaited<ReturnType<typeof tesseract.createWorker>>;

interface Job {
  image: Uint8Array;
  timeoutMs: number;
  pageSegmentationMode: PageSegmentationMode;
  resolve: (result: OcrResult) => void;
  reject: (error: OcrError) => void;
}

interface Slot {
  id: number;
  worker: TesseractWorker;
  jobs: number;
  busy: boolean;
  /** The page segmentation mode the worker is set to. */
  pageSegmentationMode: PageSegmentationMode;
  retired: boolean;
  /** Fails the running job at once (crash, close). */
  abort?: (error: OcrError) => void;
}

/** Creates the default `OcrEngine`. No worker starts until the first `recognize`. */
export function createTesseractOcrPool(options: TesseractOcrPoolOptions = {}): TesseractOcrPool {
  const size = Math.max(1, options.size ?? Math.min(availableParallelism(), 4));
  const recycleAfterJobs = Math.max(1, options.recycleAfterJobs ?? 40);
  const languages = options.languages ?? ["chi_sim"];
  const cachePath = options.cachePath ?? join(tmpdir(), "banshi-tesseract");
  const timeoutMs = options.timeoutMs ?? 60_000;
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  const pageSegmentationMode = options.pageSegmentationMode ?? "4";
  const logger = options.logger ?? silentLogger;

  const queue: Job[] = [];
  const slots: Slot[] = [];
  let starting = 0;
  let closed = false;
  let nextWorkerId = 1;
  let langPath: string | undefined;
  const counters = {
    workersCreated: 0,
    workersRecycled: 0,
    workersReplaced: 0,
    jobsCompleted: 0,
    jobsFailed: 0,
    recognizeSeconds: 0,
  };

  function pump(): void {
    if (closed) return;
    for (;;) {
      const idle = slots.find((slot) => !slot.busy && !slot.retired);
      const job = idle ? queue.shift() : undefined;
      if (!idle || !job) break;
      void run(idle, job);
    }
    while (queue.length > starting && slots.length + starting < size) void start();
  }

  async function start(): Promise<void> {
    starting++;
    const id = nextWorkerId++;
    let worker: TesseractWorker | undefined;
    try {
      langPath ??= resolveLanguagePath(languages, cachePath);
      const created = tesseract.createWorker(languages, 1, {
        langPath,
        gzip: true,
        // The .gz files are local and unpack in ~30 ms; tesseract's cache would be one more
        // file written non-atomically by concurrent workers.
        cacheMethod: "none",
        cachePath,
        // Without a handler tesseract.js rethrows a failed job inside its message listener,
        // which would be an uncaught exception; the job's promise reports the failure anyway.
        errorHandler: () => undefined,
      });
      worker = await withTimeout(created, startTimeoutMs, () => {
        // A worker that never finishes starting is terminated once it does.
        void created.then((late) => late.terminate()).catch(() => undefined);
        return new OcrError("worker_start_failed", `OCR worker did not start within ${startTimeoutMs} ms`);
      });
      await worker.setParameters({
        tessedit_pageseg_mode: pageSegmentationMode as tesseract.PSM,
        preserve_interword_spaces: "1",
        // tesseract prints "Estimating resolution as …" on stdout for every page otherwise.
        debug_file: "/dev/null",
      });
    } catch (error) {
      starting--;
      await worker?.terminate().catch(() => undefined);
      const failure =
        error instanceof OcrError
          ? error
          : new OcrError("worker_start_failed", "OCR worker failed to start", { cause: error });
      logger.warn({ workerId: id, err: failure }, "OCR worker failed to start");
      // One queued job fails per failed start, so a broken installation cannot hang requests.
      const job = queue.shift();
      if (job) fail(job, failure);
      pump();
      return;
    }
    starting--;
    counters.workersCreated++;
    if (closed) {
      await worker.terminate().catch(() => undefined);
      return;
    }
    const slot: Slot = { id, worker, jobs: 0, busy: false, retired: false, pageSegmentationMode };
    watchThread(slot);
    slots.push(slot);
    logger.info({ workerId: id, languages, pageSegmentationMode }, "OCR worker started");
    pump();
  }

  /** A worker thread that exits or throws outside a job is dead: fail its job and drop it. */
  function watchThread(slot: Slot): void {
    const thread = (slot.worker as unknown as { worker?: ThreadWorker }).worker;
    if (!thread || typeof thread.on !== "function") return;
    const onDeath = (reason: string, cause?: unknown) => {
      if (slot.retired) return;
      logger.warn({ workerId: slot.id, reason }, "OCR worker died");
      const error = new OcrError("worker_crashed", `OCR worker died: ${reason}`, { cause });
      if (slot.abort) slot.abort(error);
      else retire(slot, "replaced");
    };
    thread.on("error", (error) => onDeath("error", error));
    thread.once("exit", (code) => onDeath(`exit ${code}`));
  }

  async function run(slot: Slot, job: Job): Promise<void> {
    slot.busy = true;
    const started = performance.now();
    try {
      const aborted = new Promise<never>((_, reject) => {
        slot.abort = reject;
      });
      if (slot.pageSegmentationMode !== job.pageSegmentationMode) {
        await Promise.race([
          slot.worker.setParameters({ tessedit_pageseg_mode: job.pageSegmentationMode as tesseract.PSM }),
          aborted,
        ]);
        slot.pageSegmentationMode = job.pageSegmentationMode;
      }
      const recognized = slot.worker.recognize(toBuffer(job.image), {}, { blocks: true, text: false });
      const timeoutMs = job.timeoutMs;
      const response = await withTimeout(
        Promise.race([recognized, aborted]),
        timeoutMs,
        () => new OcrError("timeout", `OCR took longer than ${timeoutMs} ms`),
      );
      const page = readTesseractPage(response.data);
      const size = imageSize(job.image);
      slot.jobs++;
      counters.jobsCompleted++;
      counters.recognizeSeconds += (performance.now() - started) / 1000;
      job.resolve({ lines: page.lines, confidence: page.confidence, width: size.width, height: size.height });
      slot.busy = false;
      slot.abort = undefined;
      if (slot.jobs >= recycleAfterJobs) retire(slot, "recycled");
    } catch (error) {
      slot.abort = undefined;
      if (isImageReadError(error)) {
        // leptonica refused the bytes; the worker itself is fine (checked: it reads the next image).
        slot.busy = false;
        slot.jobs++;
        fail(job, new OcrError("image_unreadable", "OCR could not decode the image", { cause: error }));
        if (slot.jobs >= recycleAfterJobs) retire(slot, "recycled");
        pump();
        return;
      }
      const failure =
        error instanceof OcrError ? error : new OcrError("recognize_failed", describe(error), { cause: error });
      logger.warn(
        { workerId: slot.id, code: failure.code, milliseconds: Math.round(performance.now() - started) },
        "OCR job failed; replacing its worker",
      );
      // After a timeout, crash or WASM abort the worker's state is unknown: never reuse it.
      retire(slot, "replaced");
      fail(job, failure);
    }
    pump();
  }

  function retire(slot: Slot, why: "recycled" | "replaced" | "closed"): void {
    if (slot.retired) return;
    slot.retired = true;
    const index = slots.indexOf(slot);
    if (index >= 0) slots.splice(index, 1);
    if (why === "recycled") counters.workersRecycled++;
    if (why === "replaced") counters.workersReplaced++;
    void slot.worker.terminate().catch(() => undefined);
  }

  function fail(job: Job, error: OcrError): void {
    counters.jobsFailed++;
    job.reject(error);
  }

  return {
    recognize(image, recognizeOptions = {}) {
      if (closed) return Promise.reject(new OcrError("closed", "OCR pool is closed"));
      return new Promise<OcrResult>((resolve, reject) => {
        queue.push({
          image,
          timeoutMs: recognizeOptions.timeoutMs ?? timeoutMs,
          pageSegmentationMode: recognizeOptions.pageSegmentationMode ?? pageSegmentationMode,
          resolve,
          reject,
        });
        pump();
      });
    },
    stats() {
      return {
        ...counters,
        workersAlive: slots.length,
        busy: slots.filter((slot) => slot.busy).length,
        queued: queue.length,
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const job of queue.splice(0)) fail(job, new OcrError("closed", "OCR pool closed"));
      const closing = slots.splice(0);
      for (const slot of closing) slot.abort?.(new OcrError("closed", "OCR pool closed"));
      await Promise.all(
        closing.map(async (slot) => {
          slot.retired = true;
          await slot.worker.terminate().catch(() => undefined);
        }),
      );
    },
  };
}

function withTimeout<T>(promise: Promise<T>, milliseconds: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), milliseconds);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function toBuffer(image: Uint8Array): Buffer {
  return Buffer.isBuffer(image) ? image : Buffer.from(image.buffer, image.byteOffset, image.byteLength);
}

/** The image's pixel size from its header (0 × 0 when unreadable; tesseract read it anyway). */
function imageSize(image: Uint8Array): { width: number; height: number } {
  const kind = detectFileKind(image);
  const size = kind && kind !== "pdf" ? readImageSize(image, kind) : undefined;
  return size ?? { width: 0, height: 0 };
}

/** tesseract.js rejects with this text when leptonica cannot read the image. */
function isImageReadError(error: unknown): boolean {
  return /attempting to read image/i.test(describe(error));
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === "string" ? error : "OCR failed";
}
