import { validateIdNumber } from "../prereview/index.js";
import type { Facts, Profile } from "./profile.js";

/**
 * What choosing a bundle, and each answer to its scenario questions, tells about the person. Only
 * answers that settle a fact are listed; the test checks every id against the knowledge base.
 */
export const SCENARIO_FACTS: Record<string, { bundle?: Facts; answers?: Record<string, Record<string, Facts>> }> = {
  // The newborn bundle is for a baby under one year old (its conditions).
  newborn: { bundle: { youngestChildAge: 0 } },
  retirement: {
    bundle: { reachedRetirementAge: true },
    answers: {
      "only-child": {
        "only-child-parent": { onlyChildParent: true },
        "not-only-child-parent": { onlyChildParent: false },
      },
      // No fact from "applicant-type": 「灵活就业或个人参保（含已离开单位的人员）」 says how the person was
      // insured, not that they still work; read as employmentStatus flexible it failed the retirement
      // withdrawal and the only-child reward (both test having retired) for the very people retiring.
    },
  },
  "after-death": {
    bundle: { familyMemberDied: true },
    answers: {
      pension: { receiving: { insuredFamilyMemberDied: true } },
      // 「逝者是否缴存过住房公积金？」: the deceased's account, not the asker's.
      "housing-fund": {
        contributed: { deceasedHousingFundAccount: true },
        "not-contributed": { deceasedHousingFundAccount: false },
      },
    },
  },
  "disability-services": {
    answers: {
      "financial-hardship": { hardship: { lowIncomeFamily: true }, "no-hardship": { lowIncomeFamily: false } },
      "severe-disability": { severe: { needsLongTermCare: true } },
    },
  },
  "employee-hiring": { bundle: {} },
};

/** Facts from the bundle a chat is about and the scenario answers already given there. */
export function profileFromScenarioAnswers(bundleId: string, answers: Record<string, string>): Profile {
  const entry = SCENARIO_FACTS[bundleId];
  if (!entry) return {};
  const facts: Facts = { ...entry.bundle };
  for (const [scenarioId, value] of Object.entries(answers)) Object.assign(facts, entry.answers?.[scenarioId]?.[value]);
  return { subject: bundleId === "employee-hiring" ? "enterprise" : "individual", ...facts };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SEX: Record<string, "male" | "female"> = { 男: "male", 女: "female", male: "male", female: "female" };
const CATEGORIES = new Set(["male", "female_cadre", "female_worker"]);

/**
 * Facts from a pre-review case's form fields: birth date and sex from the ID number (or the form's
 * own fields), the child's birth date, the retirement category. The ID number itself is not kept.
 */
export function profileFromCaseForm(form: Record<string, string>, bundleId?: string): Profile {
  const profile: Profile = bundleId ? profileFromScenarioAnswers(bundleId, {}) : {};
  const id = form.idNumber ? validateIdNumber(form.idNumber) : undefined;
  if (id?.valid) Object.assign(profile, { birthDate: id.birthDate, sex: id.sex });
  else {
    if (form.birthDate && DATE.test(form.birthDate)) profile.birthDate = form.birthDate;
    if (form.sex && SEX[form.sex]) profile.sex = SEX[form.sex];
  }
  if (form.childBirthDate && DATE.test(form.childBirthDate)) {
    profile.youngestChildBirthDate = form.childBirthDate;
    // The child's age comes from its birth date now; the bundle's "under one" would contradict an older child.
    delete profile.youngestChildAge;
  }
  if (form.retirementCategory && CATEGORIES.has(form.retirementCategory))
    profile.retirementCategory = form.retirementCategory as Profile["retirementCategory"];
  return profile;
}

/**
 * Profiles from several sources, later ones winning on a shared field (callers pass the more
 * trusted source last: chat answers, then a portal's signed claims, then the request's explicit JSON).
 */
export function mergeProfiles(...profiles: (Profile | undefined)[]): Profile {
  return Object.assign({}, ...profiles.filter(Boolean));
}
