// The master key that wraps every data key: from DATA_ENCRYPTION_KEY (base64 or hex of 32 bytes),
// from a key file (DATA_ENCRYPTION_KEY_FILE), or — the embedded default — generated once under
// DATA_DIR/keys/master.key with 0600 permissions. It never enters the database.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { AppError } from "../errors.js";
import { createSecretFile } from "./secret-file.js";

export interface MasterKey {
  key: Buffer;
  /** A short fingerprint (not the key) naming which master key wrapped a data key. */
  id: string;
  /** Where it came from, for the start-up log. */
  source: "environment" | "file" | "generated";
  /** The file, when it came from one or was generated. */
  file?: string;
}

export interface ResolveMasterKeyOptions {
  dataDir: string;
  /** DATA_ENCRYPTION_KEY: 32 bytes as base64 or 64 hex digits. */
  key?: string;
  /** DATA_ENCRYPTION_KEY_FILE: a file holding the key in the same form. */
  keyFile?: string;
}

export const fingerprint = (key: Uint8Array) => createHash("sha256").update(key).digest("hex").slice(0, 12);

/** Reads `base64` or `hex` text of exactly 32 bytes. */
export function parseMasterKey(text: string, where: string): Buffer {
  const trimmed = text.trim();
  const bytes = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (bytes.length !== 32)
    throw new AppError(
      "internal",
      `${where} must hold a 32-byte key as base64 or 64 hex digits (got ${bytes.length} bytes)`,
    );
  return bytes;
}

export async function resolveMasterKey(options: ResolveMasterKeyOptions): Promise<MasterKey> {
  if (options.key) {
    const key = parseMasterKey(options.key, "DATA_ENCRYPTION_KEY");
    return { key, id: fingerprint(key), source: "environment" };
  }
  if (options.keyFile) {
    const key = parseMasterKey(
      await readFile(options.keyFile, "utf8"),
      `DATA_ENCRYPTION_KEY_FILE (${options.keyFile})`,
    );
    return { key, id: fingerprint(key), source: "file", file: options.keyFile };
  }
  const file = defaultMasterKeyFile(options.dataDir);
  try {
    const key = parseMasterKey(await readFile(file, "utf8"), file);
    return { key, id: fingerprint(key), source: "file", file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const key = randomBytes(32);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // Two nodes starting at once do not overwrite each other's key; the loser reads the winner's.
  if (await createSecretFile(file, `${key.toString("base64")}\n`))
    return { key, id: fingerprint(key), source: "generated", file };
  const existing = parseMasterKey(await readFile(file, "utf8"), file);
  return { key: existing, id: fingerprint(existing), source: "file", file };
}

export const defaultMasterKeyFile = (dataDir: string) => path.join(dataDir, "keys", "master.key");

/** Where `npm run rotate-key` puts the next master key until every data key is wrapped by it. */
export const nextMasterKeyFile = (file: string) => `${file}.next`;

/** The next master key of a rotation cut short, when its file is there. */
export async function readNextMasterKey(file: string | undefined): Promise<MasterKey | undefined> {
  if (!file) return undefined;
  try {
    const key = parseMasterKey(await readFile(nextMasterKeyFile(file), "utf8"), nextMasterKeyFile(file));
    return { key, id: fingerprint(key), source: "file", file: nextMasterKeyFile(file) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
