import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../catalog/index.js";
import { KNOWLEDGE_DIR } from "../test-support/shared-index.js";
import { ensureSearchIndex } from "./ensure-search-index.js";

let knowledge: string;
let dataDir: string;

beforeAll(async () => {
  knowledge = await mkdtemp(path.join(tmpdir(), "banshi-kb-"));
  dataDir = await mkdtemp(path.join(tmpdir(), "banshi-data-"));
  await cp(KNOWLEDGE_DIR, knowledge, { recursive: true });
});
afterAll(async () => {
  await rm(knowledge, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
});

describe("ensureSearchIndex", () => {
  it("builds the index when missing, then loads it while the knowledge is unchanged", async () => {
    const catalog = await loadCatalog({ directory: knowledge });
    const first = await ensureSearchIndex({ catalog, dataDir });
    expect(first).toMatchObject({ rebuilt: true, reason: "missing" });
    const second = await ensureSearchIndex({ catalog: await loadCatalog({ directory: knowledge }), dataDir });
    expect(second).toMatchObject({ rebuilt: false, reason: "current" });
    expect(second.index.manifest.contentHash).toBe(first.index.manifest.contentHash);
    const query = { query: "开饭馆要办什么证", k: 5 };
    const before = (await first.index.retriever.search(query)).hits.map((hit) => hit.chunk.id);
    const after = (await second.index.retriever.search(query)).hits.map((hit) => hit.chunk.id);
    expect(after).toEqual(before);
  });

  it("rebuilds when the knowledge content changes, and finds the new text", async () => {
    const file = path.join(knowledge, "faq/newborn.yaml");
    const text = await readFile(file, "utf8");
    await writeFile(
      file,
      text.replace(
        "items:\n",
        "items:\n  - id: newborn-faq-test-zzz\n    question: 双胞胎的出生医学证明怎么领取？\n    answer: 测试用的答案：每个孩子各一份。\n    bundleId: newborn\n",
      ),
    );
    const result = await ensureSearchIndex({ catalog: await loadCatalog({ directory: knowledge }), dataDir });
    expect(result).toMatchObject({ rebuilt: true, reason: "stale" });
    const { hits } = await result.index.retriever.search({ query: "双胞胎", k: 3 });
    expect(hits[0]?.chunk.id).toBe("faq:newborn-faq-test-zzz");
  });

  it("fails with a clear error when the stored index is damaged", async () => {
    const catalog = await loadCatalog({ directory: knowledge });
    await ensureSearchIndex({ catalog, dataDir });
    await writeFile(path.join(dataDir, "index/chunks.json"), "{not json");
    await expect(ensureSearchIndex({ catalog, dataDir })).rejects.toThrow(/npm run index/);
    const rebuilt = await ensureSearchIndex({ catalog, dataDir, force: true });
    expect(rebuilt).toMatchObject({ rebuilt: true, reason: "forced" });
  });
});
