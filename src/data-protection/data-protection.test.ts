import { createHmac } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createDataProtection,
  createFieldCipher,
  createLocalDataKeyStore,
  DestroyedKeyError,
  fingerprint,
  openText,
  resolveMasterKey,
  sealText,
} from "./index.js";

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "banshi-keys-"));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const CASE = "case:0f8f6a9e-3a3b-4c55-9a1f-1f2e3d4c5b6a";
const OTHER = "case:1f8f6a9e-3a3b-4c55-9a1f-1f2e3d4c5b6a";

describe("envelopes", () => {
  it("open what they sealed, and refuse another scope or a changed byte", () => {
    const key = Buffer.alloc(32, 7);
    const sealed = sealText(key, "张建国 110105194912310021", CASE);
    expect(sealed).not.toContain("张建国");
    expect(openText(key, sealed, CASE)).toBe("张建国 110105194912310021");
    expect(() => openText(key, sealed, OTHER)).toThrow();
    // Every byte matters: nonce, tag and ciphertext (changing a base64 character may not change a byte).
    const bytes = Buffer.from(sealed.slice("enc1:".length), "base64");
    for (const at of [0, 12, 28, bytes.length - 1]) {
      const tampered = Buffer.from(bytes);
      tampered[at] = (tampered[at] as number) ^ 1;
      expect(() => openText(key, `enc1:${tampered.toString("base64")}`, CASE)).toThrow();
    }
  });
});

describe("resolveMasterKey", () => {
  it("generates a key once under DATA_DIR/keys with 0600 permissions, then reads the same key", async () => {
    const first = await resolveMasterKey({ dataDir });
    expect(first.source).toBe("generated");
    const file = path.join(dataDir, "keys", "master.key");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const second = await resolveMasterKey({ dataDir });
    expect(second).toMatchObject({ source: "file", id: first.id });
  });

  it("takes DATA_ENCRYPTION_KEY as base64 or hex, and names the variable when it is not 32 bytes", async () => {
    const key = Buffer.alloc(32, 3);
    expect((await resolveMasterKey({ dataDir, key: key.toString("base64") })).id).toBe(fingerprint(key));
    expect((await resolveMasterKey({ dataDir, key: key.toString("hex") })).id).toBe(fingerprint(key));
    await expect(resolveMasterKey({ dataDir, key: "c2hvcnQ=" })).rejects.toThrow(/DATA_ENCRYPTION_KEY/);
  });
});

describe("data keys", () => {
  it("are made once per scope, kept wrapped outside the database, and survive a new store", async () => {
    const masterKey = await resolveMasterKey({ dataDir });
    const store = createLocalDataKeyStore({ directory: path.join(dataDir, "keys"), masterKey });
    const key = await store.get(CASE, { create: true });
    expect(key).toHaveLength(32);
    expect(await store.get(CASE)).toEqual(key);
    const files = await readdir(path.join(dataDir, "keys", "case"));
    expect(files).toEqual(["0f8f6a9e-3a3b-4c55-9a1f-1f2e3d4c5b6a.key"]);
    const wrapped = await readFile(path.join(dataDir, "keys", "case", files[0] as string), "utf8");
    expect(wrapped).not.toContain((key as Buffer).toString("base64"));
    const again = createLocalDataKeyStore({ directory: path.join(dataDir, "keys"), masterKey });
    expect(await again.get(CASE)).toEqual(key);
  });

  it("are made once when many callers and two stores (two nodes) ask for a new scope at the same moment", async () => {
    const masterKey = await resolveMasterKey({ dataDir });
    const directory = path.join(dataDir, "keys");
    const nodes = [
      createLocalDataKeyStore({ directory, masterKey }),
      createLocalDataKeyStore({ directory, masterKey }),
    ];
    const scopes = Array.from(
      { length: 20 },
      (_, i) => `case:${String(i).padStart(8, "0")}-3a3b-4c55-9a1f-1f2e3d4c5b6a`,
    );
    const keys = await Promise.all(
      scopes.flatMap((scope) => Array.from({ length: 6 }, (_, i) => nodes[i % 2]?.get(scope, { create: true }))),
    );
    for (const [n, scope] of scopes.entries()) {
      const made = keys.slice(n * 6, n * 6 + 6).map((key) => (key as Buffer).toString("hex"));
      expect(new Set(made).size, scope).toBe(1);
      const fresh = createLocalDataKeyStore({ directory, masterKey });
      expect((await fresh.get(scope))?.toString("hex")).toBe(made[0]);
    }
    expect((await readdir(path.join(directory, "case"))).filter((name) => !name.endsWith(".key"))).toEqual([]);
  });

  it("for a fresh scope are made without a look first, and still never replace a key already there", async () => {
    const masterKey = await resolveMasterKey({ dataDir });
    const directory = path.join(dataDir, "keys");
    const store = createLocalDataKeyStore({ directory, masterKey });
    const key = await store.get(CASE, { create: true, fresh: true });
    expect(key).toHaveLength(32);
    expect(await createLocalDataKeyStore({ directory, masterKey }).get(CASE)).toEqual(key);
    // Another node made this scope's key first (only by a clash of ids): its key is kept and used.
    const other = createLocalDataKeyStore({ directory, masterKey });
    expect(await other.get(CASE, { create: true, fresh: true })).toEqual(key);
    expect(await readdir(path.join(directory, "case"))).toEqual(["0f8f6a9e-3a3b-4c55-9a1f-1f2e3d4c5b6a.key"]);
  });

  it("once destroyed are gone for good: sealed values open as undefined and sealing again is refused", async () => {
    const protection = await createDataProtection({ dataDir });
    const sealed = await protection.cipher.seal(CASE, "13812345678");
    await protection.cipher.destroy(CASE);
    expect(await protection.cipher.open(CASE, sealed)).toBeUndefined();
    await expect(protection.cipher.seal(CASE, "again")).rejects.toBeInstanceOf(DestroyedKeyError);
    // A fresh process knows it too.
    const restarted = await createDataProtection({ dataDir });
    expect(await restarted.cipher.open(CASE, sealed)).toBeUndefined();
    expect(await readdir(path.join(dataDir, "keys", "case"))).toEqual([
      "0f8f6a9e-3a3b-4c55-9a1f-1f2e3d4c5b6a.destroyed",
    ]);
  });

  it("are wrapped again by a new master key (rotation), and values sealed before still open", async () => {
    const old = await resolveMasterKey({ dataDir });
    const store = createLocalDataKeyStore({ directory: path.join(dataDir, "keys"), masterKey: old });
    const cipher = createFieldCipher(store, Buffer.alloc(32));
    const sealed = await cipher.seal(CASE, "张建国");
    const next = await resolveMasterKey({ dataDir, key: Buffer.alloc(32, 9).toString("base64") });
    expect(await store.rewrap(next)).toEqual({ rewrapped: 1 });
    const rotated = createFieldCipher(
      createLocalDataKeyStore({ directory: path.join(dataDir, "keys"), masterKey: next }),
      Buffer.alloc(32),
    );
    expect(await rotated.open(CASE, sealed)).toBe("张建国");
    // The old master key no longer unwraps anything.
    const stale = createFieldCipher(
      createLocalDataKeyStore({ directory: path.join(dataDir, "keys"), masterKey: old }),
      Buffer.alloc(32),
    );
    await expect(stale.open(CASE, sealed)).rejects.toThrow(/wrapped by master key/);
  });

  it("keep grouping digests the same across a master-key rotation, and as they were before the digest key was stored", async () => {
    const first = await createDataProtection({ dataDir });
    const before = first.cipher.digest("退休要带什么材料");
    const masterKey = await resolveMasterKey({ dataDir });
    // Before the digest key was stored it was derived from the master key: the stored one is that key.
    const derived = createHmac("sha256", masterKey.key).update("banshi question-group digest v1").digest();
    expect(before).toBe(createHmac("sha256", derived).update("退休要带什么材料").digest("hex").slice(0, 32));
    const next = Buffer.alloc(32, 5).toString("base64");
    const nextKey = await resolveMasterKey({ dataDir, key: next });
    const store = createLocalDataKeyStore({ directory: path.join(dataDir, "keys"), masterKey });
    expect(await store.rewrap(nextKey)).toEqual({ rewrapped: 1 });
    const rotated = await createDataProtection({ dataDir, key: next });
    expect(rotated.cipher.digest("退休要带什么材料")).toBe(before);
  });

  it("leave values written before sealing readable as they are", async () => {
    const protection = await createDataProtection({ dataDir });
    expect(await protection.cipher.open(CASE, "plain text from before")).toBe("plain text from before");
  });
});
