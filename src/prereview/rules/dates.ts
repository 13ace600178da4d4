import { isRealDate as isRealDateParts } from "../fields/parse-chinese-date.js";

/** True for a real calendar date written YYYY-MM-DD (years 1900–2199). */
export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return Boolean(match) && isRealDateParts(Number(match?.[1]), Number(match?.[2]), Number(match?.[3]));
}

/** `2026-03-05` → `2026年3月5日`. */
export function formatChineseDate(value: string): string {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value);
  if (!match) return value;
  const month = `${Number(match[2])}月`;
  return match[3] ? `${match[1]}年${month}${Number(match[3])}日` : `${match[1]}年${month}`;
}

/** Whole months from `from` to `to` (both YYYY-MM-DD): the age in months on `to`. */
export function wholeMonthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = to.split("-").map(Number) as [number, number, number];
  let months = (ty - fy) * 12 + (tm - fm);
  if (td < fd) months -= 1;
  return months;
}

/** The UTC date of `date` as YYYY-MM-DD. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** True for YYYY-MM with a real month (cards that print no day, e.g. 发卡日期). */
export function isYearMonth(value: string): boolean {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  return Boolean(match) && Number(match?.[2]) >= 1 && Number(match?.[2]) <= 12;
}
