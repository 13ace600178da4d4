import { beforeAll, describe, expect, it } from "vitest";
import { type Catalog, loadCatalog } from "../catalog/index.js";
import { KNOWLEDGE_DIR } from "../test-support/shared-index.js";
import { createPrereviewPipeline } from "./create-prereview-pipeline.js";
import { type CatalogVersion, followCatalogVersions } from "./follow-catalog-versions.js";
import type { TextExtractor } from "./types.js";

let before: Catalog;
let after: Catalog;
beforeAll(async () => {
  before = await loadCatalog({ directory: KNOWLEDGE_DIR });
  // The reloaded catalog: one matter more (as an import adds one).
  const template = before.matters.get("bank-account-closure") ?? expect.unreachable();
  after = {
    ...before,
    matters: new Map([...before.matters, ["matter-followed", { ...template, id: "matter-followed" }]]),
  };
});

/** A database whose newest recorded hash the test sets, and a directory that holds what the test says. */
function fakes(start: { recorded?: string; directory: () => CatalogVersion }) {
  const calls = { latest: 0, load: 0 };
  const state = { recorded: start.recorded, clock: 0, failDatabase: false, failDirectory: false };
  return {
    calls,
    state,
    latestHash: async () => {
      calls.latest++;
      if (state.failDatabase) throw new Error("database away");
      return state.recorded;
    },
    load: async () => {
      calls.load++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (state.failDirectory) throw new Error("catalog invalid");
      return start.directory();
    },
    now: () => state.clock,
  };
}

describe("followCatalogVersions", () => {
  it("keeps its catalog without reading the directory while the recorded version is its own", async () => {
    const fake = fakes({ recorded: "hash-before", directory: () => ({ catalog: after, hash: "hash-after" }) });
    const follower = followCatalogVersions({ initial: { catalog: before, hash: "hash-before" }, ...fake });
    await follower.refresh();
    expect(follower.current()).toBe(before);
    expect(fake.calls).toEqual({ latest: 1, load: 0 });
  });

  it("takes the newly recorded version from the directory, once for jobs refreshing at the same time", async () => {
    const fake = fakes({ recorded: "hash-before", directory: () => ({ catalog: after, hash: "hash-after" }) });
    const follower = followCatalogVersions({ initial: { catalog: before, hash: "hash-before" }, ...fake });
    fake.state.recorded = "hash-after";
    await Promise.all([follower.refresh(), follower.refresh(), follower.refresh()]);
    expect(follower.current()).toBe(after);
    expect(follower.hash()).toBe("hash-after");
    expect(fake.calls.load).toBe(1);
  });

  it("reads the directory again for a version recorded while another job was reading it", async () => {
    let directory: CatalogVersion = { catalog: after, hash: "hash-after" };
    const fake = fakes({ recorded: "hash-after", directory: () => directory });
    const follower = followCatalogVersions({ initial: { catalog: before, hash: "hash-before" }, ...fake });
    const first = follower.refresh();
    // A second reload is recorded (and its files written) while the first job reads the directory.
    await new Promise((resolve) => setTimeout(resolve, 1));
    const newest = { ...after };
    directory = { catalog: newest, hash: "hash-newest" };
    fake.state.recorded = "hash-newest";
    await Promise.all([first, follower.refresh()]);
    expect(follower.current()).toBe(newest);
    expect(fake.calls.load).toBe(2);
  });

  it("keeps its catalog when the directory does not hold the recorded version, and looks again after retryMs", async () => {
    let directory: CatalogVersion = { catalog: after, hash: "hash-edited-again" };
    const fake = fakes({ recorded: "hash-after", directory: () => directory });
    const follower = followCatalogVersions({
      initial: { catalog: before, hash: "hash-before" },
      retryMs: 1000,
      ...fake,
    });
    await follower.refresh();
    await follower.refresh();
    expect(follower.current()).toBe(before);
    expect(fake.calls.load).toBe(1);
    directory = { catalog: after, hash: "hash-after" };
    fake.state.clock = 1000;
    await follower.refresh();
    expect(follower.current()).toBe(after);
    expect(fake.calls.load).toBe(2);
  });

  it("keeps its catalog when the database or the directory fails, without rejecting", async () => {
    const fake = fakes({ recorded: "hash-after", directory: () => ({ catalog: after, hash: "hash-after" }) });
    const follower = followCatalogVersions({ initial: { catalog: before, hash: "hash-before" }, retryMs: 0, ...fake });
    fake.state.failDatabase = true;
    await expect(follower.refresh()).resolves.toBeUndefined();
    fake.state.failDatabase = false;
    fake.state.failDirectory = true;
    await expect(follower.refresh()).resolves.toBeUndefined();
    expect(follower.current()).toBe(before);
    fake.state.failDirectory = false;
    await follower.refresh();
    expect(follower.current()).toBe(after);
  });
});

describe("a pipeline over a followed catalog", () => {
  it("refreshes when a run starts, so a case for a matter the reload added is reviewed against the new catalog", async () => {
    const fake = fakes({ recorded: "hash-before", directory: () => ({ catalog: after, hash: "hash-after" }) });
    const follower = followCatalogVersions({ initial: { catalog: before, hash: "hash-before" }, ...fake });
    const extractor: TextExtractor = { extract: async () => expect.unreachable(), close: async () => undefined };
    const pipeline = createPrereviewPipeline({ catalog: follower, extractor, readDocuments: () => [] });
    const input = { request: { matterId: "matter-followed", scenario: {}, form: {} }, files: [] };
    // Before the reload is recorded the worker's catalog has no such matter.
    await expect(pipeline.run(input)).rejects.toMatchObject({ code: "not_found" });
    fake.state.recorded = "hash-after";
    const report = await pipeline.run(input);
    expect(report.matterId).toBe("matter-followed");
    expect(report.verdict).not.toBe("pass");
  });
});
