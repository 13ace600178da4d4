import { createHmac } from "node:crypto";
import path from "node:path";
import { createLocalDataKeyStore, type DataKeyStore } from "./data-key-store.js";
import { createFieldCipher, type FieldCipher } from "./field-cipher.js";
import { type MasterKey, readNextMasterKey, resolveMasterKey } from "./master-key.js";

export interface DataProtection {
  masterKey: Pick<MasterKey, "id" | "source" | "file">;
  keys: DataKeyStore;
  cipher: FieldCipher;
}

/**
 * The embedded default: the master key resolved (environment, file, or generated under
 * `DATA_DIR/keys`), data keys as files under `DATA_DIR/keys`, the field cipher over them.
 */
export async function createDataProtection(options: {
  dataDir: string;
  key?: string;
  keyFile?: string;
}): Promise<DataProtection> {
  const masterKey = await resolveMasterKey(options);
  // A rotation cut short leaves some data keys wrapped by the next key: they stay readable.
  const next = await readNextMasterKey(masterKey.file);
  const keys = createLocalDataKeyStore({
    directory: path.join(options.dataDir, "keys"),
    masterKey,
    otherMasterKeys: next ? [next] : [],
  });
  // A separate key for grouping digests, stored wrapped so that a master-key rotation keeps the
  // groups of unanswered questions together; first derived from the master key, as it was before it
  // was stored, so existing digests still match.
  const digestKey = await keys.digestKey(() =>
    createHmac("sha256", masterKey.key).update("banshi question-group digest v1").digest(),
  );
  return {
    masterKey: { id: masterKey.id, source: masterKey.source, file: masterKey.file },
    keys,
    cipher: createFieldCipher(keys, digestKey),
  };
}
