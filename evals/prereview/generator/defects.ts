// The defects a case can carry, the rule each maps to, and the plan of which case gets which.
import { createRandom, hashSeed, type Random } from "./random.js";

export type CaseTemplate = "retirement" | "newborn" | "enterprise";

export const CASE_TEMPLATES: readonly CaseTemplate[] = ["retirement", "newborn", "enterprise"];

export type DefectKind =
  | "missing_material"
  | "expired_id"
  | "id_check_digit"
  | "name_mismatch"
  | "credit_code"
  | "retirement_age"
  | "child_age"
  | "unreadable"
  | "wrong_type"
  | "side_missing";

/** The rule id the pre-review engine reports for each defect. */
export const DEFECT_RULE_IDS: Record<DefectKind, string> = {
  missing_material: "completeness.missing",
  expired_id: "validity.expired",
  id_check_digit: "validity.id_check_digit",
  name_mismatch: "consistency.name",
  credit_code: "validity.credit_code",
  retirement_age: "eligibility.retirement_age",
  child_age: "eligibility.child_age",
  unreadable: "quality.unreadable",
  wrong_type: "document.wrong_type",
  side_missing: "document.side_missing",
};

export const DEFECT_KINDS = Object.keys(DEFECT_RULE_IDS) as DefectKind[];

/** A defect with the material it lands on, when it lands on one. */
export interface PlannedDefect {
  kind: DefectKind;
  materialId?: string;
}

/** What the planner needs to know of a template. */
export interface TemplateProfile {
  template: CaseTemplate;
  /** The materials the case must upload (non-exempt, required for the scenario). */
  requiredMaterials: readonly string[];
  /** The ID card material (applicant's or legal representative's). */
  idCardMaterial: string;
  /** Materials that can be swapped for a document of the wrong type. */
  wrongTypeMaterials: readonly string[];
  /** The licence material, for enterprise cases. */
  licenceMaterial?: string;
  /** Materials whose content decides the eligibility defect (form, ID card, birth certificate). */
  eligibilityMaterials: readonly string[];
  defectKinds: readonly DefectKind[];
  formMaterial: string;
}

/** Materials a defect changes: two defects in one case must not touch the same material. */
export function touchedMaterials(defect: PlannedDefect, profile: TemplateProfile): string[] {
  switch (defect.kind) {
    case "expired_id":
    case "side_missing":
      return [profile.idCardMaterial];
    case "id_check_digit":
    case "name_mismatch":
      return [profile.idCardMaterial, profile.formMaterial];
    case "credit_code":
      return [profile.licenceMaterial ?? "", profile.formMaterial];
    case "retirement_age":
    case "child_age":
      return [...profile.eligibilityMaterials];
    default:
      return defect.materialId ? [defect.materialId] : [];
  }
}

function materialFor(kind: DefectKind, profile: TemplateProfile, random: Random): string | undefined {
  switch (kind) {
    case "missing_material":
    case "unreadable":
      return random.pick(profile.requiredMaterials);
    case "wrong_type":
      return random.pick(profile.wrongTypeMaterials);
    case "expired_id":
    case "id_check_digit":
    case "name_mismatch":
    case "side_missing":
      return profile.idCardMaterial;
    case "credit_code":
      return profile.licenceMaterial;
    default:
      return undefined;
  }
}

export interface CasePlan {
  index: number;
  template: CaseTemplate;
  defects: PlannedDefect[];
}

export interface PlanOptions {
  seed: number;
  count: number;
  profiles: readonly TemplateProfile[];
  /** Share of clean cases (default 0.27). */
  cleanShare?: number;
  /** Share of defective cases with a second defect (default 0.2). */
  secondDefectShare?: number;
  /** Defect kinds that cannot be planted (e.g. `unreadable` when only text PDFs are allowed). */
  excludeKinds?: readonly DefectKind[];
}

/**
 * Which template and defects each case gets. Defect kinds are dealt from a shuffled deck per
 * template, so every kind a template supports appears once per round; the plan of the first n
 * cases does not depend on the count.
 */
export function planCases(options: PlanOptions): CasePlan[] {
  const random = createRandom(hashSeed(options.seed, "plan"));
  const cleanShare = options.cleanShare ?? 0.27;
  const secondShare = options.secondDefectShare ?? 0.2;
  const excluded = new Set(options.excludeKinds ?? []);
  const decks = new Map<CaseTemplate, DefectKind[]>();
  const plans: CasePlan[] = [];
  for (let index = 0; index < options.count; index++) {
    const profile = options.profiles[index % options.profiles.length] as TemplateProfile;
    const kinds = profile.defectKinds.filter((kind) => !excluded.has(kind));
    // Golden-ratio spacing instead of a coin: the clean share holds in every stretch of cases.
    const clean = ((index + 1) * 0.6180339887498949) % 1 < cleanShare;
    if (clean || kinds.length === 0) {
      plans.push({ index, template: profile.template, defects: [] });
      continue;
    }
    let deck = decks.get(profile.template) ?? [];
    if (deck.length === 0) deck = random.shuffle(kinds);
    const kind = deck.pop() as DefectKind;
    decks.set(profile.template, deck);
    const first: PlannedDefect = { kind, materialId: materialFor(kind, profile, random) };
    const defects = [first];
    if (random.chance(secondShare)) {
      const used = new Set(touchedMaterials(first, profile));
      const candidates = random
        .shuffle(kinds.filter((candidate) => candidate !== kind))
        .map((candidate) => ({ kind: candidate, materialId: materialFor(candidate, profile, random) }))
        .filter((candidate) => touchedMaterials(candidate, profile).every((material) => !used.has(material)))
        .filter((candidate) => !(isEligibility(candidate.kind) && isEligibility(kind)));
      if (candidates[0]) defects.push(candidates[0]);
    }
    plans.push({ index, template: profile.template, defects });
  }
  return plans;
}

export function isEligibility(kind: DefectKind): boolean {
  return kind === "retirement_age" || kind === "child_age";
}
