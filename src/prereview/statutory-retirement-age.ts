/**
 * Statutory retirement age after the NPCSC decision of 2024-09-13 (in force 2025-01-01): the
 * original age plus one month per `step` months of birth after the first affected month, capped.
 */
export type RetirementCategory = "male" | "female_cadre" | "female_worker";

export interface RetirementAge {
  /** Age in whole months. */
  months: number;
  years: number;
  extraMonths: number;
  /** The month the person reaches it, YYYY-MM. */
  reachedIn: string;
}

const RULES: Record<RetirementCategory, { originalYears: number; firstYear: number; step: number; capMonths: number }> =
  {
    male: { originalYears: 60, firstYear: 1965, step: 4, capMonths: 36 },
    female_cadre: { originalYears: 55, firstYear: 1970, step: 4, capMonths: 36 },
    female_worker: { originalYears: 50, firstYear: 1975, step: 2, capMonths: 60 },
  };

/** `birth` as YYYY-MM or YYYY-MM-DD. */
export function statutoryRetirementAge(category: RetirementCategory, birth: string): RetirementAge {
  const match = /^(\d{4})-(\d{2})/.exec(birth);
  if (!match) throw new Error(`expected a birth date YYYY-MM, got ${birth}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const rule = RULES[category];
  const monthsAfterFirst = (year - rule.firstYear) * 12 + (month - 1);
  const delay = monthsAfterFirst < 0 ? 0 : Math.min(Math.floor(monthsAfterFirst / rule.step) + 1, rule.capMonths);
  const months = rule.originalYears * 12 + delay;
  const reached = year * 12 + (month - 1) + months;
  return {
    months,
    years: Math.floor(months / 12),
    extraMonths: months % 12,
    reachedIn: `${Math.floor(reached / 12)}-${String((reached % 12) + 1).padStart(2, "0")}`,
  };
}
