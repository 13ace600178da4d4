// Pre-review cases: the use cases (submit, read, review, delete) and the service that owns the job
// queue, the runner, the file store and the retention sweeper. Routers, the worker and a CLI call it.
export * from "./case-secret.js";
export * from "./case-service.js";
export * from "./case-use-cases.js";
