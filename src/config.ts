import { createHash } from "node:crypto";
import { isIP } from "node:net";
import { availableParallelism } from "node:os";
import path from "node:path";
import { z } from "zod";

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

/**
 * Limits that several modules apply (the environment defaults below, the HTTP routers, intake): their
 * defaults are set here and nowhere else.
 */
export const DEFAULT_LIMITS = Object.freeze({
  chat: Object.freeze({ maxMessageChars: 1000, requestsPerMinute: 30, sessionsPerHour: 20 }),
  prereview: Object.freeze({ maxFileBytes: 20 * 1024 * 1024, maxFiles: 20, submissionsPerHour: 20 }),
  /** POST /api/match per client: a portal page asks once per profile change. */
  match: Object.freeze({ requestsPerMinute: 60 }),
});

/** Every environment variable Banshi reads, with its default. README § Configuration lists them. */
export const ConfigSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default("127.0.0.1"),
    DATA_DIR: z.string().default("./data"),
    KNOWLEDGE_DIR: z.string().default("./knowledge"),
    /** Development: reload the knowledge base when a file under KNOWLEDGE_DIR changes. */
    KNOWLEDGE_WATCH: z.enum(["0", "1", "false", "true"]).default("0"),
    /**
     * With DATABASE_URL: how often (seconds) an API node asks the shared database for the newest
     * recorded knowledge version, to follow a reload made on another node; 0 = never.
     */
    KNOWLEDGE_FOLLOW_SECONDS: z.coerce.number().min(0).max(3600).default(5),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** OpenAI-compatible embeddings endpoint; without it the local embeddings are used. */
    EMBEDDINGS_BASE_URL: optionalText.pipe(z.url().optional()),
    EMBEDDINGS_API_KEY: optionalText,
    EMBEDDINGS_MODEL: optionalText,
    /** Largest k a search request may ask for. */
    SEARCH_MAX_K: z.coerce.number().int().min(1).max(100).default(50),
    /** PostgreSQL for sessions and feedback; without it an embedded PGlite under DATA_DIR/db. */
    DATABASE_URL: optionalText.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "expected a postgres:// or postgresql:// URL")
        .optional(),
    ),
    /**
     * Behind a reverse proxy: how many proxy hops to trust (`1`), or which proxies (addresses, CIDR
     * ranges, `loopback`, `linklocal`, `uniquelocal`, comma-separated), passed to express's
     * `trust proxy`, so rate limits count the client in X-Forwarded-For, not the proxy. Unset: the
     * connection's own address counts (no proxy in front).
     */
    TRUST_PROXY: optionalText.transform((value, context) => parseTrustProxy(value, context)),
    /**
     * Redis for what several nodes share: the pre-review job queue (BullMQ) and the rate limits. Unset:
     * both are kept in this process's memory (one node).
     */
    REDIS_URL: optionalText.pipe(
      z
        .string()
        .regex(/^rediss?:\/\//, "expected a redis:// or rediss:// URL")
        .optional(),
    ),
    /** Bearer token for /api/admin/*; unset disables the admin endpoints. */
    ADMIN_TOKEN: optionalText.pipe(z.string().min(16, "ADMIN_TOKEN must be at least 16 characters").optional()),
    /**
     * Shared secret for the portal login pass-through: a portal signs `{sub, exp}` with it (HMAC-SHA256)
     * and the widget passes the token on, so chat sessions belong to that user. Unset: tokens are ignored.
     */
    PORTAL_TOKEN_SECRET: optionalText.pipe(
      z.string().min(32, "PORTAL_TOKEN_SECRET must be at least 32 characters").optional(),
    ),
    /**
     * The master key that wraps the per-case and per-session data keys: 32 bytes as base64 or 64 hex
     * digits. Unset: read from DATA_ENCRYPTION_KEY_FILE, else generated once under DATA_DIR/keys.
     */
    DATA_ENCRYPTION_KEY: optionalText,
    /** A file holding the master key (same form); for secrets mounted as files. */
    DATA_ENCRYPTION_KEY_FILE: optionalText,
    /** OpenAI-compatible chat endpoint; without it answers are extractive only. */
    LLM_BASE_URL: optionalText.pipe(z.url().optional()),
    LLM_API_KEY: optionalText,
    LLM_MODEL: optionalText,
    LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    CHAT_MAX_MESSAGE_CHARS: z.coerce.number().int().min(10).max(10_000).default(DEFAULT_LIMITS.chat.maxMessageChars),
    CHAT_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).default(DEFAULT_LIMITS.chat.requestsPerMinute),
    CHAT_SESSIONS_PER_HOUR: z.coerce.number().int().min(1).default(DEFAULT_LIMITS.chat.sessionsPerHour),
    /**
     * Bearer tokens of the clerks who may list, read and review every pre-review case, comma-separated.
     * Each entry is `label:token` (the label names the clerk in the audit trail as `clerk:<label>`) or just
     * `token` (labelled by the first 8 hex digits of its sha256). Tokens: at least 16 characters, no spaces.
     * Default: none, which disables the clerk endpoints; applicants still use their case secrets.
     */
    CLERK_TOKENS: optionalText.transform((value, context) => parseClerkTokens(value, context)),
    /** Days the uploaded files of a pre-review case are kept; then deleted and the report redacted. Default 7. */
    PREREVIEW_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
    /** Pre-review jobs run at once in this process. Default 1. */
    PREREVIEW_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
    /** Largest single uploaded file in MB (fractions allowed). Default 20. */
    PREREVIEW_MAX_FILE_MB: z.coerce
      .number()
      .positive()
      .max(500)
      .default(DEFAULT_LIMITS.prereview.maxFileBytes / 1024 / 1024),
    /** Most files in one pre-review submission. Default 20. */
    PREREVIEW_MAX_FILES: z.coerce.number().int().min(1).max(200).default(DEFAULT_LIMITS.prereview.maxFiles),
    /** Pre-review submissions per client address per hour without a clerk token. Default 20. */
    PREREVIEW_SUBMISSIONS_PER_HOUR: z.coerce
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(DEFAULT_LIMITS.prereview.submissionsPerHour),
    /** OCR worker threads (tesseract.js) shared by all pre-review jobs. Default min(CPU cores, 4). */
    OCR_WORKERS: z.coerce
      .number()
      .int()
      .min(1)
      .max(64)
      .default(() => Math.min(availableParallelism(), 4)),
    /** Minutes between retention sweeps of pre-review files. Default 60. */
    PREREVIEW_SWEEP_INTERVAL_MINUTES: z.coerce.number().positive().max(10_080).default(60),
    /** Threads that read uploaded files (PDF parsing, rendering, image preparation). Default min(cores, 4). */
    PREREVIEW_READER_THREADS: z.coerce
      .number()
      .int()
      .min(1)
      .max(64)
      .default(() => Math.min(availableParallelism(), 4)),
    /** Seconds one file may take to read (rendering, OCR and waiting for OCR included). Default 120. */
    PREREVIEW_FILE_TIME_LIMIT_SECONDS: z.coerce.number().positive().max(3600).default(120),
    /** Seconds all files of one case may take to read. Default 600. */
    PREREVIEW_CASE_TIME_LIMIT_SECONDS: z.coerce.number().positive().max(36_000).default(600),
    /** MB a PDF's compressed streams may inflate to (compression bombs). Default 64. */
    PREREVIEW_MAX_INFLATED_MB: z.coerce.number().positive().max(4096).default(64),
    /** JS heap of one reader thread in MB. Default 512. */
    PREREVIEW_READER_MEMORY_MB: z.coerce.number().int().min(64).max(16_384).default(512),
    /**
     * What `npm start` runs: `all` (default) serves HTTP and runs pre-review jobs in one process; `api`
     * serves HTTP only and leaves jobs to `npm run worker` processes (needs REDIS_URL and DATABASE_URL).
     */
    ROLE: z.enum(["all", "api"], { error: "expected all or api (workers start with npm run worker)" }).default("all"),
    /** Prefix of Banshi's keys in Redis (job queue, rate limits). Default banshi. */
    REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,60}$/, "expected letters, digits, _ . - (at most 60)")
      .default("banshi"),
    /**
     * Seconds a worker holds a running case without renewing it: after a worker dies its cases run
     * again on another worker within about one and a half times this. Default 60.
     */
    PREREVIEW_LEASE_SECONDS: z.coerce.number().positive().max(3600).default(60),
    /**
     * Seconds a stopping process (SIGTERM, Ctrl-C) gives its pre-review jobs in progress to finish; the
     * ones still running then are handed back at once (lease released, job waiting again) for other
     * workers, and the process exits. Keep it below the orchestrator's own kill timeout. Default 20.
     */
    SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(3600).default(20),
    /** Tries of a pre-review job whose worker hit a fault (database away), with back-off, before it fails. Default 5. */
    PREREVIEW_JOB_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  })
  .superRefine((config, context) => {
    if (config.ROLE === "api")
      for (const name of ["REDIS_URL", "DATABASE_URL"] as const)
        if (!config[name])
          context.addIssue({
            code: "custom",
            path: [name],
            message: `${name} is required with ROLE=api (API nodes and workers share the job queue and the database)`,
          });
    if (config.LLM_BASE_URL && !config.LLM_MODEL)
      context.addIssue({
        code: "custom",
        path: ["LLM_MODEL"],
        message: "LLM_MODEL is required when LLM_BASE_URL is set",
      });
    if (config.EMBEDDINGS_BASE_URL && !config.EMBEDDINGS_MODEL)
      context.addIssue({
        code: "custom",
        path: ["EMBEDDINGS_MODEL"],
        message: "EMBEDDINGS_MODEL is required when EMBEDDINGS_BASE_URL is set",
      });
  });

const CLERK_TOKEN = /^\S{16,}$/;
const CLERK_LABEL = /^[A-Za-z0-9_.-]{1,32}$/;

/** `label:token,token2` → labelled tokens; problems are reported on CLERK_TOKENS. */
function parseClerkTokens(value: string | undefined, context: z.RefinementCtx): ClerkToken[] {
  if (!value) return [];
  const tokens: ClerkToken[] = [];
  for (const [index, entry] of value
    .split(",")
    .map((part) => part.trim())
    .entries()) {
    if (entry === "") continue;
    const colon = entry.indexOf(":");
    const labelled = colon > 0 && CLERK_LABEL.test(entry.slice(0, colon));
    const token = labelled ? entry.slice(colon + 1) : entry;
    const label = labelled ? entry.slice(0, colon) : createHash("sha256").update(token).digest("hex").slice(0, 8);
    if (!CLERK_TOKEN.test(token))
      context.addIssue({
        code: "custom",
        message: `entry ${index + 1}: a token needs at least 16 characters, no spaces`,
      });
    else if (tokens.some((known) => known.token === token))
      context.addIssue({ code: "custom", message: `entry ${index + 1}: the same token is listed twice` });
    else if (tokens.some((known) => known.label === label))
      context.addIssue({ code: "custom", message: `entry ${index + 1}: the label ${label} is used twice` });
    else tokens.push({ label, token });
  }
  return tokens;
}

/** A clerk's bearer token with the label the audit trail names them by. */
export interface ClerkToken {
  label: string;
  token: string;
}

export interface PrereviewConfig {
  /** `CLERK_TOKENS`. */
  clerkTokens: ClerkToken[];
  /** `PREREVIEW_RETENTION_DAYS`, default 7. */
  retentionDays: number;
  /** `PREREVIEW_CONCURRENCY`, default 1. */
  concurrency: number;
  /** `PREREVIEW_MAX_FILE_MB` in bytes, default 20 MB. */
  maxFileBytes: number;
  /** `PREREVIEW_MAX_FILES`, default 20. */
  maxFiles: number;
  /** `PREREVIEW_SUBMISSIONS_PER_HOUR`, default 20 (clerks are not limited). */
  submissionsPerHour: number;
  /** `OCR_WORKERS`, default min(cores, 4). */
  ocrWorkers: number;
  /** `PREREVIEW_SWEEP_INTERVAL_MINUTES` in milliseconds, default 60 minutes. */
  sweepIntervalMs: number;
  /** `PREREVIEW_READER_THREADS`, default min(cores, 4). */
  readerThreads: number;
  /** `PREREVIEW_FILE_TIME_LIMIT_SECONDS` in milliseconds, default 120 s. */
  fileTimeLimitMs: number;
  /** `PREREVIEW_CASE_TIME_LIMIT_SECONDS` in milliseconds, default 600 s. */
  caseTimeLimitMs: number;
  /** `PREREVIEW_MAX_INFLATED_MB` in bytes, default 64 MB. */
  maxInflatedBytes: number;
  /** `PREREVIEW_READER_MEMORY_MB`, default 512. */
  readerMemoryMb: number;
  /** `PREREVIEW_LEASE_SECONDS` in milliseconds, default 60 s. */
  leaseMs: number;
  /** `PREREVIEW_JOB_ATTEMPTS`, default 5. */
  jobAttempts: number;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  knowledgeDir: string;
  /** `KNOWLEDGE_WATCH`: reload on changes (development). Default false. */
  knowledgeWatch: boolean;
  /** `KNOWLEDGE_FOLLOW_SECONDS` in milliseconds, default 5 s; 0: reloads on other nodes are not followed. */
  knowledgeFollowMs: number;
  logLevel: z.infer<typeof ConfigSchema>["LOG_LEVEL"];
  embeddings?: { baseUrl: string; apiKey?: string; model: string };
  search: { maxK: number };
  databaseUrl?: string;
  adminToken?: string;
  /** `REDIS_URL`: the job queue and the rate limits, shared by every node. */
  redisUrl?: string;
  /** `REDIS_PREFIX`, default `banshi`. */
  redisPrefix: string;
  /** `ROLE`: `all` (default) or `api` (HTTP only). */
  role: "all" | "api";
  /** `SHUTDOWN_GRACE_SECONDS` in milliseconds, default 20 s: how long jobs in progress may finish at shutdown. */
  shutdownGraceMs: number;
  /** `TRUST_PROXY`: hops or proxy addresses for express's `trust proxy`; undefined: none. */
  trustProxy?: number | string[];
  /** `PORTAL_TOKEN_SECRET`. */
  portalTokenSecret?: string;
  /** `DATA_ENCRYPTION_KEY` / `DATA_ENCRYPTION_KEY_FILE`; neither: generated under DATA_DIR/keys. */
  encryption: { key?: string; keyFile?: string };
  chat: { maxMessageChars: number; requestsPerMinute: number; sessionsPerHour: number };
  llm?: { baseUrl: string; apiKey?: string; model: string; timeoutMs: number };
  prereview: PrereviewConfig;
}

/** Reads configuration once; a bad value fails with the variable's name and what was expected. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`invalid configuration: ${problems}`);
  }
  const env = parsed.data;
  return {
    port: env.PORT,
    host: env.HOST,
    dataDir: path.resolve(env.DATA_DIR),
    knowledgeDir: path.resolve(env.KNOWLEDGE_DIR),
    knowledgeWatch: env.KNOWLEDGE_WATCH === "1" || env.KNOWLEDGE_WATCH === "true",
    knowledgeFollowMs: Math.round(env.KNOWLEDGE_FOLLOW_SECONDS * 1000),
    logLevel: env.LOG_LEVEL,
    embeddings:
      env.EMBEDDINGS_BASE_URL && env.EMBEDDINGS_MODEL
        ? { baseUrl: env.EMBEDDINGS_BASE_URL, apiKey: env.EMBEDDINGS_API_KEY, model: env.EMBEDDINGS_MODEL }
        : undefined,
    search: { maxK: env.SEARCH_MAX_K },
    databaseUrl: env.DATABASE_URL,
    adminToken: env.ADMIN_TOKEN,
    trustProxy: env.TRUST_PROXY,
    redisUrl: env.REDIS_URL,
    redisPrefix: env.REDIS_PREFIX,
    role: env.ROLE,
    shutdownGraceMs: Math.round(env.SHUTDOWN_GRACE_SECONDS * 1000),
    portalTokenSecret: env.PORTAL_TOKEN_SECRET,
    encryption: { key: env.DATA_ENCRYPTION_KEY, keyFile: env.DATA_ENCRYPTION_KEY_FILE },
    llm:
      env.LLM_BASE_URL && env.LLM_MODEL
        ? { baseUrl: env.LLM_BASE_URL, apiKey: env.LLM_API_KEY, model: env.LLM_MODEL, timeoutMs: env.LLM_TIMEOUT_MS }
        : undefined,
    chat: {
      maxMessageChars: env.CHAT_MAX_MESSAGE_CHARS,
      requestsPerMinute: env.CHAT_REQUESTS_PER_MINUTE,
      sessionsPerHour: env.CHAT_SESSIONS_PER_HOUR,
    },
    prereview: {
      clerkTokens: env.CLERK_TOKENS,
      retentionDays: env.PREREVIEW_RETENTION_DAYS,
      concurrency: env.PREREVIEW_CONCURRENCY,
      maxFileBytes: Math.round(env.PREREVIEW_MAX_FILE_MB * 1024 * 1024),
      maxFiles: env.PREREVIEW_MAX_FILES,
      submissionsPerHour: env.PREREVIEW_SUBMISSIONS_PER_HOUR,
      ocrWorkers: env.OCR_WORKERS,
      sweepIntervalMs: Math.round(env.PREREVIEW_SWEEP_INTERVAL_MINUTES * 60_000),
      readerThreads: env.PREREVIEW_READER_THREADS,
      fileTimeLimitMs: Math.round(env.PREREVIEW_FILE_TIME_LIMIT_SECONDS * 1000),
      caseTimeLimitMs: Math.round(env.PREREVIEW_CASE_TIME_LIMIT_SECONDS * 1000),
      maxInflatedBytes: Math.round(env.PREREVIEW_MAX_INFLATED_MB * 1024 * 1024),
      readerMemoryMb: env.PREREVIEW_READER_MEMORY_MB,
      leaseMs: Math.round(env.PREREVIEW_LEASE_SECONDS * 1000),
      jobAttempts: env.PREREVIEW_JOB_ATTEMPTS,
    },
  };
}

const NAMED_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

/** `1` → 1 hop; `10.0.0.1, 10.1.0.0/16, loopback` → that list. Trusting every hop (`true`) is refused. */
function parseTrustProxy(value: string | undefined, context: z.RefinementCtx): number | string[] | undefined {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split("/");
    const prefixOk =
      bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(address ?? "") === 6 ? 128 : 32));
    if (NAMED_RANGES.has(entry) || (extra === undefined && isIP(address ?? "") !== 0 && prefixOk)) continue;
    context.addIssue({
      code: "custom",
      message: `expected a hop count or proxy addresses (IP, CIDR, loopback, linklocal, uniquelocal), not ${JSON.stringify(entry)}; trusting every hop would let any client choose its address`,
    });
    return undefined;
  }
  return entries;
}
