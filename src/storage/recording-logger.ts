import type { StorageLogger } from "./storage-logger.js";

export interface RecordingLogger extends StorageLogger {
  readonly entries: { level: "info" | "warn"; message: string; details: Record<string, unknown> }[];
}

/** A logger for tests that keeps what it was told. */
export function createRecordingLogger(): RecordingLogger {
  const entries: RecordingLogger["entries"] = [];
  return {
    entries,
    info: (details, message) => void entries.push({ level: "info", message, details }),
    warn: (details, message) => void entries.push({ level: "warn", message, details }),
  };
}
