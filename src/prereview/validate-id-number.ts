/** GB 11643-1999 citizen ID number (公民身份号码): structure, check character, birth date, sex. */
export interface IdNumberCheck {
  valid: boolean;
  /** Why it is invalid, for the clerk (English, stable codes). */
  problem?: "format" | "check_digit" | "birth_date";
  birthDate?: string;
  sex?: "male" | "female";
  /** The check character the first 17 digits call for. */
  expectedCheck?: string;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = "10X98765432";

/** The ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function idNumberCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK_CHARACTERS[sum % 11] as string;
}

/** Validates an 18-character ID number; `today` bounds the birth date (default now). */
export function validateIdNumber(value: string, today: Date = new Date()): IdNumberCheck {
  const text = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(text)) return { valid: false, problem: "format" };
  const expectedCheck = idNumberCheckCharacter(text.slice(0, 17));
  const year = Number(text.slice(6, 10));
  const month = Number(text.slice(10, 12));
  const day = Number(text.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  const realDate = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  const birthDate = `${text.slice(6, 10)}-${text.slice(10, 12)}-${text.slice(12, 14)}`;
  const sex = Number(text[16]) % 2 === 1 ? "male" : "female";
  if (!realDate || year < 1900 || date.getTime() > today.getTime())
    return { valid: false, problem: "birth_date", expectedCheck };
  if (text[17] !== expectedCheck) return { valid: false, problem: "check_digit", expectedCheck, birthDate, sex };
  return { valid: true, birthDate, sex, expectedCheck };
}
