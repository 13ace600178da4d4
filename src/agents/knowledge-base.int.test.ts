import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempKnowledge } from "../test-support/temp-knowledge.js";
import { importCatalog } from "../catalog/import/index.js";
import { loadBenefits } from "../catalog/index.js";
import type { Storage } from "../storage/index.js";
import { createChatService, createKnowledgeBase, type KnowledgeBase, type KnowledgeVersionRecord } from "./index.js";

const SAMPLE = path.resolve(import.meta.dirname, "../../docs/catalog-import/guide-export.sample.csv");

let work: string;
let knowledge: string;
let storage: Storage;
let base: KnowledgeBase;
const recorded: KnowledgeVersionRecord[] = [];

beforeAll(async () => {
  const temp = await createTempKnowledge("reload");
  ({ work, knowledge, storage } = temp);
  const { dataDir, catalog, index, chat } = temp;
  base = createKnowledgeBase({
    directory: knowledge,
    dataDir,
    initial: { catalog, index, chat, benefits: await loadBenefits({ directory: knowledge, catalog }) },
    async recordVersion(record) {
      recorded.push(record);
    },
  });
}, 240_000);
afterAll(async () => {
  await storage?.close();
  await rm(work, { recursive: true, force: true });
});

describe("createKnowledgeBase", () => {
  it("reports an unchanged knowledge directory without rebuilding", async () => {
    const result = await base.reload({ actor: "admin" });
    expect(result).toEqual({ status: "unchanged", version: base.current().version });
    expect(base.current().version).toMatch(/^[0-9a-f]{12}$/);
  });

  it("refuses a broken change with the loader's report and keeps serving the old version", async () => {
    const before = base.current();
    const file = path.join(knowledge, "matters", "broken.yaml");
    await writeFile(file, "sample: true\nid: Not An Id\n");
    const result = await base.reload({ actor: "admin" });
    await rm(file);
    expect(result.status).toBe("invalid");
    if (result.status !== "invalid") return;
    expect(result.issues).toContainEqual(expect.objectContaining({ file: "matters/broken.yaml", field: "id" }));
    expect(base.current()).toBe(before);
  });

  it("refuses a benefit that names a matter the catalog does not have, and swaps in a changed benefit", async () => {
    const before = base.current();
    const file = path.join(knowledge, "benefits", "childcare-subsidy.yaml");
    const original = await readFile(file, "utf8");
    await writeFile(file, original.replace(/bundleId: newborn/u, "bundleId: no-such-bundle"));
    const refused = await base.reload({ actor: "admin" });
    expect(refused.status).toBe("invalid");
    expect(base.current()).toBe(before);

    await writeFile(file, original.replace(/^name: (.*)$/mu, "name: $1（改）"));
    const changed = await base.reload({ actor: "admin" });
    await writeFile(file, original);
    expect(changed.status).toBe("building");
    if (changed.status === "building") await changed.done;
    expect(base.current().benefits.get("childcare-subsidy")?.name).toMatch(/（改）$/u);
    expect(base.current().chat.benefits).toBe(base.current().benefits);
    // Back as it was: swapped back the same way.
    const restored = await base.reload({ actor: "admin" });
    expect(restored.status).toBe("building");
    if (restored.status === "building") await restored.done;
    expect(base.current().benefits.get("childcare-subsidy")?.name).toBe("育儿补贴");
  });

  it("indexes a valid change in the background, answers from the old version meanwhile, then swaps it in", async () => {
    const chat = createChatService({ knowledge: () => base.current().chat, storage });
    const old = base.current().version;
    expect((await importCatalog({ file: SAMPLE, knowledgeDirectory: knowledge })).ok).toBe(true);

    const started = await base.reload({ actor: "admin" });
    expect(started.status).toBe("building");
    if (started.status !== "building") return;
    expect(await base.reload({ actor: "admin" })).toEqual({ status: "busy", building: started.version });
    expect(base.status()).toMatchObject({ version: old, building: started.version });
    // Traffic during the build is served, by the version that was live.
    const during = await chat.reply({ message: "退休要带什么材料", clientKey: "reload-during" });
    expect(during.knowledgeVersion).toBe(old);

    expect(await started.done).toEqual({ status: "swapped", version: started.version });
    expect(base.current().version).toBe(started.version);
    expect(base.current().catalog.matters.has("matter-sample-001")).toBe(true);
    expect(base.status()).toEqual({ version: started.version });
    // The last version recorded (the benefit test before swapped two in).
    expect(recorded.slice(-1)).toEqual([
      expect.objectContaining({
        version: started.version,
        actor: "admin",
        summary: expect.objectContaining({ matters: 71 }),
      }),
    ]);

    const after = await chat.reply({ message: "养犬登记需要什么材料", clientKey: "reload-after" });
    expect(after.knowledgeVersion).toBe(started.version);
    expect(after.answer.text).toContain("犬只狂犬病免疫证明");
    const stored = await storage.messages.listBySession({ sessionId: after.sessionId ?? "", limit: 5 });
    expect(stored.find((message) => message.role === "assistant")?.payload).toMatchObject({
      knowledgeVersion: started.version,
    });
  }, 240_000);

  it("after a policy is marked repealed and reloaded, answers citing it say it is repealed", async () => {
    const chat = createChatService({ knowledge: () => base.current().chat, storage });
    const file = path.join(knowledge, "policies", "guofa-2024-3.txt");
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace("kind: regulation", 'kind: regulation\nrepealed: "2025-01-01"'));
    const started = await base.reload({ actor: "admin" });
    if (started.status !== "building") throw new Error(`expected a build, got ${started.status}`);
    expect((await started.done).status).toBe("swapped");
    const reply = await chat.reply({
      message: "3号文说到哪一年要基本形成泛在可及、智慧便捷、公平普惠的高效政务服务体系？",
      clientKey: "reload-repealed",
    });
    const cited = reply.answer.citations.filter((citation) => citation.documentId === "policy:guofa-2024-3");
    expect(cited.length).toBeGreaterThan(0);
    for (const citation of cited) expect(citation.title).toContain("已于2025-01-01废止");
    expect(reply.answer.text).toMatch(/^提示：《.*》已于2025-01-01废止/);
  }, 240_000);

  it("follows a version another node recorded only when the directory holds it, and does not record it again", async () => {
    const file = path.join(knowledge, "policies", "guofa-2024-3.txt");
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace('repealed: "2025-01-01"\n', ""));
    const serving = base.current();
    const records = recorded.length;
    // The directory holds another version than the one recorded: nothing is built, the old one serves.
    const other = await base.follow("f".repeat(64));
    expect(other.status).toBe("not_held");
    if (other.status !== "not_held") return;
    expect(other.directory).not.toBe(serving.index.manifest.contentHash);
    expect(base.current()).toBe(serving);

    const followed = await base.follow(other.directory);
    if (followed.status !== "building") throw new Error(`expected a build, got ${followed.status}`);
    expect(await followed.done).toEqual({ status: "swapped", version: other.directory.slice(0, 12) });
    expect(base.current().index.manifest.contentHash).toBe(other.directory);
    expect(recorded).toHaveLength(records);
  }, 240_000);
});
