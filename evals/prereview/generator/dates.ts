// Calendar dates as ISO strings (YYYY-MM-DD), computed in UTC so no time zone can shift a day.

function parse(iso: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`expected YYYY-MM-DD, got ${iso}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function format(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function isoDate(year: number, month: number, day: number): string {
  return format(new Date(Date.UTC(year, month - 1, day)));
}

export function addDays(iso: string, days: number): string {
  const [year, month, day] = parse(iso);
  return format(new Date(Date.UTC(year, month - 1, day + days)));
}

/** Adds months, clamping the day to the end of the target month (01-31 + 1 month = 02-28). */
export function addMonths(iso: string, months: number): string {
  const [year, month, day] = parse(iso);
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return format(new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(day, lastDay))));
}

export function addYears(iso: string, years: number): string {
  return addMonths(iso, years * 12);
}

/** Whole years from `birth` to `on`. */
export function ageOn(birth: string, on: string): number {
  const [by, bm, bd] = parse(birth);
  const [y, m, d] = parse(on);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [fy, fm, fd] = parse(from);
  const [ty, tm, td] = parse(to);
  return Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / 86_400_000);
}

/** A uniformly drawn date in [from, to]. */
export function dateBetween(next: () => number, from: string, to: string): string {
  return addDays(from, Math.floor(next() * (daysBetween(from, to) + 1)));
}

/** 1963年5月8日 (as on an ID card). */
export function chineseDate(iso: string): string {
  const [year, month, day] = parse(iso);
  return `${year}年${month}月${day}日`;
}

/** 2019年03月05日 (as on licences and certificates). */
export function chineseDatePadded(iso: string): string {
  const [year, month, day] = parse(iso);
  return `${year}年${String(month).padStart(2, "0")}月${String(day).padStart(2, "0")}日`;
}

/** 2019.03.05 (ID card validity). */
export function dottedDate(iso: string): string {
  return iso.replaceAll("-", ".");
}

export function compactDate(iso: string): string {
  return iso.replaceAll("-", "");
}
