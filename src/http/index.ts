// HTTP: express routers, middleware (errors, request ids, logs) and the OpenAPI document.
export * from "./create-app.js";
export * from "./error-handler.js";
export * from "./openapi.js";
export { handleClientError } from "./client-error.js";
export { type PrereviewRouterDependencies, prereviewRouterDependencies } from "./prereview-router.js";
export { memoryRateLimiters, type RateLimiterFactory, redisRateLimiters } from "./rate-limiter.js";
