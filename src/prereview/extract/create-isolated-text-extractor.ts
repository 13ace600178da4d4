// Reading uploaded files off the main thread. PDF parsing (pdf.js), rendering (mupdf), image
// preparation (canvas) and second readings run in a small pool of worker threads, each with a heap
// limit, and each job with a wall-time limit: a thread that runs over is terminated and replaced,
// and the file ends as a finding naming the limit. The event loop that answers HTTP never waits on
// a file. OCR stays in the shared tesseract pool on the main side (its own worker threads); reader
// threads call it by message.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { describeFileProblem, type PrereviewLimits, resolvePrereviewLimits } from "../intake/index.js";
import type {
  ExtractedFile,
  ExtractOptions,
  FileKind,
  FileProblem,
  IntakeFile,
  OcrEngine,
  PageImageResult,
  RereadRequest,
  RereadResult,
  TextExtractor,
} from "../types.js";
import type { CreateTextExtractorOptions } from "./create-text-extractor.js";
import { type ExtractLogger, silentLogger } from "./extract-logger.js";
import type { FromReader, ReaderJob, ReaderSettings, ToReader } from "./file-reader-protocol.js";
import { OcrError } from "./ocr-error.js";
import type { RenderPageImageOptions, RenderPageImageResult } from "./render-page-image.js";

export interface CreateIsolatedTextExtractorOptions extends Omit<CreateTextExtractorOptions, "ocr" | "logger"> {
  /** The shared OCR engine, on this side; closed by the extractor's `close`. */
  ocr: OcrEngine;
  logger?: ExtractLogger;
  /** Reader threads (files read at once). Default min(cores, 4). */
  threads?: number;
  /** A thread is replaced after this many jobs: mupdf's WASM memory only grows. Default 40. */
  recycleAfterJobs?: number;
  /**
   * A thread with nothing to do for this long is stopped, giving its memory back; the next file
   * starts a fresh one (under a second). Default 30 000 ms; 0 keeps threads.
   */
  idleTimeoutMs?: number;
  /** Settings of the page images the console shows (the same the extractor reads by default). */
  render?: RenderPageImageOptions;
}

export interface IsolatedTextExtractorStats {
  threadsStarted: number;
  threadsAlive: number;
  busy: number;
  queued: number;
  jobsCompleted: number;
  timeLimits: number;
  memoryLimits: number;
  crashes: number;
}

export interface IsolatedTextExtractor extends TextExtractor {
  /** The image of one page of a stored file, rendered in a reader thread within the file time limit. */
  renderPage(bytes: Uint8Array, kind: FileKind, page: number): Promise<PageImageResult>;
  stats(): IsolatedTextExtractorStats;
}

const ENTRY = new URL("./file-reader-thread-entry.mjs", import.meta.url);

type Outcome =
  | { status: "ok"; value: unknown }
  | { status: "time_limit"; reason: string; byCase?: boolean }
  | { status: "memory_limit" | "failed"; reason: string };

interface Job {
  id: number;
  job: ReaderJob;
  /** The file's own limit. */
  timeLimitMs: number;
  /** The case's deadline (epoch ms): the file's time is cut to it when it starts, not when it was queued. */
  deadline?: number;
  resolve: (outcome: Outcome) => void;
}

/** How long a new reader thread may take to load its modules, beyond its first file's time limit. */
const STARTUP_ALLOWANCE_MS = 30_000;
/**
 * A file whose case has less time left than this is not started: no thread could even start in it, and a
 * timer set for the deadline can fire a millisecond before the wall clock reaches it, so a check at exactly
 * the deadline would start the next file with nothing left.
 */
const MIN_TIME_TO_START_MS = 100;

/** Whether a case's deadline (epoch ms) leaves too little time to start a file. */
const deadlineLeavesNoTime = (deadline: number | undefined) =>
  deadline !== undefined && deadline - Date.now() < MIN_TIME_TO_START_MS;

interface Slot {
  id: number;
  worker: Worker;
  jobs: number;
  current?: { job: Job; timer: NodeJS.Timeout };
  alive: boolean;
  /** The thread has loaded its modules and said so. */
  ready: boolean;
  /** Stops the thread when it stays idle. */
  idleTimer?: NodeJS.Timeout;
}

export function createIsolatedTextExtractor(options: CreateIsolatedTextExtractorOptions): IsolatedTextExtractor {
  const {
    ocr,
    render = {},
    threads: _threads,
    recycleAfterJobs: _recycle,
    idleTimeoutMs: _idle,
    logger: _logger,
    ...extractorOptions
  } = options;
  const logger = options.logger ?? silentLogger;
  const limits: PrereviewLimits = resolvePrereviewLimits(options.limits);
  const size = Math.max(1, options.threads ?? Math.min(availableParallelism(), 4));
  const recycleAfterJobs = options.recycleAfterJobs ?? 40;
  const idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
  const settings: ReaderSettings = {
    ...extractorOptions,
    limits,
    render: {
      maxPages: limits.maxPdfPages,
      maxInflatedBytes: limits.maxInflatedBytes,
      maxImagePixels: limits.maxImagePixels,
      ...render,
    },
  };
  const slots: Slot[] = [];
  const queue: Job[] = [];
  const counters = { threadsStarted: 0, jobsCompleted: 0, timeLimits: 0, memoryLimits: 0, crashes: 0 };
  let nextJobId = 1;
  let nextSlotId = 1;
  let closed = false;

  function startSlot(): Slot {
    const worker = new Worker(ENTRY, {
      workerData: settings,
      resourceLimits: { maxOldGenerationSizeMb: limits.readerMemoryMb, maxYoungGenerationSizeMb: 64 },
      stdout: false,
      stderr: false,
    });
    const slot: Slot = { id: nextSlotId++, worker, jobs: 0, alive: true, ready: false };
    counters.threadsStarted += 1;
    worker.unref();
    worker.on("message", (message: FromReader) => onMessage(slot, message));
    worker.on("error", (error: Error & { code?: string }) => {
      const memory = error.code === "ERR_WORKER_OUT_OF_MEMORY";
      if (memory) counters.memoryLimits += 1;
      else counters.crashes += 1;
      logger.warn({ thread: slot.id, code: error.code, err: error }, "file-reader thread stopped with an error");
      retire(
        slot,
        memory ? { status: "memory_limit", reason: error.message } : { status: "failed", reason: error.message },
      );
    });
    worker.on("exit", (code) => {
      if (slot.alive) retire(slot, { status: "failed", reason: `reader thread exited with code ${code}` });
    });
    slots.push(slot);
    return slot;
  }

  /** Takes a slot out of service, ends its job with `outcome`, and moves the queue on. */
  function retire(slot: Slot, outcome?: Outcome) {
    if (!slot.alive) return;
    slot.alive = false;
    clearTimeout(slot.idleTimer);
    slots.splice(slots.indexOf(slot), 1);
    const current = slot.current;
    slot.current = undefined;
    if (current) {
      clearTimeout(current.timer);
      if (outcome) current.job.resolve(outcome);
    }
    void slot.worker.terminate().catch(() => undefined);
    dispatch();
  }

  function onMessage(slot: Slot, message: FromReader) {
    if (!slot.alive) return;
    switch (message.type) {
      case "ready":
        slot.ready = true;
        // The file's time runs from here: a thread's start-up (loading its modules) is not the file's.
        if (slot.current) {
          clearTimeout(slot.current.timer);
          slot.current.timer = armTimer(slot, slot.current.job);
        }
        return;
      case "log":
        logger[message.level]({ thread: slot.id, ...message.details }, message.message);
        return;
      case "ocr":
        ocr.recognize(message.image, message.options).then(
          (result) => post(slot, { type: "ocr-result", callId: message.callId, result }),
          (error: unknown) =>
            post(slot, {
              type: "ocr-error",
              callId: message.callId,
              code: error instanceof OcrError ? error.code : "recognize_failed",
              message: error instanceof Error ? error.message : String(error),
            }),
        );
        return;
      case "result":
      case "failure": {
        const current = slot.current;
        if (!current || current.job.id !== message.jobId) return;
        clearTimeout(current.timer);
        slot.current = undefined;
        counters.jobsCompleted += 1;
        current.job.resolve(
          message.type === "result"
            ? { status: "ok", value: message.result }
            : { status: "failed", reason: message.message },
        );
        if (slot.jobs >= recycleAfterJobs) retire(slot);
        else {
          dispatch();
          if (!slot.current && idleTimeoutMs > 0) {
            slot.idleTimer = setTimeout(() => {
              if (!slot.current) retire(slot);
            }, idleTimeoutMs);
            slot.idleTimer.unref();
          }
        }
        return;
      }
    }
  }

  function post(slot: Slot, message: ToReader) {
    if (slot.alive) slot.worker.postMessage(message);
  }

  function dispatch() {
    while (!closed && queue.length > 0) {
      // A job whose case ran out of time while it waited for a thread is not started at all.
      const waiting = queue[0] as Job;
      if (deadlineLeavesNoTime(waiting.deadline)) {
        queue.shift();
        waiting.resolve({
          status: "time_limit",
          reason: "case deadline passed, or too close to start a file, while queued",
          byCase: true,
        });
        continue;
      }
      let slot = slots.find((candidate) => candidate.alive && !candidate.current);
      if (!slot && slots.length < size) slot = startSlot();
      if (!slot) return;
      const job = queue.shift();
      if (!job) return;
      const target = slot;
      clearTimeout(target.idleTimer);
      target.jobs += 1;
      // A thread still starting gets extra time for its start-up; the file's own time is armed again
      // once the thread is ready.
      target.current = { job, timer: armTimer(target, job, target.ready ? 0 : STARTUP_ALLOWANCE_MS) };
      post(target, { type: "job", jobId: job.id, job: job.job });
    }
  }

  /** Ends the job at its file limit, or at its case's deadline when that comes first (counted from now). */
  function armTimer(slot: Slot, job: Job, extraMs = 0): NodeJS.Timeout {
    const remaining = job.deadline === undefined ? Number.POSITIVE_INFINITY : job.deadline - Date.now();
    const limitMs = Math.max(0, Math.min(job.timeLimitMs, remaining));
    const byCase = remaining < job.timeLimitMs;
    return setTimeout(() => {
      counters.timeLimits += 1;
      logger.warn({ thread: slot.id, op: job.job.op, timeLimitMs: limitMs, byCase }, "file reading ran out of time");
      retire(slot, { status: "time_limit", reason: `over ${limitMs} ms`, byCase });
    }, limitMs + extraMs);
  }

  function submit(job: ReaderJob, timeLimitMs: number, deadline?: number): Promise<Outcome> {
    if (closed) return Promise.resolve({ status: "failed", reason: "extractor closed" });
    return new Promise((resolve) => {
      queue.push({ id: nextJobId++, job, timeLimitMs, ...(deadline === undefined ? {} : { deadline }), resolve });
      dispatch();
    });
  }

  /** Whether the case's deadline has passed already, or leaves too little time to start a file. */
  const pastDeadline = (extract: ExtractOptions | undefined) => deadlineLeavesNoTime(extract?.deadline);

  function unread(file: IntakeFile, problem: FileProblem, seconds?: number): ExtractedFile {
    return {
      fileId: file.fileId,
      ...(file.kind ? { kind: file.kind } : {}),
      pages: [],
      problem,
      problemMessage: describeFileProblem(problem, seconds === undefined ? {} : { seconds }, limits),
      pageCount: 0,
    };
  }

  return {
    async extract(file, extractOptions) {
      const caseLimitSeconds = Math.round(limits.caseTimeLimitMs / 1000);
      if (pastDeadline(extractOptions)) return unread(file, "time_limit", caseLimitSeconds);
      const outcome = await submit({ op: "extract", file }, limits.fileTimeLimitMs, extractOptions?.deadline);
      if (outcome.status === "ok") return outcome.value as ExtractedFile;
      if (outcome.status === "time_limit")
        return unread(file, "time_limit", outcome.byCase ? caseLimitSeconds : undefined);
      if (outcome.status === "memory_limit") return unread(file, "memory_limit");
      logger.warn({ fileId: file.fileId, reason: outcome.reason }, "file could not be read in a reader thread");
      return unread(file, "ocr_failed");
    },
    async reread(file: IntakeFile, request: RereadRequest, extractOptions?: ExtractOptions) {
      const none = request.regions.map(() => undefined);
      if (pastDeadline(extractOptions)) return none;
      const outcome = await submit({ op: "reread", file, request }, limits.fileTimeLimitMs, extractOptions?.deadline);
      return outcome.status === "ok" ? (outcome.value as (RereadResult | undefined)[]) : none;
    },
    async renderPage(bytes, kind, page) {
      const outcome = await submit({ op: "render", bytes, kind, page }, limits.fileTimeLimitMs);
      return outcome.status === "ok" ? (outcome.value as RenderPageImageResult) : { status: outcome.status };
    },
    stats() {
      return {
        ...counters,
        threadsAlive: slots.length,
        busy: slots.filter((slot) => slot.current).length,
        queued: queue.length,
      };
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.resolve({ status: "failed", reason: "extractor closed" });
      await Promise.all(
        [...slots].map(async (slot) => {
          retire(slot, { status: "failed", reason: "extractor closed" });
        }),
      );
      await ocr.close();
    },
  };
}
