import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { ReloadResult } from "./knowledge-base.js";
import { watchKnowledge } from "./watch-knowledge.js";

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), "banshi-watch-"));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

it("reloads once, as the watcher, after a burst of changes to the knowledge directory", async () => {
  const calls: string[] = [];
  const results: string[] = [];
  const watcher = watchKnowledge({
    directory,
    debounceMs: 100,
    base: {
      async reload({ actor }): Promise<ReloadResult> {
        calls.push(actor);
        return { status: "unchanged", version: "v" };
      },
    },
    onReload: (result) => results.push(result.status),
  });
  try {
    for (let index = 0; index < 3; index++) await writeFile(path.join(directory, `file-${index}.yaml`), "a: 1\n");
    await expect.poll(() => calls, { timeout: 5_000 }).toEqual(["watcher"]);
    expect(results).toEqual(["unchanged"]);
  } finally {
    watcher.close();
  }
});
