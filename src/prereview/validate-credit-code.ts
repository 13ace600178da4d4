/** GB 32100-2015 unified social credit code (统一社会信用代码): alphabet and check character. */
export interface CreditCodeCheck {
  valid: boolean;
  problem?: "format" | "check_character";
  expectedCheck?: string;
}

/** The 31 characters of a credit code (no I O S V Z), valued 0..30 in this order. */
export const CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const ALPHABET = CREDIT_CODE_ALPHABET;
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i] as string) * (WEIGHTS[i] as number);
  return ALPHABET[(31 - (sum % 31)) % 31] as string;
}

export function validateCreditCode(value: string): CreditCodeCheck {
  const text = value.trim().toUpperCase();
  if (text.length !== 18 || [...text].some((character) => !ALPHABET.includes(character)))
    return { valid: false, problem: "format" };
  const expectedCheck = creditCodeCheckCharacter(text.slice(0, 17));
  return text[17] === expectedCheck
    ? { valid: true, expectedCheck }
    : { valid: false, problem: "check_character", expectedCheck };
}
