// Codes as OCR reads them, put back into their alphabet by position: normalise characters, never
// guess. A character is only replaced by the one OCR commonly confuses it with, and only where the
// code's structure allows no other reading; check characters are left for the rules to validate.
import { validateCreditCode } from "../validate-credit-code.js";
import { CREDIT_CODE_ALPHABET } from "../validate-credit-code.js";
import { validateIdNumber } from "../validate-id-number.js";

/** A code after normalisation. */
export interface NormalizedCode {
  /** Upper-case, spaces and separators removed, confusions replaced. */
  value: string;
  /** Whether any character was replaced (beyond case and spaces). */
  changed: boolean;
  /** Whether the value fits the code's structure (length and alphabet per position). */
  fits: boolean;
}

/** Letters OCR reads for digits, by the digit. */
const TO_DIGIT: Readonly<Record<string, string>> = {
  O: "0",
  o: "0",
  D: "0",
  Q: "0",
  U: "0",
  l: "1",
  I: "1",
  i: "1",
  L: "1",
  "|": "1",
  "!": "1",
  J: "1",
  Z: "2",
  z: "2",
  S: "5",
  s: "5",
  G: "6",
  b: "6",
  T: "7",
  B: "8",
  g: "9",
  q: "9",
};

function toDigit(character: string): string {
  return /\d/.test(character) ? character : (TO_DIGIT[character] ?? character);
}

/** Removes spaces and the separators OCR inserts between digit groups. */
function strip(raw: string): string {
  return raw.normalize("NFKC").replace(/[\s\-_.·,'"`]/g, "");
}

/**
 * A citizen ID number: 17 digits then a digit or X. Letters in digit positions become the digit
 * they look like; in the last position x and × become X.
 */
export function normalizeIdNumber(raw: string): NormalizedCode {
  const text = strip(raw);
  const characters = [...text];
  let changed = false;
  const value = characters
    .map((character, index) => {
      let next: string;
      if (index === characters.length - 1 && characters.length === 18 && /[xX×✕╳]/.test(character)) next = "X";
      else next = toDigit(character);
      if (next !== character && next.toUpperCase() !== character.toUpperCase()) changed = true;
      return next.toUpperCase();
    })
    .join("");
  return { value, changed, fits: /^\d{17}[\dX]$/.test(value) };
}

/** Outside the alphabet: I O S V Z. Their nearest characters inside it. */
const CREDIT_OUTSIDE: Readonly<Record<string, string>> = { I: "1", O: "0", S: "5", V: "U", Z: "2" };

/**
 * A unified social credit code (GB 32100). Positions 1–8 (registration authority, entity type,
 * administrative division) are digits in practice (the authority may be A, N or Y): letters there
 * become digits. Positions 9–18 take the 31-character alphabet: only I O S V Z, which it lacks,
 * are replaced; everything else is kept, so a misread check character stays wrong.
 */
export function normalizeCreditCode(raw: string): NormalizedCode {
  const characters = [...strip(raw)];
  let changed = false;
  const value = characters
    .map((character, index) => {
      let next: string;
      if (index === 0 && /[ANYany]/.test(character)) next = character.toUpperCase();
      else if (index < 8) next = toDigit(character);
      else {
        // A lower-case l in the alphabet part is an upper-case L as often as a 1: keep L.
        const upper = character.toUpperCase();
        next = CREDIT_OUTSIDE[upper] ?? upper;
      }
      next = next.toUpperCase();
      if (next !== character.toUpperCase()) changed = true;
      return next;
    })
    .join("");
  const fits = value.length === 18 && [...value].every((character) => CREDIT_CODE_ALPHABET.includes(character));
  return { value, changed, fits };
}

/** Digits of a number that is digits only (bank card, phone): letters that look like digits become digits. */
export function normalizeDigits(raw: string): NormalizedCode {
  const text = strip(raw);
  const value = [...text].map(toDigit).join("");
  return { value, changed: value !== text, fits: /^\d+$/.test(value) };
}

export interface CodeQuality {
  /** 1 for a code that fits and validates, less for repairs, misfits and failed checks. */
  factor: number;
  /** Short note for logs and tests. */
  note: "valid" | "fits" | "misfit";
}

/** How far to trust an ID number read from OCR. */
export function idNumberQuality(code: NormalizedCode): CodeQuality {
  if (!code.fits) return { factor: 0.4, note: "misfit" };
  const valid = validateIdNumber(code.value).valid;
  if (valid) return { factor: code.changed ? 0.95 : 1, note: "valid" };
  return { factor: code.changed ? 0.6 : 0.75, note: "fits" };
}

/** How far to trust a credit code read from OCR. */
export function creditCodeQuality(code: NormalizedCode): CodeQuality {
  if (!code.fits) return { factor: 0.4, note: "misfit" };
  if (validateCreditCode(code.value).valid) return { factor: code.changed ? 0.95 : 1, note: "valid" };
  return { factor: code.changed ? 0.6 : 0.75, note: "fits" };
}

/** Luhn check of a bank card number. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
