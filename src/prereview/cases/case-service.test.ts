import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStorage, type Storage } from "../../storage/index.js";
import { createLocalCaseFileStore } from "../case-files/index.js";
import { createFakePipeline } from "../queue/__fixtures__/fake-pipeline.js";
import { sampleBytes } from "../queue/__fixtures__/sample-files.js";
import type { JobQueue } from "../queue/index.js";
import { createCaseService } from "./case-service.js";

let dataDir: string;
let storage: Storage;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "banshi-case-service-"));
  storage = await createStorage({ dataDir });
});

afterAll(async () => {
  await storage.close();
  await rm(dataDir, { recursive: true, force: true });
});

const files = [
  {
    fileId: "f1",
    originalName: "身份证.pdf",
    declaredMaterialId: "id-card",
    kind: "pdf" as const,
    claimedMimeType: "application/pdf",
    bytes: new Uint8Array(sampleBytes.pdf),
    sha256: "x",
  },
];
const request = { bundleId: "retirement", scenario: {}, form: { name: "张三" } };

/** A queue that records what it was given and says whether it is reachable. */
function recordingQueue(reachable: () => boolean): JobQueue & { jobs: string[] } {
  const jobs: string[] = [];
  return {
    jobs,
    async enqueue(caseId) {
      if (!reachable()) throw new Error("connect ECONNREFUSED 127.0.0.1:6390");
      jobs.push(caseId);
    },
    start() {},
    async stop() {},
    size: 0,
    ready: reachable,
  };
}

const countCases = async () =>
  Number((await storage.client.query("select count(*)::integer as n from prereview_cases"))[0]?.n);

function service(options: { queue: JobQueue; storage?: Storage; directory?: string }) {
  return createCaseService({
    pipeline: createFakePipeline(),
    storage: options.storage ?? storage,
    fileStore: createLocalCaseFileStore({ directory: options.directory ?? path.join(dataDir, "prereview") }),
    queue: options.queue,
    renderNotice: () => ({ text: "", html: "" }),
  });
}

describe("case service submit", () => {
  it("stores the files and the case, then hands the case id to the queue", async () => {
    const queue = recordingQueue(() => true);
    const result = await service({ queue }).submit({ request, files });
    if (result.status !== "submitted") throw new Error(`expected submitted, got ${result.status}`);
    expect(queue.jobs).toEqual([result.caseId]);
    expect(await storage.prereviewCases.get(result.caseId)).toMatchObject({ status: "queued", bundleId: "retirement" });
    expect(await readdir(path.join(dataDir, "prereview", result.caseId))).not.toHaveLength(0);
  });

  it("stores nothing and says the queue is unavailable while the queue cannot be reached", async () => {
    const before = await countCases();
    const result = await service({ queue: recordingQueue(() => false) }).submit({ request, files });
    expect(result).toEqual({ status: "unavailable", dependency: "queue" });
    expect(await countCases()).toBe(before);
  });

  it("removes the stored files and says the database is unavailable when the database cannot be reached", async () => {
    const directory = await mkdtemp(path.join(tmpdir(), "banshi-case-service-down-"));
    const closed = await createStorage({ dataDir: directory });
    await closed.close();
    const result = await service({ queue: recordingQueue(() => true), storage: closed, directory }).submit({
      request,
      files,
    });
    expect(result).toEqual({ status: "unavailable", dependency: "database" });
    expect(await readdir(directory).then((names) => names.filter((name) => name !== "db"))).toEqual([]);
    await rm(directory, { recursive: true, force: true });
  });

  it("keeps a stored case queued when the enqueue fails after storing (workers pick it up again)", async () => {
    let calls = 0;
    const flaky = recordingQueue(() => true);
    const queue: JobQueue = {
      ...flaky,
      async enqueue() {
        calls += 1;
        throw new Error("Connection is closed.");
      },
    };
    const result = await service({ queue }).submit({ request, files });
    if (result.status !== "submitted") throw new Error(`expected submitted, got ${result.status}`);
    expect(calls).toBe(1);
    expect(await storage.prereviewCases.get(result.caseId)).toMatchObject({ status: "queued" });
  });
});
