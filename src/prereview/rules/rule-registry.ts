// Every rule a finding can carry, with what the rest of the pre-review needs to know about it: its
// name for the clerk, whether a clerk must judge it, whether it already speaks for a missing
// material, and whether its document evidence is worth a second reading. Built-in rules are listed
// here; rules a matter declares in knowledge/ are `consistency.<name>` or `eligibility.<name>` and
// take the traits of their kind. `Finding.ruleId` is typed from this table, so a rule id that is
// not here fails the build, and nothing matches rule ids by pattern.
import { z } from "zod";
import { type DeclaredRuleId, DeclaredRuleIdSchema } from "../../catalog/index.js";

export interface RuleTraits {
  /** What the rule checks, in Chinese, for the clerk. */
  label: string;
  /** An error of this rule cannot be fixed by resubmitting: a clerk must judge. */
  humanJudgement?: boolean;
  /** A warning of this rule means the machine could not decide: a clerk looks before accepting. */
  undecided?: boolean;
  /** The finding already tells the applicant about its material, so "missing" would repeat it. */
  explainsMaterial?: boolean;
  /** The finding rests on OCR readings that a second reading may correct. */
  reread?: boolean;
}

export const BUILT_IN_RULES = {
  "completeness.missing": { label: "材料缺失" },
  "completeness.deferrable_missing": { label: "可容缺材料缺失" },
  "document.side_missing": { label: "证件缺少一面或一页" },
  "document.wrong_type": { label: "材料类型不符", explainsMaterial: true },
  "document.unrecognised": { label: "未能识别材料类型", undecided: true, explainsMaterial: true },
  "document.not_needed": { label: "本次办理不需要的材料" },
  "file.invalid": { label: "文件无法读取", explainsMaterial: true },
  "quality.unreadable": { label: "材料不清晰，需重新拍摄", explainsMaterial: true },
  "quality.unread_legible": { label: "照片清晰但未能自动识别", undecided: true, explainsMaterial: true },
  "quality.field_unread": { label: "栏目未能完整识别", undecided: true, reread: true },
  "validity.id_check_digit": { label: "身份证件号码不符合编码规则", reread: true },
  "validity.id_birth_mismatch": { label: "出生日期与身份证件号码不一致", reread: true },
  "validity.id_sex_mismatch": { label: "性别与身份证件号码不一致", reread: true },
  "validity.expired": { label: "证照已过期" },
  "validity.credit_code": { label: "统一社会信用代码不符合编码规则", reread: true },
  "validity.date": { label: "日期无法确认" },
  "consistency.unverified": { label: "未能清晰识别、需人工核对一致性", reread: true },
  "eligibility.undetermined": { label: "无法预先判断是否符合条件", undecided: true, humanJudgement: true },
} as const satisfies Record<string, RuleTraits>;

export type BuiltInRuleId = keyof typeof BUILT_IN_RULES;
export type RuleId = BuiltInRuleId | DeclaredRuleId;

/** Traits of the rules a matter declares, by kind. */
const DECLARED_RULES = {
  consistency: { label: "材料之间信息一致", reread: true },
  eligibility: { label: "受理条件", humanJudgement: true },
} as const satisfies Record<string, RuleTraits>;

const BUILT_IN_RULE_IDS = Object.keys(BUILT_IN_RULES) as [BuiltInRuleId, ...BuiltInRuleId[]];

/** A built-in rule's id, or one a matter declares (the catalog's schema). */
export const RuleIdSchema = z.union([z.enum(BUILT_IN_RULE_IDS), DeclaredRuleIdSchema]);

/** The traits of a rule: its own entry, or its kind's for a declared rule. */
export function ruleTraits(ruleId: RuleId): RuleTraits {
  if (Object.hasOwn(BUILT_IN_RULES, ruleId)) return BUILT_IN_RULES[ruleId as BuiltInRuleId];
  return ruleId.startsWith("consistency.") ? DECLARED_RULES.consistency : DECLARED_RULES.eligibility;
}
