// One random data key per case and per chat session, kept outside the database, wrapped by the
// master key. Destroying a data key makes everything sealed with it unreadable wherever copies of
// the ciphertext remain (table files, write-ahead log, backups): crypto-shredding. The interface
// is what a KMS-backed store would implement.
import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { AppError } from "../errors.js";
import { openText, sealText } from "./envelope.js";
import type { MasterKey } from "./master-key.js";
import { createSecretFile, replaceSecretFile } from "./secret-file.js";

export interface DataKeyStore {
  /**
   * The scope's data key; made when `create` is set and there is none yet. Undefined once destroyed.
   * `fresh`: the scope was just made (a new random id), so no key and no tombstone can be there yet and
   * none is looked for: a new chat session's key costs two file operations fewer (default false).
   */
  get(scope: string, options?: { create?: boolean; fresh?: boolean }): Promise<Buffer | undefined>;
  /**
   * The key for grouping digests, kept wrapped like the data keys (so a rotation keeps it); made
   * from `initial` the first time (an installation from before it was stored derives it as it did).
   */
  digestKey(initial: () => Buffer): Promise<Buffer>;
  /** Destroys the scope's key for good (a tombstone keeps it from being made again). */
  destroy(scope: string): Promise<void>;
  /** Wraps every stored data key with another master key (rotation); returns how many. */
  rewrap(next: MasterKey): Promise<{ rewrapped: number }>;
  /** The master key in use, by fingerprint. */
  readonly masterKeyId: string;
}

/** The additional data the digest key is wrapped under. */
const DIGEST_SCOPE = "digest";

/** `case:<uuid>` or `session:<uuid>`. */
const SCOPE = /^(case|session):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export interface LocalDataKeyStoreOptions {
  /** Where wrapped keys live: `<directory>/<kind>/<id>.key`. Usually `DATA_DIR/keys`. */
  directory: string;
  masterKey: MasterKey;
  /** Other master keys that may still wrap some data keys (a rotation cut short); unwrap only. */
  otherMasterKeys?: readonly MasterKey[];
  /** Keys kept unwrapped in memory (default 5000). */
  cacheSize?: number;
}

interface WrappedKey {
  v: 1;
  master: string;
  key: string;
}

export function createLocalDataKeyStore(options: LocalDataKeyStoreOptions): DataKeyStore {
  let master = options.masterKey;
  const cacheSize = options.cacheSize ?? 5000;
  const cache = new Map<string, Buffer>();
  const pathsOf = (scope: string) => {
    const match = SCOPE.exec(scope.toLowerCase());
    if (!match) throw new AppError("internal", `not a data key scope: ${JSON.stringify(scope)}`);
    const directory = path.join(options.directory, match[1] as string);
    return {
      directory,
      key: path.join(directory, `${match[2]}.key`),
      tombstone: path.join(directory, `${match[2]}.destroyed`),
    };
  };
  const remember = (scope: string, key: Buffer) => {
    cache.delete(scope);
    cache.set(scope, key);
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
    return key;
  };
  const unwrap = (scope: string, text: string): Buffer => {
    const wrapped = JSON.parse(text) as WrappedKey;
    const by = [master, ...(options.otherMasterKeys ?? [])].find((candidate) => candidate.id === wrapped.master);
    if (!by)
      throw new AppError(
        "internal",
        `data key of ${scope} is wrapped by master key ${wrapped.master}, not ${master.id}`,
      );
    return Buffer.from(openText(by.key, wrapped.key, scope), "base64");
  };
  const wrap = (scope: string, key: Buffer, by: MasterKey): string =>
    JSON.stringify({ v: 1, master: by.id, key: sealText(by.key, key.toString("base64"), scope) } satisfies WrappedKey);
  const inFlight = new Map<string, Promise<Buffer | undefined>>();
  // Directories made (or found) once: a new session's key then costs no mkdir on every first reply.
  const madeDirectories = new Set<string>();
  const makeDirectory = async (directory: string) => {
    if (madeDirectories.has(directory)) return;
    await mkdir(directory, { recursive: true, mode: 0o700 });
    madeDirectories.add(directory);
  };
  const digestFile = path.join(options.directory, "digest.key");
  const load = async (scope: string, create: boolean, fresh: boolean): Promise<Buffer | undefined> => {
    const files = pathsOf(scope);
    if (!fresh) {
      try {
        return remember(scope, unwrap(scope, await readFile(files.key, "utf8")));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
      if (!create || (await exists(files.tombstone))) return undefined;
    }
    const key = randomBytes(32);
    await makeDirectory(files.directory);
    if (await createSecretFile(files.key, wrap(scope, key, master))) return remember(scope, key);
    // Another node made it first: use theirs.
    return remember(scope, unwrap(scope, await readFile(files.key, "utf8")));
  };

  return {
    get masterKeyId() {
      return master.id;
    },
    get(scope, { create = false, fresh = false } = {}) {
      const normalized = scope.toLowerCase();
      const cached = cache.get(normalized);
      if (cached) return Promise.resolve(remember(normalized, cached));
      // Concurrent calls for one scope (a case's files sealed in parallel) share one lookup, so a
      // process never makes two keys for a scope.
      const key = `${normalized}|${create}`;
      let pending = inFlight.get(key);
      if (!pending) {
        pending = load(normalized, create, create && fresh).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return pending;
    },
    async digestKey(initial) {
      try {
        return unwrap(DIGEST_SCOPE, await readFile(digestFile, "utf8"));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
      const key = initial();
      await mkdir(options.directory, { recursive: true, mode: 0o700 });
      if (await createSecretFile(digestFile, wrap(DIGEST_SCOPE, key, master))) return key;
      return unwrap(DIGEST_SCOPE, await readFile(digestFile, "utf8"));
    },
    async destroy(scope) {
      const normalized = scope.toLowerCase();
      const files = pathsOf(normalized);
      cache.delete(normalized);
      await mkdir(files.directory, { recursive: true, mode: 0o700 });
      await writeFile(files.tombstone, "", { mode: 0o600 });
      // Overwrite before unlinking (best effort: journalling and SSD wear-levelling may keep old blocks).
      try {
        const handle = await open(files.key, "r+");
        try {
          const { size } = await handle.stat();
          await handle.write(randomBytes(size), 0, size, 0);
          await handle.sync();
        } finally {
          await handle.close();
        }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
        throw error;
      }
      await rm(files.key, { force: true });
    },
    async rewrap(next) {
      let rewrapped = 0;
      const digest = await readFile(digestFile, "utf8").catch(() => undefined);
      if (digest !== undefined && (JSON.parse(digest) as WrappedKey).master !== next.id) {
        await replaceSecretFile(digestFile, wrap(DIGEST_SCOPE, unwrap(DIGEST_SCOPE, digest), next));
        rewrapped += 1;
      }
      for (const kind of ["case", "session"]) {
        const directory = path.join(options.directory, kind);
        const names = await readdir(directory).catch(() => [] as string[]);
        for (const name of names.filter((item) => item.endsWith(".key"))) {
          const scope = `${kind}:${name.slice(0, -4)}`;
          const file = path.join(directory, name);
          const text = await readFile(file, "utf8");
          // Already wrapped by the new key: a rotation run again after it was cut short.
          if ((JSON.parse(text) as WrappedKey).master === next.id) continue;
          const key = unwrap(scope, text);
          await replaceSecretFile(file, wrap(scope, key, next));
          rewrapped += 1;
        }
      }
      master = next;
      return { rewrapped };
    },
  };
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
