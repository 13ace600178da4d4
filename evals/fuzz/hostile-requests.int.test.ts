// The deterministic subset of `npm run fuzz` that `npm test` runs: 150 hostile requests (fixed seed)
// to the app on a loopback port, with the real pre-review pipeline and storage. No 5xx, each answer
// as expected, every accepted case finished, /healthz answering between them.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createPrereviewServices, type PrereviewServices } from "../../src/create-services.js";
import { createApp, handleClientError, prereviewRouterDependencies } from "../../src/http/index.js";
import { createLogger } from "../../src/logger.js";
import { createStorage, type Storage } from "../../src/storage/index.js";
import { KNOWLEDGE_DIR, sharedChatKnowledge, sharedIndex } from "../../src/test-support/shared-index.js";
import { createChatService } from "../../src/agents/index.js";
import { createRandom, type HostileRequest, hostileRequest, makePayloads } from "./hostile-requests.js";
import { sendHostileRequest } from "./send-hostile-request.js";

const CLERK = "fuzz-subset-clerk-token-0123456789";
let server: http.Server;
let base: string;
let storage: Storage;
let services: PrereviewServices;
let dataDir: string;

beforeAll(async () => {
  const { catalog, index } = await sharedIndex();
  dataDir = await mkdtemp(path.join(tmpdir(), "banshi-fuzz-subset-"));
  const config = loadConfig({
    DATA_DIR: dataDir,
    KNOWLEDGE_DIR,
    CLERK_TOKENS: CLERK,
    OCR_WORKERS: "1",
    PREREVIEW_READER_THREADS: "1",
    PREREVIEW_SUBMISSIONS_PER_HOUR: "100000",
  });
  const logger = createLogger("silent");
  storage = await createStorage({ dataDir });
  const created = await createPrereviewServices(config, logger, storage, catalog);
  if (!created) throw new Error("pre-review services were not created");
  services = created;
  await services.start();
  const chat = createChatService({ knowledge: await sharedChatKnowledge(), storage });
  const app = createApp({
    catalog,
    index,
    logger,
    chat: { service: chat, storage, limits: { requestsPerMinute: 100_000, sessionsPerHour: 100_000 } },
    prereview: prereviewRouterDependencies(services.cases, config.prereview),
  });
  server = http.createServer(app);
  server.on("clientError", handleClientError);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await services?.stop();
  await storage?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("hostile requests (fixed seed, 150)", () => {
  it("get the expected 4xx or acceptance, never a 5xx, and every accepted case finishes", async () => {
    const random = createRandom(7);
    const payloads = makePayloads();
    const requests: HostileRequest[] = Array.from({ length: 150 }, () =>
      hostileRequest(random, payloads, { clerkToken: CLERK }),
    );
    const wrong: string[] = [];
    const accepted: string[] = [];
    for (const request of requests) {
      const result = await sendHostileRequest(base, request);
      const right = request.expect
        ? request.expect.includes(result.status)
        : result.status >= 400 && result.status < 500;
      if (!right || result.status >= 500) wrong.push(`${request.kind}: ${result.status} ${result.body.slice(0, 120)}`);
      if (result.status === 202) accepted.push((JSON.parse(result.body) as { caseId: string }).caseId);
      if (result.status >= 400 && result.status < 500 && !request.raw)
        expect(JSON.parse(result.body).error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    }
    expect(wrong).toEqual([]);
    expect(accepted.length).toBeGreaterThan(20);
    for (const caseId of accepted) {
      let status = "";
      for (let attempt = 0; attempt < 600 && status !== "done" && status !== "failed"; attempt++) {
        const response = await fetch(`${base}/api/prereview/${caseId}`, {
          headers: { authorization: `Bearer ${CLERK}` },
        });
        status = ((await response.json()) as { status: string }).status;
        if (status !== "done" && status !== "failed") await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(status, caseId).toMatch(/^(done|failed)$/);
    }
  }, 300_000);
});
