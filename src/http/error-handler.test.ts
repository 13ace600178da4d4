import express from "express";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import { StorageFault } from "../storage/index.js";
import { createErrorHandler } from "./error-handler.js";

/** An app whose one route throws `error`, behind the error handler with the given database state. */
function appThrowing(error: unknown, reachable?: boolean) {
  const app = express();
  app.get("/fail", () => {
    throw error;
  });
  app.use(createErrorHandler(reachable === undefined ? {} : { storageReachable: async () => reachable }));
  return app;
}

const storageFailure = () =>
  new StorageFault("query failed: select * from feedback", new Error("connect ECONNREFUSED 10.0.0.5:5432"));

describe("createErrorHandler", () => {
  it("answers 503 storage_unavailable in Chinese for a storage fault while the database is unreachable", async () => {
    const response = await request(appThrowing(storageFailure(), false)).get("/fail");
    expect(response.status).toBe(503);
    expect(response.body.error.code).toBe("storage_unavailable");
    expect(response.body.error.message).toMatch(/数据服务暂时不可用/);
    expect(JSON.stringify(response.body)).not.toMatch(/ECONNREFUSED|select|5432/);
  });

  it("also for a storage fault another error wraps", async () => {
    const wrapped = new AppError("internal", "case not read", { cause: storageFailure() });
    expect((await request(appThrowing(wrapped, false)).get("/fail")).status).toBe(503);
  });

  it("keeps a storage fault a 500 that does not tell its cause while the database answers", async () => {
    const response = await request(appThrowing(storageFailure(), true)).get("/fail");
    expect(response.status).toBe(500);
    expect(response.body.error.code).toBe("internal");
    expect(JSON.stringify(response.body)).not.toMatch(/ECONNREFUSED|select|feedback/);
  });

  it("keeps other faults 500 even while the database is unreachable, and storage faults 500 without a probe", async () => {
    expect((await request(appThrowing(new Error("bug"), false)).get("/fail")).status).toBe(500);
    expect((await request(appThrowing(storageFailure())).get("/fail")).status).toBe(500);
  });

  it("leaves a client error alone", async () => {
    const response = await request(appThrowing(new AppError("not_found", "没有找到"), false)).get("/fail");
    expect(response.status).toBe(404);
    expect(response.body.error.message).toBe("没有找到");
  });
});
