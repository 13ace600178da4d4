// What storage and the file store call: seal and open values of one case or session with its data
// key. A value sealed for a destroyed key opens as undefined. Values written before encryption (no
// "enc1:" marker) pass through as they are.
import { createHmac } from "node:crypto";
import type { DataKeyStore } from "./data-key-store.js";
import { isSealedText, openBytes, openText, sealBytes, sealText } from "./envelope.js";

export interface FieldCipher {
  /**
   * Seals text for a scope (`case:<id>`, `session:<id>`), making its data key when needed.
   * `freshScope`: the scope's id was just made, so its key is made without looking for one first.
   */
  seal(scope: string, plaintext: string, options?: { freshScope?: boolean }): Promise<string>;
  /** The plaintext, or undefined when the scope's key was destroyed. */
  open(scope: string, value: string): Promise<string | undefined>;
  sealBytes(scope: string, plaintext: Uint8Array): Promise<Buffer>;
  openBytes(scope: string, sealed: Uint8Array): Promise<Buffer | undefined>;
  /** A keyed digest for grouping equal texts without storing them (the unanswered-questions list). */
  digest(text: string): string;
  /** Destroys the scope's key: crypto-shredding. */
  destroy(scope: string): Promise<void>;
}

/** Thrown when sealing for a scope whose key was destroyed (a deleted case written to). */
export class DestroyedKeyError extends Error {
  constructor(scope: string) {
    super(`the data key of ${scope} was destroyed`);
    this.name = "DestroyedKeyError";
  }
}

export function createFieldCipher(keys: DataKeyStore, digestKey: Uint8Array): FieldCipher {
  const keyFor = async (scope: string, fresh = false) => {
    const key = await keys.get(scope, { create: true, fresh });
    if (!key) throw new DestroyedKeyError(scope);
    return key;
  };
  return {
    async seal(scope, plaintext, sealOptions) {
      return sealText(await keyFor(scope, sealOptions?.freshScope), plaintext, scope.toLowerCase());
    },
    async open(scope, value) {
      if (!isSealedText(value)) return value;
      const key = await keys.get(scope);
      return key ? openText(key, value, scope.toLowerCase()) : undefined;
    },
    async sealBytes(scope, plaintext) {
      return sealBytes(await keyFor(scope), plaintext, scope.toLowerCase());
    },
    async openBytes(scope, sealed) {
      const key = await keys.get(scope);
      return key ? openBytes(key, sealed, scope.toLowerCase()) : undefined;
    },
    digest: (text) => createHmac("sha256", digestKey).update(text).digest("hex").slice(0, 32),
    destroy: (scope) => keys.destroy(scope),
  };
}

/** No encryption: for tests of storage alone. Opening returns values as they are. */
export const plainFieldCipher: FieldCipher = {
  seal: async (_scope, plaintext) => plaintext,
  open: async (_scope, value) => value,
  sealBytes: async (_scope, plaintext) => Buffer.from(plaintext),
  openBytes: async (_scope, sealed) => Buffer.from(sealed),
  digest: (text) => text,
  destroy: async () => undefined,
};
