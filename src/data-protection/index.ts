// Personal data at rest: AES-256-GCM per case and per chat session with a random data key, data
// keys wrapped by a master key and kept outside the database, destroyed on deletion and at
// retention (crypto-shredding).
export * from "./data-key-store.js";
export * from "./envelope.js";
export * from "./field-cipher.js";
export * from "./master-key.js";
export * from "./secret-file.js";
export * from "./create-data-protection.js";
