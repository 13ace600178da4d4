// Case files: where a pre-review case's uploads live (local disk behind the CaseFileStore interface), and
// the retention sweeper that deletes them after PREREVIEW_RETENTION_DAYS and redacts the stored report.
export * from "./case-file-store.js";
export * from "./local-case-file-store.js";
export * from "./redact-case-data.js";
export * from "./retention-sweeper.js";
export * from "./sealed-case-file-store.js";
