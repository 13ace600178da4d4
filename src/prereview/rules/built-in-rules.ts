// The built-in rules' traits and the traits of the rules a matter declares, as pure data: the
// registry (rule-registry.ts) types findings from it, and the console and the statistics (storage)
// name rules in Chinese from it without loading the pre-review's Node-side code.
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
  /** What the check makes sure of, in Chinese, shown beside the 审查要点 it enforces. */
  checks?: string;
  /** The review point id (审查要点) it enforces on a material that carries one (catalog/review-point.ts). */
  reviewPoint?: string;
}

export const BUILT_IN_RULES = {
  "completeness.missing": { label: "材料缺失", checks: "材料齐全" },
  "completeness.deferrable_missing": { label: "可容缺材料缺失", checks: "容缺材料待补交" },
  "document.side_missing": { label: "证件缺少一面或一页", checks: "证件各面齐全", reviewPoint: "both-sides" },
  "document.wrong_type": {
    label: "材料类型不符",
    explainsMaterial: true,
    checks: "上传的材料与所需材料相符",
    reviewPoint: "right-document",
  },
  "document.unrecognised": {
    label: "未能识别材料类型",
    undecided: true,
    explainsMaterial: true,
    checks: "材料能识别为所需证件",
    reviewPoint: "right-document",
  },
  "document.not_needed": { label: "本次办理不需要的材料", checks: "上传的材料属于本次办理所需" },
  "file.invalid": { label: "文件无法读取", explainsMaterial: true, checks: "文件能够打开", reviewPoint: "legible" },
  "quality.unreadable": {
    label: "材料不清晰，需重新拍摄",
    explainsMaterial: true,
    checks: "影像清晰可辨",
    reviewPoint: "legible",
  },
  "quality.unread_legible": {
    label: "照片清晰但未能自动识别",
    undecided: true,
    explainsMaterial: true,
    checks: "影像清晰可辨（机器未能读取，人工阅读）",
    reviewPoint: "legible",
  },
  "quality.field_unread": {
    label: "栏目未能完整识别",
    undecided: true,
    reread: true,
    checks: "关键信息能够辨认",
    reviewPoint: "legible",
  },
  "validity.id_check_digit": {
    label: "身份证件号码不符合编码规则",
    reread: true,
    checks: "公民身份号码校验位正确",
    reviewPoint: "id-number-valid",
  },
  "validity.id_birth_mismatch": {
    label: "出生日期与身份证件号码不一致",
    reread: true,
    checks: "公民身份号码与出生日期一致",
    reviewPoint: "id-number-valid",
  },
  "validity.id_sex_mismatch": {
    label: "性别与身份证件号码不一致",
    reread: true,
    checks: "公民身份号码与性别一致",
    reviewPoint: "id-number-valid",
  },
  "validity.expired": { label: "证照已过期", checks: "证件在有效期内", reviewPoint: "in-validity" },
  "validity.credit_code": {
    label: "统一社会信用代码不符合编码规则",
    reread: true,
    checks: "统一社会信用代码校验位正确",
    reviewPoint: "credit-code-valid",
  },
  "validity.date": { label: "日期无法确认", checks: "日期真实存在" },
  "consistency.unverified": { label: "未能清晰识别、需人工核对一致性", reread: true, checks: "一致性待人工核对" },
  "eligibility.undetermined": {
    label: "无法预先判断是否符合条件",
    undecided: true,
    humanJudgement: true,
    checks: "办理条件待人工判断",
  },
} as const satisfies Record<string, RuleTraits>;

export type BuiltInRuleId = keyof typeof BUILT_IN_RULES;

/** Traits of the rules a matter declares, by kind. */
export const DECLARED_RULES = {
  consistency: { label: "材料之间信息一致", reread: true },
  eligibility: { label: "受理条件", humanJudgement: true },
} as const satisfies Record<string, RuleTraits>;

/** A rule's Chinese name for any stored code: its own, its kind's for a declared rule, or the code itself when unknown. */
export function ruleLabel(ruleId: string): string {
  if (Object.hasOwn(BUILT_IN_RULES, ruleId)) return BUILT_IN_RULES[ruleId as BuiltInRuleId].label;
  if (ruleId.startsWith("consistency.")) return DECLARED_RULES.consistency.label;
  if (ruleId.startsWith("eligibility.")) return DECLARED_RULES.eligibility.label;
  return ruleId;
}
