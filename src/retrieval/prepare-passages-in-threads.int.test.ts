import { readdirSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Catalog, loadCatalog } from "../catalog/index.js";
import { KNOWLEDGE_DIR } from "../test-support/shared-index.js";
import { LocalEmbeddings } from "./local-embeddings.js";
import { preparePassagesInThreads } from "./prepare-passages-in-threads.js";
import { ensureSearchIndex } from "./ensure-search-index.js";
import { buildSearchIndex } from "./search-index.js";

let work: string;
let catalog: Catalog;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "banshi-passage-threads-"));
  catalog = await loadCatalog({ directory: KNOWLEDGE_DIR });
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("buildSearchIndex options.threads", () => {
  it('with vectorGraphs "one", builds the same index as on one thread, byte for byte', async () => {
    const one = await buildSearchIndex({ catalog, embeddings: new LocalEmbeddings(), threads: 1 });
    const stages: string[] = [];
    const three = await buildSearchIndex({
      catalog,
      embeddings: new LocalEmbeddings(),
      threads: 3,
      vectorGraphs: "one",
      onProgress: (progress) => stages.push(`${progress.stage} ${progress.done}`),
    });
    // Each of the three threads reports its third of the postings: the build did run in threads.
    const passages = one.index.chunks.length;
    const third = Math.ceil(passages / 3);
    expect(stages.filter((stage) => stage.startsWith("tokenize"))).toEqual([
      `tokenize ${third}`,
      `tokenize ${2 * third}`,
      `tokenize ${passages}`,
    ]);
    expect(three.lexical.toSnapshot()).toEqual(one.lexical.toSnapshot());
    expect((three.embeddings as LocalEmbeddings).toSnapshot()).toEqual(
      (one.embeddings as LocalEmbeddings).toSnapshot(),
    );
    await one.vectors.save(path.join(work, "one.hnsw"));
    await three.vectors.save(path.join(work, "three.hnsw"));
    expect((await readFile(path.join(work, "three.hnsw"))).equals(await readFile(path.join(work, "one.hnsw")))).toBe(
      true,
    );
    for (const query of ["开饭馆要办什么证", "孩子出生后怎么上户口", "退休金怎么算"]) {
      const expected = await one.index.retriever.search({ query, k: 10 });
      expect(await three.index.retriever.search({ query, k: 10 })).toEqual(expected);
    }
  });

  it("by default builds one graph per thread, which finds what one graph finds", async () => {
    const one = await buildSearchIndex({ catalog, embeddings: new LocalEmbeddings(), threads: 1 });
    const two = await buildSearchIndex({ catalog, embeddings: new LocalEmbeddings(), threads: 2 });
    const half = one.index.chunks.length / 2;
    expect(two.vectors.shards?.map((shard) => shard.size)).toEqual([Math.ceil(half), Math.floor(half)]);
    expect(two.manifest.vectorShards).toBe(2);
    expect(two.lexical.toSnapshot()).toEqual(one.lexical.toSnapshot());
    for (const query of ["开饭馆要办什么证", "孩子出生后怎么上户口", "退休金怎么算", "營業執照遗失补办"]) {
      const vector = one.embeddings.embedSync?.(query) as number[];
      expect(two.vectors.search(vector, 20).map((match) => match.label)).toEqual(
        one.vectors.search(vector, 20).map((match) => match.label),
      );
      const expected = (await one.index.retriever.search({ query, k: 10 })).hits.map((hit) => hit.chunk.id);
      expect((await two.index.retriever.search({ query, k: 10 })).hits.map((hit) => hit.chunk.id)).toEqual(expected);
    }
  });
});

describe("ensureSearchIndex options.threads", () => {
  it("saves each graph of a sharded index and loads them back together", async () => {
    const dataDir = path.join(work, "sharded");
    const built = await ensureSearchIndex({ catalog, dataDir, threads: 2 });
    expect(built.index.manifest.vectorShards).toBe(2);
    expect((await readdir(path.join(dataDir, "index"))).filter((file) => file.endsWith(".hnsw")).sort()).toEqual([
      "vectors-0.hnsw",
      "vectors-1.hnsw",
    ]);
    const loaded = await ensureSearchIndex({ catalog, dataDir });
    expect(loaded.reason).toBe("current");
    for (const query of ["开饭馆要办什么证", "社保卡丢了"]) {
      const expected = (await built.index.retriever.search({ query, k: 10 })).hits.map((hit) => hit.chunk.id);
      expect((await loaded.index.retriever.search({ query, k: 10 })).hits.map((hit) => hit.chunk.id)).toEqual(expected);
    }
  });
  it("saves the threads' graphs in the index's own folder, not the system's temporary one", async () => {
    const dataDir = path.join(work, "graphs-in-place");
    const systemTemporary = path.join(work, "system-tmp");
    await mkdir(systemTemporary, { recursive: true });
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = systemTemporary;
    const seen: { system: string[]; index: string[] }[] = [];
    try {
      await ensureSearchIndex({
        catalog,
        dataDir,
        threads: 2,
        force: true,
        onProgress: (progress) => {
          // The last postings arrive once every thread has saved its graph: look where the graphs are.
          if (progress.stage !== "tokenize" || progress.done < progress.total) return;
          const folder = readdirSync(dataDir).find((name) => name.startsWith("index.tmp-"));
          seen.push({
            // (tsx keeps its own cache there.)
            system: readdirSync(systemTemporary).filter((name) => name.startsWith("banshi-")),
            index: folder ? readdirSync(path.join(dataDir, folder)).sort() : [],
          });
        },
      });
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
    }
    expect(seen[0]?.system).toEqual([]);
    expect(seen[0]?.index).toEqual(["vectors-0.hnsw", "vectors-1.hnsw"]);
    expect((await readdir(dataDir)).sort()).toEqual(["index"]);
  });

  it("leaves no temporary folder behind when the build fails", async () => {
    const dataDir = path.join(work, "failed-build");
    const failing = new LocalEmbeddings();
    failing.embedNormalizedSync = () => {
      throw new Error("embedding failed");
    };
    await expect(ensureSearchIndex({ catalog, dataDir, embeddings: failing, threads: 1 })).rejects.toThrow(
      /embedding failed/,
    );
    expect(await readdir(dataDir)).toEqual([]);
  });
});

describe("preparePassagesInThreads", () => {
  it("rejects with index_unavailable when a thread fails", async () => {
    const build = preparePassagesInThreads({
      texts: ["营业执照", "社保卡"],
      customWords: [42 as unknown as string],
      embeddings: new LocalEmbeddings(),
      threads: 2,
      onVectors: () => {},
    });
    await expect(build).rejects.toMatchObject({ code: "index_unavailable" });
  });
});
