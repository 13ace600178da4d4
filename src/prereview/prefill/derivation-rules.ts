// Values computed from other values, each a rule with an id that the derived value's source names.
// They are pure: the engine hands them values it already resolved (never a conflicting or failing one).
import { wholeMonthsBetween } from "../rules/dates.js";
import { validateIdNumber } from "../validate-id-number.js";
import type { DerivationRuleId } from "./prefill-result.js";

/** What a rule may read: resolved form values, scenario answers and the reference date. */
export interface DerivationInput {
  values: Readonly<Record<string, string | undefined>>;
  scenario: Readonly<Record<string, string>>;
  /** YYYY-MM-DD. */
  referenceDate: string;
}

export type Derivation =
  | { status: "derived"; value: string }
  | { status: "missing"; note: string }
  | { status: "none" };

export interface DerivationRule {
  id: DerivationRuleId;
  /** The form field (or, when `fact`, the fact) the rule fills. */
  target: string;
  /** A fact is shown to the clerk, not put in a form field. */
  fact?: { label: string };
  /** The values read, for the source. */
  from: readonly string[];
  derive(input: DerivationInput): Derivation;
}

/** The scenario answer the retirement category's job part comes from, when a bundle asks it. */
export const JOB_POSITION_SCENARIO = "job-position";

const none: Derivation = { status: "none" };

const idNumberParts = (input: DerivationInput) => {
  const idNumber = input.values.idNumber;
  if (!idNumber) return undefined;
  const check = validateIdNumber(idNumber, new Date(`${input.referenceDate}T23:59:59Z`));
  return check.valid ? check : undefined;
};

export const DERIVATION_RULES: readonly DerivationRule[] = [
  {
    id: "sex_from_id_number",
    target: "sex",
    from: ["idNumber"],
    // GB 11643: the 17th character is odd for men, even for women.
    derive: (input) => {
      const parts = idNumberParts(input);
      return parts?.sex ? { status: "derived", value: parts.sex === "male" ? "男" : "女" } : none;
    },
  },
  {
    id: "birth_date_from_id_number",
    target: "birthDate",
    from: ["idNumber"],
    derive: (input) => {
      const parts = idNumberParts(input);
      return parts?.birthDate ? { status: "derived", value: parts.birthDate } : none;
    },
  },
  {
    id: "retirement_category_from_sex_and_job",
    target: "retirementCategory",
    from: ["sex", JOB_POSITION_SCENARIO],
    // Men have one statutory age; women's depends on the post (管理和技术岗位 or 工人岗位).
    derive: (input) => {
      const sex = input.values.sex;
      if (sex === "男") return { status: "derived", value: "male" };
      if (sex !== "女") return none;
      const job = input.scenario[JOB_POSITION_SCENARIO];
      if (job === "cadre") return { status: "derived", value: "female_cadre" };
      if (job === "worker") return { status: "derived", value: "female_worker" };
      return { status: "missing", note: "女职工请选择岗位类别：干部（管理和技术岗位）或工人" };
    },
  },
  {
    id: "child_age_from_birth_date",
    target: "childAgeMonths",
    fact: { label: "新生儿月龄（整月）" },
    from: ["childBirthDate"],
    derive: (input) => {
      const birth = input.values.childBirthDate;
      if (!birth || birth > input.referenceDate) return none;
      return { status: "derived", value: String(wholeMonthsBetween(birth, input.referenceDate)) };
    },
  },
];
