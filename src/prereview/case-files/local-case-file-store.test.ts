import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../errors.js";
import { createLocalCaseFileStore } from "./local-case-file-store.js";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "banshi-files-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const CASE_A = "3f0c6a4e-8a52-4c4e-9d55-6b0f6a1d2c01";
const CASE_B = "3f0c6a4e-8a52-4c4e-9d55-6b0f6a1d2c02";

describe("local case file store", () => {
  it("writes files under <root>/<caseId>/<fileId>, reads them back, leaves no temporary files", async () => {
    const store = createLocalCaseFileStore({ directory: path.join(root, "prereview") });
    const bytes = new Uint8Array([1, 2, 3]);
    const { storageKey } = await store.put({ caseId: CASE_A, fileId: "f1", bytes });
    expect(storageKey).toBe(`${CASE_A}/f1`);
    expect(await store.get(storageKey)).toEqual(bytes);
    expect(await readdir(path.join(root, "prereview", CASE_A))).toEqual(["f1"]);
    const info = await stat(path.join(root, "prereview", CASE_A, "f1"));
    expect(info.mode & 0o077).toBe(0); // readable by this user only
  });

  it("replaces a file atomically when written again", async () => {
    const store = createLocalCaseFileStore({ directory: path.join(root, "replace") });
    await store.put({ caseId: CASE_A, fileId: "f1", bytes: new Uint8Array([1]) });
    await store.put({ caseId: CASE_A, fileId: "f1", bytes: new Uint8Array([2, 2]) });
    expect(await store.get(`${CASE_A}/f1`)).toEqual(new Uint8Array([2, 2]));
    expect(await readdir(path.join(root, "replace", CASE_A))).toEqual(["f1"]);
  });

  it("answers undefined for missing files and deletes a case's files", async () => {
    const store = createLocalCaseFileStore({ directory: path.join(root, "delete") });
    expect(await store.get(`${CASE_B}/f1`)).toBeUndefined();
    await store.put({ caseId: CASE_B, fileId: "f1", bytes: new Uint8Array([1]) });
    await store.put({ caseId: CASE_B, fileId: "f2", bytes: new Uint8Array([2]) });
    expect((await store.listCases()).map((entry) => entry.caseId)).toEqual([CASE_B]);
    expect(await store.deleteCase(CASE_B)).toBe(2);
    expect(await store.get(`${CASE_B}/f1`)).toBeUndefined();
    expect(await store.deleteCase(CASE_B)).toBe(0);
    expect(await store.listCases()).toEqual([]);
  });

  it.each(["../etc/passwd", `${CASE_A}/../../x`, `${CASE_A}/f1/extra`, "not-a-case/f1", `${CASE_A}/.hidden`])(
    "refuses the key %s",
    async (key) => {
      const store = createLocalCaseFileStore({ directory: path.join(root, "keys") });
      await expect(store.get(key)).rejects.toBeInstanceOf(AppError);
    },
  );

  it("refuses ids that could leave the root when writing", async () => {
    const store = createLocalCaseFileStore({ directory: path.join(root, "ids") });
    await expect(store.put({ caseId: "..", fileId: "f1", bytes: new Uint8Array() })).rejects.toBeInstanceOf(AppError);
    await expect(store.put({ caseId: CASE_A, fileId: "../f1", bytes: new Uint8Array() })).rejects.toBeInstanceOf(
      AppError,
    );
  });
});
