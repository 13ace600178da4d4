import path from "node:path";
import type { FieldCipher } from "../data-protection/index.js";
import { type AuditRepository, createAuditRepository } from "./audit-repository.js";
import { createCaseDataCodec } from "./case-data-codec.js";
import { normalizeQuestionText } from "./normalize-question-text.js";
import { type FeedbackRepository, createFeedbackRepository } from "./feedback-repository.js";
import { type ListUnansweredOptions, type ListUnansweredResult, listUnanswered } from "./list-unanswered.js";
import { createKnowledgeVersionRepository, type KnowledgeVersionRepository } from "./knowledge-version-repository.js";
import { createMessageRepository, type MessageRepository } from "./message-repository.js";
import type { Migration } from "./migrations.js";
import { createPgliteClient } from "./pglite-client.js";
import { createPostgresClient } from "./postgres-client.js";
import { createPrereviewCaseRepository, type PrereviewCaseRepository } from "./prereview-case-repository.js";
import { type ReadStatsOptions, readStats } from "./read-stats.js";
import { runMigrations } from "./run-migrations.js";
import { createSessionRepository, type SessionRepository } from "./session-repository.js";
import { databaseReachable, inTransaction, type SqlClient } from "./sql-client.js";
import type { Stats } from "./stats-schema.js";
import type { StorageLogger } from "./storage-logger.js";

export interface CreateStorageOptions {
  /** PostgreSQL connection string (`DATABASE_URL`). Default: none, use embedded PGlite. */
  databaseUrl?: string;
  /** The application's data directory; PGlite keeps its files in `<dataDir>/db`. */
  dataDir: string;
  /**
   * PostgreSQL only: schema to create if missing and work in (first on `search_path`). Default: the
   * server's `search_path`. Tests use a fresh schema per run.
   */
  schema?: string;
  /**
   * PGlite only: run the embedded database in a worker thread of its own, off the event loop that
   * answers requests (see createPgliteClient's `thread`). Default false; the server turns it on.
   */
  pgliteThread?: boolean;
  /** PostgreSQL only: most pooled connections. Default 10. */
  poolSize?: number;
  /** Folds user questions for the unanswered list. Default `normalizeQuestionText`. */
  normalizeQuestion?: (text: string) => string;
  /** Default: the application's `migrations`. */
  migrations?: readonly Migration[];
  /** Default: no logging. */
  logger?: StorageLogger;
  /**
   * Seals personal data (case forms, reports, file names, comments, chat messages) with per-case
   * and per-session data keys. Default: none (plain, for tests of storage alone); the service
   * always passes one (src/data-protection).
   */
  cipher?: FieldCipher;
}

/** The repositories one chat turn writes through. */
export interface ConversationRepositories {
  readonly sessions: SessionRepository;
  readonly messages: MessageRepository;
}

/** Repositories over one database whose schema is current. Close it on shutdown. */
export interface Storage {
  readonly engine: SqlClient["engine"];
  /** Schema version after start-up migrations. */
  readonly schemaVersion: number;
  /** The underlying client, for repositories added by later modules and for transactions across them. */
  readonly client: SqlClient;
  readonly sessions: SessionRepository;
  readonly messages: MessageRepository;
  readonly feedback: FeedbackRepository;
  /** Pre-review cases, their files, job states and clerk reviews. */
  readonly prereviewCases: PrereviewCaseRepository;
  /** The audit trail of pre-review cases. */
  readonly audit: AuditRepository;
  /** The knowledge base versions swapped in (hash, time, who). */
  readonly knowledgeVersions: KnowledgeVersionRepository;
  /** Questions answered without grounding or rated down, most frequent first. */
  listUnanswered(options?: ListUnansweredOptions): Promise<ListUnansweredResult>;
  /** Staff analytics (智能分析) over chat and pre-review for a time range. */
  readStats(options: ReadStatsOptions): Promise<Stats>;
  /**
   * Runs `work` with the conversation repositories inside one transaction, so a turn's writes (session,
   * the person's message, the state, the reply) are stored together or not at all, also when PostgreSQL
   * goes away between them. The embedded engine cannot go away between statements, and each BEGIN and
   * COMMIT there is a round trip through the WASM database: on it `work` runs without a transaction.
   */
  conversationTransaction<T>(work: (repositories: ConversationRepositories) => Promise<T>): Promise<T>;
  /**
   * Whether the database answers now. Asked after a statement failed, so callers can tell the database
   * being away (answer without storing, or 503) from a fault of their own.
   */
  reachable(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Opens the database the configuration names (PostgreSQL when `databaseUrl` is set, else PGlite under
 * the data directory) and applies pending migrations before returning.
 */
export async function createStorage(options: CreateStorageOptions): Promise<Storage> {
  const { logger } = options;
  const client = options.databaseUrl
    ? await createPostgresClient({
        connectionString: options.databaseUrl,
        schema: options.schema,
        poolSize: options.poolSize,
        logger,
      })
    : await createPgliteClient({ directory: path.join(options.dataDir, "db"), thread: options.pgliteThread });

  let schemaVersion: number;
  try {
    const result = await runMigrations({ client, migrations: options.migrations, logger });
    schemaVersion = result.version;
    logger?.info(
      { engine: client.engine, schemaVersion, applied: result.applied },
      result.applied.length > 0 ? "storage migrated" : "storage schema current",
    );
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }

  const conversationOver = (over: SqlClient): ConversationRepositories => ({
    sessions: createSessionRepository({ client: over }),
    messages: createMessageRepository({
      client: over,
      normalizeQuestion: options.normalizeQuestion,
      cipher: options.cipher,
    }),
  });
  const conversation = conversationOver(client);
  return {
    engine: client.engine,
    schemaVersion,
    client,
    ...conversation,
    conversationTransaction: (work) =>
      client.engine === "pglite"
        ? work(conversation)
        : client.transaction((executor) => work(conversationOver(inTransaction(client, executor)))),
    feedback: createFeedbackRepository({ client, cipher: options.cipher }),
    prereviewCases: createPrereviewCaseRepository({ client, codec: createCaseDataCodec(options.cipher) }),
    audit: createAuditRepository({ client }),
    knowledgeVersions: createKnowledgeVersionRepository({ client }),
    listUnanswered: (listOptions) =>
      listUnanswered(client, listOptions, options.cipher, options.normalizeQuestion ?? normalizeQuestionText),
    readStats: (statsOptions) =>
      readStats(client, statsOptions, options.cipher, options.normalizeQuestion ?? normalizeQuestionText),
    reachable: () => databaseReachable(client),
    close: () => client.close(),
  };
}
