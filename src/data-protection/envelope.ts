// AES-256-GCM envelopes: one random 96-bit nonce per value, the authentication tag checked on
// opening, and the value's scope bound in as additional data (a case's form cannot be passed off
// as another case's). Text form: "enc1:" + base64(nonce | tag | ciphertext).
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export const SEALED_PREFIX = "enc1:";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** Encrypts bytes; the result is nonce | tag | ciphertext. */
export function sealBytes(key: Uint8Array, plaintext: Uint8Array, scope: string): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(scope, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), ciphertext]);
}

/** Decrypts what sealBytes made; throws when the key, the scope or a byte is wrong. */
export function openBytes(key: Uint8Array, sealed: Uint8Array, scope: string): Buffer {
  const data = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (data.length < NONCE_BYTES + TAG_BYTES) throw new Error("sealed value too short");
  const decipher = createDecipheriv("aes-256-gcm", key, data.subarray(0, NONCE_BYTES));
  decipher.setAAD(Buffer.from(scope, "utf8"));
  decipher.setAuthTag(data.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(data.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]);
}

export function sealText(key: Uint8Array, plaintext: string, scope: string): string {
  return `${SEALED_PREFIX}${sealBytes(key, Buffer.from(plaintext, "utf8"), scope).toString("base64")}`;
}

export function openText(key: Uint8Array, sealed: string, scope: string): string {
  return openBytes(key, Buffer.from(sealed.slice(SEALED_PREFIX.length), "base64"), scope).toString("utf8");
}

export const isSealedText = (value: unknown): value is string =>
  typeof value === "string" && value.startsWith(SEALED_PREFIX);
