import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pino } from "pino";
import request from "supertest";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";
import { createPrereviewServices } from "./create-services.js";
import { createApp, prereviewRouterDependencies } from "./http/index.js";
import { createFakePipeline } from "./prereview/queue/__fixtures__/fake-pipeline.js";
import { sampleBytes } from "./prereview/queue/__fixtures__/sample-files.js";
import { createStorage } from "./storage/index.js";
import { sharedIndex } from "./test-support/shared-index.js";

const directories: string[] = [];
afterAll(async () => {
  await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
});

describe("createPrereviewServices", () => {
  it("builds the embedded offline pipeline when none is given", async () => {
    const { catalog } = await sharedIndex();
    const dataDir = await mkdtemp(path.join(tmpdir(), "banshi-services-"));
    directories.push(dataDir);
    const storage = await createStorage({ dataDir });
    try {
      const config = loadConfig({ DATA_DIR: dataDir });
      const services = await createPrereviewServices(config, pino({ level: "silent" }), storage, catalog);
      expect(services).toBeDefined();
      expect(() =>
        services?.pipeline.validateRequest({ bundleId: "retirement", scenario: {}, form: {} }),
      ).not.toThrow();
      expect(() => services?.pipeline.validateRequest({ bundleId: "no-such-bundle", scenario: {}, form: {} })).toThrow(
        /未找到/,
      );
      await services?.stop();
    } finally {
      await storage.close();
    }
  });

  it("wires files, queue, runner, sweeper and the real notice renderer, and stops cleanly", async () => {
    const { catalog, index } = await sharedIndex();
    const dataDir = await mkdtemp(path.join(tmpdir(), "banshi-services-"));
    directories.push(dataDir);
    const config = loadConfig({ DATA_DIR: dataDir, CLERK_TOKENS: "wang:clerk-token-0123456789" });
    const storage = await createStorage({ dataDir });
    const pipeline = createFakePipeline();
    const logger = pino({ level: "silent" });
    const services = await createPrereviewServices(config, logger, storage, catalog, { pipeline });
    if (!services) throw new Error("expected pre-review services");
    try {
      const app = createApp({
        catalog,
        index,
        logger,
        prereview: prereviewRouterDependencies(services.cases, config.prereview),
      });
      await services.start();
      const submitted = await request(app)
        .post("/api/prereview")
        .field("bundleId", "retirement")
        .attach("files", sampleBytes.pdf, "户口簿.pdf");
      expect(submitted.status).toBe(202);
      const { caseId, secret } = submitted.body;
      let status = "queued";
      for (let attempt = 0; attempt < 300 && status !== "done"; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        status = (await request(app).get(`/api/prereview/${caseId}`).set("X-Case-Secret", secret)).body.status;
      }
      expect(status).toBe("done");
      const notice = await request(app).get(`/api/prereview/${caseId}/notice`).query({ secret, format: "json" });
      expect(notice.status).toBe(200);
      expect(notice.body.text).toContain(caseId);
      expect(notice.body.html).toMatch(/<html|<!doctype/i);
      expect(await services.fileStore.get(`${caseId}/f1`)).toBeDefined();
    } finally {
      await services.stop();
      await storage.close();
    }
    expect(pipeline.closed).toBe(true);
  });
});
