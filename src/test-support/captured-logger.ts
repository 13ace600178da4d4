import { Writable } from "node:stream";
import { createLogger } from "../logger.js";

/** The application logger writing its JSON lines into `lines`, for tests that check what is logged. */
export function createCapturedLogger(level: Parameters<typeof createLogger>[0] = "info") {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger(level, sink), lines };
}
