import path from "node:path";
import { z } from "zod";

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

/** Every environment variable Banshi reads, with its default. README § Configuration lists them. */
export const ConfigSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default("127.0.0.1"),
    DATA_DIR: z.string().default("./data"),
    KNOWLEDGE_DIR: z.string().default("./knowledge"),
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
    /** Bearer token for /api/admin/*; unset disables the admin endpoints. */
    ADMIN_TOKEN: optionalText.pipe(z.string().min(16, "ADMIN_TOKEN must be at least 16 characters").optional()),
    /** OpenAI-compatible chat endpoint; without it answers are extractive only. */
    LLM_BASE_URL: optionalText.pipe(z.url().optional()),
    LLM_API_KEY: optionalText,
    LLM_MODEL: optionalText,
    LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    CHAT_MAX_MESSAGE_CHARS: z.coerce.number().int().min(10).max(10_000).default(1000),
    CHAT_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).default(30),
    CHAT_SESSIONS_PER_HOUR: z.coerce.number().int().min(1).default(20),
  })
  .superRefine((config, context) => {
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

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  knowledgeDir: string;
  logLevel: z.infer<typeof ConfigSchema>["LOG_LEVEL"];
  embeddings?: { baseUrl: string; apiKey?: string; model: string };
  search: { maxK: number };
  databaseUrl?: string;
  adminToken?: string;
  chat: { maxMessageChars: number; requestsPerMinute: number; sessionsPerHour: number };
  llm?: { baseUrl: string; apiKey?: string; model: string; timeoutMs: number };
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
    logLevel: env.LOG_LEVEL,
    embeddings:
      env.EMBEDDINGS_BASE_URL && env.EMBEDDINGS_MODEL
        ? { baseUrl: env.EMBEDDINGS_BASE_URL, apiKey: env.EMBEDDINGS_API_KEY, model: env.EMBEDDINGS_MODEL }
        : undefined,
    search: { maxK: env.SEARCH_MAX_K },
    databaseUrl: env.DATABASE_URL,
    adminToken: env.ADMIN_TOKEN,
    llm:
      env.LLM_BASE_URL && env.LLM_MODEL
        ? { baseUrl: env.LLM_BASE_URL, apiKey: env.LLM_API_KEY, model: env.LLM_MODEL, timeoutMs: env.LLM_TIMEOUT_MS }
        : undefined,
    chat: {
      maxMessageChars: env.CHAT_MAX_MESSAGE_CHARS,
      requestsPerMinute: env.CHAT_REQUESTS_PER_MINUTE,
      sessionsPerHour: env.CHAT_SESSIONS_PER_HOUR,
    },
  };
}
