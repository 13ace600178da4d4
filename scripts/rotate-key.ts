// `npm run rotate-key`: wraps every data key (one per case and per chat session, under DATA_DIR/keys)
// with a new master key. Stop the service first. With the default key file (or DATA_ENCRYPTION_KEY_FILE)
// the new key replaces it; with DATA_ENCRYPTION_KEY, pass `--new-key-file PATH`: the new key is written
// there, and DATA_ENCRYPTION_KEY must then be set to its content. A rotation cut short is finished by
// running the command again (with the same --new-key-file when one was given).
import { randomBytes } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { loadConfig } from "../src/config.js";
import {
  createLocalDataKeyStore,
  fingerprint,
  type MasterKey,
  nextMasterKeyFile,
  parseMasterKey,
  readNextMasterKey,
  replaceSecretFile,
  resolveMasterKey,
} from "../src/data-protection/index.js";

const argument = (name: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};

const config = loadConfig();
const current = await resolveMasterKey({ dataDir: config.dataDir, ...config.encryption });
const newKeyFile = argument("--new-key-file");
let next: MasterKey;
if (newKeyFile) {
  let key: Buffer;
  try {
    key = parseMasterKey(await readFile(newKeyFile, "utf8"), newKeyFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    key = randomBytes(32);
    await replaceSecretFile(newKeyFile, `${key.toString("base64")}\n`);
  }
  next = { key, id: fingerprint(key), source: "file", file: newKeyFile };
} else {
  if (!current.file) {
    console.error("DATA_ENCRYPTION_KEY comes from the environment: pass --new-key-file PATH to receive the new key.");
    process.exit(2);
  }
  next = (await readNextMasterKey(current.file)) ?? {
    key: randomBytes(32),
    id: "",
    source: "generated",
    file: nextMasterKeyFile(current.file),
  };
  if (!next.id) {
    next.id = fingerprint(next.key);
    await replaceSecretFile(nextMasterKeyFile(current.file), `${next.key.toString("base64")}\n`);
  }
}
const store = createLocalDataKeyStore({
  directory: path.join(config.dataDir, "keys"),
  masterKey: current,
  otherMasterKeys: [next],
});
const { rewrapped } = await store.rewrap(next);
if (!newKeyFile && current.file) {
  await replaceSecretFile(current.file, `${next.key.toString("base64")}\n`);
  await rm(nextMasterKeyFile(current.file), { force: true });
}
console.log(`rotated: ${rewrapped} data keys wrapped again; master key ${current.id} → ${next.id}`);
if (newKeyFile)
  console.log(
    `the new master key is in ${newKeyFile}: set DATA_ENCRYPTION_KEY (or DATA_ENCRYPTION_KEY_FILE) to it before starting`,
  );
