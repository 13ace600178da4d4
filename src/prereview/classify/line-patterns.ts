// Tests of one compact line for the patterns signatures look for: codes, card numbers, ranges, titles.
import { countChineseCharacters } from "./compact-text.js";

/** A line that is an ID number: 17 digits and a digit or X, allowing a few OCR letter confusions. */
export function looksLikeIdNumberLine(line: string): boolean {
  for (const match of line.matchAll(/[0-9OoDlIiZSB|]{17}[0-9XxOoDlIiZSB×]/g)) {
    const digits = match[0].replace(/\D/g, "").length;
    if (digits >= 14) return true;
  }
  return false;
}

/** A line with a 16 to 19 digit card number (spaces already removed; a few letters read for digits allowed). */
export function looksLikeCardNumberLine(line: string): boolean {
  // 16–19 digits, give or take one OCR merged or split, or with the first few lost (a card's
  // number printed in groups of four, "5 8886 7393 8613" read for 6225 8886 7393 8613).
  for (const match of line.matchAll(/(?<![0-9A-Za-z])[0-9OoDlI|SBZ]{13,20}(?![0-9A-Za-z])/g))
    if (match[0].replace(/\D/g, "").length >= 12) return true;
  return false;
}

/**
 * A payment card's expiry: month and two-digit year after 有效期 or VALID THRU ("有效期03/32").
 * Certificates state full dates; only payment cards print MM/YY.
 */
export function looksLikeCardExpiryLine(line: string): boolean {
  return /(有效期|VALIDTHRU|THRU)[:：]?(0[1-9]|1[0-2])\/\d{2}(?!\d)/i.test(line);
}

/** A validity range such as 2016.05.12-2036.05.12 or 2016.05.12-长期. */
export function looksLikeValidityRange(line: string): boolean {
  return /\d{4}[.\-/年]\d{1,2}[.\-/月]\d{1,2}日?[-~至一—]+(\d{4}[.\-/年]\d{1,2}[.\-/月]\d{1,2}|长期|长.|.期)/.test(
    line,
  );
}

/** The title line of a form: short, ending in 申请表, 申请书, 登记表, … */
export function looksLikeFormTitle(line: string): boolean {
  const trimmed = line.replace(/[^\p{Script=Han}A-Za-z0-9)]+$/u, "");
  if (countChineseCharacters(trimmed) < 3 || trimmed.length > 40) return false;
  if (/(申请|登记|审批|报名|申报|申领|备案|变更)(表|书)(\(.{1,12}\))?$/.test(trimmed) || /申请(表|书)/.test(trimmed))
    return true;
  // OCR drops the last character of a title more than any other: 企业注销登记申请(书).
  return trimmed.length <= 20 && /(登记|注销|变更|设立|联办|办理)申请$/.test(trimmed);
}

export function looksLikeCommitmentTitle(line: string): boolean {
  const trimmed = line.replace(/[^\p{Script=Han}]+$/u, "");
  return trimmed.length <= 30 && /承诺(书|函)$/.test(trimmed);
}
