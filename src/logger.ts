import { type DestinationStream, type Logger, pino } from "pino";

/** Fields that hold a credential or personal data wherever a log line puts them. */
const SENSITIVE_FIELDS = ["apiKey", "secret", "idNumber", "phone", "form"];

/**
 * Paths pino removes from every log line. Credentials (bearer tokens, the pre-review case secret in its
 * header or query), request bodies (multipart fields carry the application form) and personal fields
 * at the top level of a line and one or two levels down (a pino `*` stands for exactly one level, so
 * `*.secret` does not cover a top-level `secret`). Code that logs case data masks it first
 * (src/mask-personal-data.ts); this is the net under that.
 */
export const REDACTED_LOG_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-case-secret"]',
  "req.body",
  "req.query.secret",
  ...SENSITIVE_FIELDS,
  ...SENSITIVE_FIELDS.map((field) => `*.${field}`),
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
