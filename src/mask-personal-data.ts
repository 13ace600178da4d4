// Masks personal identifiers before anything about a case or a chat reaches a log or storage. ID numbers and phone numbers
// must never appear in logs; values under personal keys (name, address, ...) are dropped altogether.

/** 18-character resident ID numbers (17 digits + check) and the old 15-digit ones, not inside longer runs. */
const ID_NUMBER_18 = /(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const ID_NUMBER_15 = /(?<![0-9A-Za-z])(\d{6})\d{6}(\d{3})(?![0-9A-Za-z])/g;
/** Mainland mobile numbers, optionally with +86, and landlines written with an area code and a hyphen. */
const MOBILE = /(?<!\d)((?:\+?86[- ]?)?1[3-9]\d)[- ]?\d{4}[- ]?(\d{4})(?!\d)/g;
const LANDLINE = /(?<!\d)(0\d{2,3})-\d{3,4}(\d{4})(?!\d)/g;
/** Bank card numbers and other long digit runs (16–19 digits) that survived the patterns above. */
const LONG_DIGITS = /(?<!\d)(\d{4})\d{8,11}(\d{4})(?!\d)/g;

/** `11010519491231002X` → `110105********002X`; 15-digit numbers keep the region and the sequence. */
export function maskIdNumbers(text: string): string {
  return text.replace(ID_NUMBER_18, "$1********$2").replace(ID_NUMBER_15, "$1******$2");
}

/** `13812345678` → `138****5678`; `0931-8123456` → `0931-****3456`. */
export function maskPhoneNumbers(text: string): string {
  return text.replace(MOBILE, "$1****$2").replace(LANDLINE, "$1-****$2");
}

/** ID numbers, phone numbers and card numbers masked in free text (messages, file names, errors). */
export function maskPersonalText(text: string): string {
  return maskPhoneNumbers(maskIdNumbers(text)).replace(LONG_DIGITS, "$1********$2");
}

/**
 * Keys whose values are personal whatever they look like: the form's and the documents' field names
 * (name, childName, motherIdNumber, address, ...) and the names of uploaded files. Matched on the end of
 * the key, case-insensitively, so `holderName` and `fatherIdNumber` are covered.
 */
const PERSONAL_KEY =
  /(?:^|[a-z])(?:name|idnumber|phone|mobile|address|birthdate|birthplace|cardnumber|certificatenumber|secret|password|token|authorization)$/i;
/** Keys that end like a personal key but name things, not people. */
const SAFE_KEYS = new Set(["fieldName", "documentName", "materialName", "matterName", "bundleName", "ruleName"]);

export const MASKED = "[masked]";

/**
 * A deep copy safe to log: strings have ID/phone/card numbers masked, values under personal keys are
 * replaced by `[masked]`, Errors become `{ name, message, code, stack, cause }` masked alike. Cycles and
 * depth beyond 8 are cut.
 */
export function maskPersonalData(value: unknown): unknown {
  return mask(value, 0, new WeakSet());
}

function mask(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === "string") return maskPersonalText(value);
  if (value === null || typeof value !== "object") return value;
  if (depth > 8 || seen.has(value)) return "[…]";
  seen.add(value);
  if (value instanceof Date) return value;
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      name: value.name,
      message: maskPersonalText(value.message),
      ...(code === undefined ? {} : { code }),
      ...(value.stack ? { stack: maskPersonalText(value.stack) } : {}),
      ...(value.cause === undefined ? {} : { cause: mask(value.cause, depth + 1, seen) }),
    };
  }
  if (value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
  if (Array.isArray(value)) return value.map((item) => mask(item, depth + 1, seen));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      PERSONAL_KEY.test(key) && !SAFE_KEYS.has(key) && item !== undefined ? MASKED : mask(item, depth + 1, seen),
    ]),
  );
}
