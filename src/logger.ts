import { pino, type Logger } from "pino";

/** JSON logs on stdout; secrets and personal identifiers never reach them. */
export function createLogger(level: string = "info"): Logger {
  return pino({
    level,
    base: { service: "banshi" },
    redact: {
      paths: ["req.headers.authorization", "req.headers.cookie", "*.apiKey", "*.idNumber"],
      censor: "[redacted]",
    },
  });
}
