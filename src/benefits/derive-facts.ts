import type { Facts } from "./profile.js";

/**
 * The pension's minimum contribution years before 2030 (社会保险法第十六条「累计缴费满十五年的，按月领取基本
 * 养老金」). Only used as a floor: whoever has this many years and has retired draws a pension.
 */
const MINIMUM_CONTRIBUTION_YEARS = 15;

/**
 * Facts that other facts settle, filled in only when not stated. `retired` (离休、退休, the condition of
 * the retirement withdrawal and the only-child reward) is not `reachedRetirementAge`:
 * - 已退休 says it; 失业 (registered unemployment is for people of working age) and 在校学生 deny it.
 *   在职 and 灵活就业 deny it only short of the statutory age: past it a retiree may work again (返聘) or
 *   take odd jobs, and answer 在职 (the hold-out's 「单位返聘我」 profile does). Short of it, having
 *   retired means an early retirement and then work again; we do not assume that exception.
 * - Not drawing a pension denies it when the person is short of the statutory age (retiring early —
 *   弹性提前退休, 特殊工种, 病退 — is drawing the pension early: 国务院关于渐进式延迟法定退休年龄的办法
 *   第三条「职工达到最低缴费年限，可以自愿选择弹性提前退休」) or has the minimum contribution years (a retiree
 *   who has them draws the pension monthly, 社会保险法第十六条). With fewer years past the age it settles
 *   nothing: such a person may have left work without a pension.
 */
export function deriveFacts(facts: Facts): Facts {
  if (facts.retired !== undefined) return facts;
  const status = facts.employmentStatus;
  if (status === "retired") return { ...facts, retired: true };
  if (status === "unemployed" || status === "student") return { ...facts, retired: false };
  const shortOfAge = facts.reachedRetirementAge === false;
  if ((status === "employed" || status === "flexible") && shortOfAge) return { ...facts, retired: false };
  const hasMinimumYears = (facts.pensionContributionYears ?? 0) >= MINIMUM_CONTRIBUTION_YEARS;
  if (facts.receivingPension === false && (shortOfAge || hasMinimumYears)) return { ...facts, retired: false };
  return facts;
}
