// Bank card: the bank's name (…银行) and the 16–19 digit card number, printed in groups.
import type { ExtractedField } from "../types.js";
import type { SourceLine } from "./label-finder.js";
import { type FieldContext, makeField, Quality } from "./make-field.js";
import { normalizeDigits, passesLuhn } from "./normalize-code-characters.js";

const DIGITISH = /^[0-9OoDlIZSB]+$/;

interface CardNumber {
  raw: string;
  value: string;
  line: SourceLine;
  luhn: boolean;
}

/** Card numbers of a line: one 16–19 character run, or consecutive groups of 3–8 that add up to it. */
function cardNumbersIn(line: SourceLine): CardNumber[] {
  const tokens = line.line.text
    .normalize("NFKC")
    .split(/[\s-]+/)
    .filter(Boolean);
  const found: CardNumber[] = [];
  for (let start = 0; start < tokens.length; start++) {
    let raw = "";
    for (let end = start; end < tokens.length; end++) {
      const token = tokens[end] as string;
      if (!DIGITISH.test(token) || (end > start && (token.length < 3 || token.length > 8))) break;
      raw += token;
      if (raw.length > 19) break;
      const digits = raw.replace(/\D/g, "").length;
      if (raw.length >= 16 && digits >= raw.length - 4) {
        const value = normalizeDigits(raw).value;
        found.push({ raw, value, line, luhn: passesLuhn(value) });
      }
    }
  }
  return found;
}

export function extractBankCardFields(context: FieldContext): ExtractedField[] {
  const fields: ExtractedField[] = [];
  for (const line of context.lines) {
    // The bank's name ends in 银行; 中国银联 is the network, not the bank.
    const match = /[\p{Script=Han}]{2,12}?银行/u.exec(line.text.replace(/中国银联/g, ""));
    if (match) {
      fields.push(makeField(context, "bankName", match[0], line.text, [line]));
      break;
    }
  }
  const candidates = context.lines.flatMap(cardNumbersIn);
  const best =
    candidates.find((candidate) => candidate.luhn && candidate.value.length === 19) ??
    candidates.find((candidate) => candidate.luhn) ??
    candidates.sort((a, b) => b.value.length - a.value.length)[0];
  if (best)
    fields.push(makeField(context, "cardNumber", best.value, best.raw, [best.line], best.luhn ? 1 : Quality.noLabel));
  return fields;
}
