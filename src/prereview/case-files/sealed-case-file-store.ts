// Uploaded files sealed with their case's data key before they reach the disk (or an object store):
// once the key is destroyed, what is left of a file anywhere is ciphertext.
import { type FieldCipher, SEALED_PREFIX } from "../../data-protection/index.js";
import type { CaseFileStore } from "./case-file-store.js";

const MAGIC = Buffer.from(`${SEALED_PREFIX}bin:`);
const scopeOf = (caseId: string) => `case:${caseId.toLowerCase()}`;

/** Wraps a store: `put` seals, `get` opens (undefined once the key is gone); files stored before sealing read as they are. */
export function createSealedCaseFileStore(inner: CaseFileStore, cipher: FieldCipher): CaseFileStore {
  return {
    async put({ caseId, fileId, bytes }) {
      const sealed = await cipher.sealBytes(scopeOf(caseId), bytes);
      return inner.put({ caseId, fileId, bytes: Buffer.concat([MAGIC, sealed]) });
    },
    async get(storageKey) {
      const stored = await inner.get(storageKey);
      if (!stored) return undefined;
      const data = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
      if (!data.subarray(0, MAGIC.length).equals(MAGIC)) return stored;
      const caseId = storageKey.split("/")[0] ?? "";
      const opened = await cipher.openBytes(scopeOf(caseId), data.subarray(MAGIC.length));
      return opened ? new Uint8Array(opened) : undefined;
    },
    deleteCase: (caseId) => inner.deleteCase(caseId),
    listCases: () => inner.listCases(),
  };
}
