// Storage: chat sessions, messages and feedback, pre-review cases, files, reports, reviews and audit over
// one SQL schema, on embedded PGlite by default or PostgreSQL when DATABASE_URL is set. Numbered
// migrations run at start. Injected into agents and http; imports nothing from them.
export * from "./audit-repository.js";
export * from "./create-storage.js";
export * from "./feedback-repository.js";
export { type JsonObject, JsonObjectSchema } from "./json-object.js";
export * from "./knowledge-version-repository.js";
export * from "./list-unanswered.js";
export * from "./message-repository.js";
export type { Migration } from "./migrations.js";
export { normalizeQuestionText } from "./normalize-question-text.js";
export * from "./prefill-confirmations.js";
export * from "./prereview-case-repository.js";
export * from "./prereview-case-schemas.js";
export type {
  PrereviewJobStates,
  PurgeFilesOptions,
  RedactCaseData,
  ClaimGuard,
  RequeueInterruptedOptions,
  RequeueInterruptedResult,
} from "./prereview-job-states.js";
export * from "./read-stats.js";
export * from "./session-repository.js";
export * from "./stats-schema.js";
export * from "./stats-tables.js";
export {
  databaseReachable,
  isStorageFault,
  type SqlClient,
  type SqlExecutor,
  type SqlParameter,
  type SqlRow,
  sqlErrorCode,
  StorageFault,
} from "./sql-client.js";
export type { StorageLogger } from "./storage-logger.js";
