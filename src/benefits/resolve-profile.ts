import { FACT_NAMES, FACTS, type FactName } from "../catalog/index.js";
import { type RetirementCategory, statutoryRetirementAge } from "../prereview/index.js";
import type { Facts, Profile } from "./profile.js";

export type ResolvedProfile =
  | { status: "resolved"; subject?: "individual" | "enterprise"; facts: Facts }
  | { status: "contradictory"; problems: string[] };

/** Whole years from `from` to `to` (both YYYY-MM-DD). */
export function yearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = to.split("-").map(Number) as [number, number, number];
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
}

/**
 * Turns dates into facts as of `asOf` and checks the facts against each other. A stated fact and a
 * derived one that disagree, or a child born before the parent, is a contradiction, not a guess.
 */
export function resolveProfile(profile: Profile, asOf: string): ResolvedProfile {
  const facts: Facts = {};
  for (const name of FACT_NAMES) if (profile[name] !== undefined) Object.assign(facts, { [name]: profile[name] });
  const problems: string[] = [];
  const derive = <K extends FactName>(name: K, value: Facts[K], from: string) => {
    const stated = facts[name];
    if (stated !== undefined && stated !== value)
      problems.push(`${FACTS[name].label}为${String(stated)}，与${from}推算的${String(value)}不一致`);
    else facts[name] = value;
  };
  for (const [field, label] of [
    ["birthDate", "出生日期"],
    ["youngestChildBirthDate", "子女出生日期"],
    ["registrationDate", "登记成立日期"],
  ] as const) {
    const date = profile[field];
    if (date && date > asOf) problems.push(`${label}晚于判断日期${asOf}`);
  }
  if (problems.length > 0) return { status: "contradictory", problems };

  if (profile.birthDate) derive("age", yearsBetween(profile.birthDate, asOf), "出生日期");
  if (profile.youngestChildBirthDate) {
    derive("youngestChildAge", yearsBetween(profile.youngestChildBirthDate, asOf), "子女出生日期");
    if (profile.birthDate && profile.youngestChildBirthDate <= profile.birthDate)
      problems.push("子女出生日期早于或等于本人出生日期");
  }
  if (profile.registrationDate)
    derive("yearsSinceRegistration", yearsBetween(profile.registrationDate, asOf), "登记成立日期");
  if (facts.youngestChildAge !== undefined && facts.age !== undefined && facts.youngestChildAge >= facts.age)
    problems.push(`子女年龄（${facts.youngestChildAge}周岁）不小于本人年龄（${facts.age}周岁）`);
  if (facts.childCount === 0 && (facts.youngestChildAge !== undefined || facts.childInSchool === true))
    problems.push("子女数为0，却给出了子女的年龄或就学情况");
  if (facts.disabilityGrade === 0 && facts.disabilityCategory !== undefined)
    problems.push("残疾等级为0（无残疾），却给出了残疾类别");
  if (facts.sex === "male" && profile.retirementCategory?.startsWith("female"))
    problems.push("性别为男，退休类别却是女职工类别");
  if (facts.employmentStatus === "retired" && facts.retired === false)
    problems.push("就业状态为已退休，却说明未办理退休手续");
  // No child: no child is in school (a test of the youngest child's age fails, see evaluateCondition).
  if (facts.childCount === 0 && facts.childInSchool === undefined) facts.childInSchool = false;
  if (facts.reachedRetirementAge === undefined && profile.birthDate) {
    const reached = reachedRetirementAge(profile, facts.sex, asOf);
    if (reached !== undefined) facts.reachedRetirementAge = reached;
  }
  if (problems.length > 0) return { status: "contradictory", problems };
  return { status: "resolved", subject: profile.subject ?? inferSubject(facts), facts };
}

/**
 * Decided when every retirement category the profile leaves open gives the same answer: exact with a
 * category (or for a man); a woman without one is decided only when the cadre and worker ages agree,
 * and with the sex unknown too, only when all three agree (someone born in 1958 has reached any of
 * them, someone born in 1990 none; the earliest is the female worker's 50, the latest the man's 63).
 */
function reachedRetirementAge(profile: Profile, sex: Facts["sex"], asOf: string): boolean | undefined {
  const birth = profile.birthDate as string;
  const asOfMonth = asOf.slice(0, 7);
  const categories: RetirementCategory[] = profile.retirementCategory
    ? [profile.retirementCategory]
    : sex === "male"
      ? ["male"]
      : sex === "female"
        ? ["female_cadre", "female_worker"]
        : ["male", "female_cadre", "female_worker"];
  const reached = categories.map((category) => statutoryRetirementAge(category, birth).reachedIn <= asOfMonth);
  if (reached.every(Boolean)) return true;
  if (!reached.some(Boolean)) return false;
  return undefined;
}

function inferSubject(facts: Facts): "individual" | "enterprise" | undefined {
  const subjects = new Set(Object.keys(facts).map((name) => FACTS[name as FactName].subject));
  return subjects.size === 1 ? [...subjects][0] : undefined;
}
