// The body of a file-reader thread: the ordinary text extractor and page renderer, run off the main
// thread. OCR calls go back to the main thread's shared tesseract pool; log lines go to its logger.
import { parentPort, workerData } from "node:worker_threads";
import type { OcrEngine, OcrResult } from "../types.js";
import { createTextExtractor } from "./create-text-extractor.js";
import type { ExtractLogger } from "./extract-logger.js";
import type { FromReader, ReaderJob, ReaderSettings, ToReader } from "./file-reader-protocol.js";
import { OcrError } from "./ocr-error.js";
import { renderPageImage } from "./render-page-image.js";

const port = parentPort;
if (!port) throw new Error("file-reader-thread runs only as a worker thread");
const settings = workerData as ReaderSettings;
const send = (message: FromReader) => port.postMessage(message);

const pendingOcr = new Map<number, { resolve: (result: OcrResult) => void; reject: (error: Error) => void }>();
let nextCallId = 1;

const ocr: OcrEngine = {
  recognize(image, options) {
    const callId = nextCallId++;
    return new Promise((resolve, reject) => {
      pendingOcr.set(callId, { resolve, reject });
      send({ type: "ocr", callId, image, ...(options ? { options } : {}) });
    });
  },
  close: async () => undefined,
};

const logger: ExtractLogger = {
  info: (details, message) => send({ type: "log", level: "info", details: loggable(details), message }),
  warn: (details, message) => send({ type: "log", level: "warn", details: loggable(details), message }),
};

const extractor = createTextExtractor({ ...settings, ocr, logger });

async function run(job: ReaderJob): Promise<unknown> {
  switch (job.op) {
    case "extract":
      return extractor.extract(job.file);
    case "reread":
      return extractor.reread ? extractor.reread(job.file, job.request) : job.request.regions.map(() => undefined);
    case "render":
      return renderPageImage(job.bytes, job.kind, job.page, settings.render);
  }
}

port.on("message", (message: ToReader) => {
  if (message.type === "job") {
    run(message.job).then(
      (result) => send({ type: "result", jobId: message.jobId, result }),
      (error: unknown) =>
        send({
          type: "failure",
          jobId: message.jobId,
          message: error instanceof Error ? error.message : String(error),
        }),
    );
    return;
  }
  const call = pendingOcr.get(message.callId);
  if (!call) return;
  pendingOcr.delete(message.callId);
  if (message.type === "ocr-result") call.resolve(message.result);
  else call.reject(new OcrError(message.code, message.message));
});

/** Errors do not survive structured cloning with their fields; log them as name and message. */
function loggable(details: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details))
    copy[key] =
      value instanceof Error
        ? { name: value.name, message: value.message, ...(value instanceof OcrError ? { code: value.code } : {}) }
        : value;
  return copy;
}

send({ type: "ready" });
