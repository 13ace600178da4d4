import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";

describe("pre-review configuration", () => {
  it("has the documented defaults", () => {
    const { prereview } = loadConfig({});
    expect(prereview).toMatchObject({
      clerkTokens: [],
      retentionDays: 7,
      concurrency: 1,
      maxFileBytes: 20 * 1024 * 1024,
      maxFiles: 20,
      sweepIntervalMs: 3_600_000,
    });
    expect(prereview.ocrWorkers).toBeGreaterThanOrEqual(1);
    expect(prereview.ocrWorkers).toBeLessThanOrEqual(4);
  });

  it("reads labelled and unlabelled clerk tokens", () => {
    const { prereview } = loadConfig({
      CLERK_TOKENS: "wang:token-for-wang-0123456789, token-without-label-0123",
      PREREVIEW_MAX_FILE_MB: "0.5",
      PREREVIEW_SWEEP_INTERVAL_MINUTES: "5",
      OCR_WORKERS: "2",
    });
    expect(prereview.clerkTokens).toEqual([
      { label: "wang", token: "token-for-wang-0123456789" },
      { label: expect.stringMatching(/^[0-9a-f]{8}$/), token: "token-without-label-0123" },
    ]);
    expect(prereview).toMatchObject({ maxFileBytes: 524_288, sweepIntervalMs: 300_000, ocrWorkers: 2 });
  });

  it.each([
    [{ CLERK_TOKENS: "short" }, "CLERK_TOKENS"],
    [{ CLERK_TOKENS: "a:token-0123456789abcdef,b:token-0123456789abcdef" }, "CLERK_TOKENS"],
    [{ PREREVIEW_RETENTION_DAYS: "0" }, "PREREVIEW_RETENTION_DAYS"],
    [{ PREREVIEW_CONCURRENCY: "many" }, "PREREVIEW_CONCURRENCY"],
    [{ PREREVIEW_MAX_FILE_MB: "-1" }, "PREREVIEW_MAX_FILE_MB"],
    [{ PREREVIEW_MAX_FILES: "2.5" }, "PREREVIEW_MAX_FILES"],
    [{ OCR_WORKERS: "0" }, "OCR_WORKERS"],
    [{ PREREVIEW_SWEEP_INTERVAL_MINUTES: "0" }, "PREREVIEW_SWEEP_INTERVAL_MINUTES"],
  ])("rejects %o naming the variable", (environment, variable) => {
    expect(() => loadConfig(environment)).toThrow(new RegExp(`${variable}: `));
  });

  it("never echoes a rejected token", () => {
    expect(() => loadConfig({ CLERK_TOKENS: "wang:tooshort" })).toThrow(/^(?!.*tooshort)/s);
  });
});

describe("TRUST_PROXY", () => {
  it("takes a hop count or a list of proxy addresses, and nothing by default", () => {
    expect(loadConfig({}).trustProxy).toBeUndefined();
    expect(loadConfig({ TRUST_PROXY: "1" }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: "10.0.0.5, 10.1.0.0/16, loopback, ::1" }).trustProxy).toEqual([
      "10.0.0.5",
      "10.1.0.0/16",
      "loopback",
      "::1",
    ]);
  });

  it("refuses trusting every hop and malformed addresses, naming the variable", () => {
    for (const value of ["true", "10.0.0.0/33", "proxy.example", "10.0.0.1/8/2"])
      expect(() => loadConfig({ TRUST_PROXY: value }), value).toThrow(/TRUST_PROXY/);
  });
});

describe("scale-out configuration", () => {
  it("runs HTTP and jobs in one process by default, with a one-minute lease and five tries", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ role: "all", redisPrefix: "banshi" });
    expect(config.prereview).toMatchObject({ leaseMs: 60_000, jobAttempts: 5 });
  });

  it("refuses ROLE=api without the shared queue and database, naming both variables", () => {
    expect(() => loadConfig({ ROLE: "api" })).toThrow(/REDIS_URL is required with ROLE=api.*DATABASE_URL is required/);
    expect(
      loadConfig({ ROLE: "api", REDIS_URL: "redis://127.0.0.1:6379", DATABASE_URL: "postgresql://db/banshi" }).role,
    ).toBe("api");
  });

  it("refuses a role other than all or api, and a key prefix with spaces", () => {
    expect(() => loadConfig({ ROLE: "worker" })).toThrow(/ROLE: expected all or api/);
    expect(() => loadConfig({ REDIS_PREFIX: "my prefix" })).toThrow(/REDIS_PREFIX/);
  });

  it("looks for knowledge versions recorded by other nodes every 5 s by default, never with 0", () => {
    expect(loadConfig({}).knowledgeFollowMs).toBe(5_000);
    expect(loadConfig({ KNOWLEDGE_FOLLOW_SECONDS: "0.5" }).knowledgeFollowMs).toBe(500);
    expect(loadConfig({ KNOWLEDGE_FOLLOW_SECONDS: "0" }).knowledgeFollowMs).toBe(0);
    expect(() => loadConfig({ KNOWLEDGE_FOLLOW_SECONDS: "-1" })).toThrow(/KNOWLEDGE_FOLLOW_SECONDS/);
  });
});
