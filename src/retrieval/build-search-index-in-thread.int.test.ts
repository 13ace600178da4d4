import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Catalog, loadCatalog } from "../catalog/index.js";
import { KNOWLEDGE_DIR } from "../test-support/shared-index.js";
import { buildSearchIndexInThread } from "./build-search-index-in-thread.js";
import { ensureSearchIndex } from "./ensure-search-index.js";

let work: string;
let catalog: Catalog;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "banshi-index-thread-"));
  catalog = await loadCatalog({ directory: KNOWLEDGE_DIR });
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("buildSearchIndexInThread", () => {
  it("saves the catalog's index from a worker thread, so the main thread only loads it", async () => {
    const dataDir = path.join(work, "data");
    const built = await buildSearchIndexInThread({ catalog, dataDir });
    expect(built.rebuilt).toBe(true);
    const loaded = await ensureSearchIndex({ catalog, dataDir });
    expect(loaded).toMatchObject({ rebuilt: false, reason: "current" });
    expect(loaded.index.manifest.contentHash).toBe(built.contentHash);
    const result = await loaded.index.retriever.search({ query: "退休要带什么材料", k: 3 });
    expect(result.hits.length).toBeGreaterThan(0);
  }, 240_000);

  it("rejects with index_unavailable when the thread cannot save", async () => {
    const blocked = path.join(work, "not-a-directory");
    await writeFile(blocked, "a file where the data directory should be");
    await expect(buildSearchIndexInThread({ catalog, dataDir: blocked })).rejects.toMatchObject({
      code: "index_unavailable",
    });
  }, 240_000);
});
