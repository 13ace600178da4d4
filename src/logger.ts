import { type DestinationStream, type Logger, pino } from "pino";

/**
 * Paths pino removes from every log line. Credentials (bearer tokens, the pre-review case secret in its
 * header or query), request bodies (multipart fields carry the application form) and personal fields
 * one or two levels down. Code that logs case data masks it first (src/mask-personal-data.ts);
 * this is the net under that.
 */
export const REDACTED_LOG_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-case-secret"]',
  "req.body",
  "req.query.secret",
  "*.apiKey",
  "*.secret",
  "*.idNumber",
  "*.phone",
  "*.form",
  "*.*.idNumber",
  "*.*.phone",
];

/** JSON logs on stdout (or `destination`); secrets and personal identifiers never reach them. */
export function createLogger(level: string = "info", destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: "banshi" },
    redact: { paths: REDACTED_LOG_PATHS, censor: "[redacted]" },
  };
  return destination ? pino(options, destination) : pino(options);
}
