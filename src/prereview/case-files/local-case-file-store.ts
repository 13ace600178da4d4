import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { AppError } from "../../errors.js";
import type { CaseFileStore } from "./case-file-store.js";

export interface LocalCaseFileStoreOptions {
  /** Root directory; files go to `<directory>/<caseId>/<fileId>`. Usually `<DATA_DIR>/prereview`. */
  directory: string;
}

const CASE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FILE_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/i;

/**
 * Files on local disk, readable only by this user. A write goes to a temporary name in the case directory,
 * is flushed, then renamed over the final name, so a crash never leaves a truncated file under a key.
 * Keys are `<caseId>/<fileId>`; ids are checked so a key can never point outside the root.
 */
export function createLocalCaseFileStore(options: LocalCaseFileStoreOptions): CaseFileStore {
  const root = path.resolve(options.directory);

  const caseDirectory = (caseId: string) => {
    if (!CASE_ID.test(caseId)) throw new AppError("internal", `not a case id: ${JSON.stringify(caseId)}`);
    return path.join(root, caseId.toLowerCase());
  };
  const filePath = (caseId: string, fileId: string) => {
    if (!FILE_ID.test(fileId)) throw new AppError("internal", `not a file id: ${JSON.stringify(fileId)}`);
    return path.join(caseDirectory(caseId), fileId);
  };
  const parseKey = (storageKey: string) => {
    const [caseId = "", fileId = "", ...rest] = storageKey.split("/");
    if (rest.length > 0 || !CASE_ID.test(caseId) || !FILE_ID.test(fileId))
      throw new AppError("internal", `not a case file key: ${JSON.stringify(storageKey)}`);
    return filePath(caseId, fileId);
  };

  return {
    async put({ caseId, fileId, bytes }) {
      const target = filePath(caseId, fileId);
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      const temporary = path.join(path.dirname(target), `.${fileId}.${randomBytes(6).toString("hex")}.tmp`);
      try {
        const handle = await open(temporary, "wx", 0o600);
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true }).catch(() => undefined);
        throw new AppError("internal", `cannot store file ${fileId} of case ${caseId}`, { cause: error });
      }
      return { storageKey: `${caseId.toLowerCase()}/${fileId}` };
    },

    async get(storageKey) {
      try {
        return new Uint8Array(await readFile(parseKey(storageKey)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error instanceof AppError
          ? error
          : new AppError("internal", `cannot read case file ${storageKey}`, { cause: error });
      }
    },

    async deleteCase(caseId) {
      const directory = caseDirectory(caseId);
      let count = 0;
      try {
        count = (await readdir(directory)).filter((name) => !name.startsWith(".")).length;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
        throw new AppError("internal", `cannot list files of case ${caseId}`, { cause: error });
      }
      await rm(directory, { recursive: true, force: true });
      return count;
    },

    async listCases() {
      let names: string[];
      try {
        names = await readdir(root);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
        throw new AppError("internal", "cannot list the case file directory", { cause: error });
      }
      const cases: { caseId: string; modifiedAt: Date }[] = [];
      for (const name of names.filter((candidate) => CASE_ID.test(candidate))) {
        const info = await stat(path.join(root, name)).catch(() => undefined);
        if (info?.isDirectory()) cases.push({ caseId: name, modifiedAt: info.mtime });
      }
      return cases;
    },
  };
}
