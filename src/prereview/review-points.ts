// 审查要点 in a report: which review points each material of the case carries, which rules of the
// case enforce each one, and which point a finding's rule enforces, so a clerk sees why a rule exists.
// The built-in checks' claims live here, beside the rule engine (whose bodies stay untouched); a
// declared rule's claims are data in knowledge/ (`reviewPoints` of the rule).
import { bundleMaterialLists, type Catalog, type Material, type ReviewPoint } from "../catalog/index.js";
import { resolveCaseRequirements } from "./rules/case-requirements.js";
import { BUILT_IN_RULES, type RuleTraits } from "./rules/rule-registry.js";
import type { Finding, PrereviewReport, PrereviewRequest, ReviewPointView } from "./types.js";

// The built-in checks and the review point each enforces are one registry with the rules' other traits.
const builtInRules: Record<string, RuleTraits | undefined> = BUILT_IN_RULES;

export interface AttachReviewPointsOptions {
  /** The catalog the case was reviewed with. */
  catalog: Catalog;
  request: PrereviewRequest;
  materials: PrereviewReport["materials"];
  findings: Finding[];
}

export type AttachReviewPointsResult = Pick<PrereviewReport, "materials" | "findings">;

/** Pure: the report's materials with their review points, and findings with the points they enforce. */
export function attachReviewPoints(options: AttachReviewPointsOptions): AttachReviewPointsResult {
  const { catalog, request } = options;
  const pointsOf = casePoints(catalog, request);
  const rules = resolveCaseRequirements(catalog, request).rules;
  const claimsOf = new Map<string, { material: string; point: string }[]>(
    rules.map((rule) => [rule.id, rule.reviewPoints ?? []]),
  );

  const materials = options.materials.map((material) => {
    const points = pointsOf.get(material.id) ?? [];
    if (points.length === 0) return material;
    const reviewPoints = points.map(
      (point): ReviewPointView => ({
        id: point.id,
        text: point.text,
        ...(point.source ? { source: point.source } : {}),
        checkedBy: [
          ...Object.entries(builtInRules)
            .filter(([, rule]) => rule?.reviewPoint === point.id)
            .map(([ruleId, rule]) => ({ ruleId, label: rule?.checks ?? rule?.label ?? ruleId })),
          ...rules
            .filter((rule) =>
              rule.reviewPoints?.some((claim) => claim.material === material.id && claim.point === point.id),
            )
            .map((rule) => ({ ruleId: rule.id, label: rule.description })),
        ],
      }),
    );
    return { ...material, reviewPoints };
  });

  const findings = options.findings.map((finding) => {
    const references = referencesOf(finding, pointsOf, claimsOf.get(finding.ruleId) ?? []);
    return references.length > 0 ? { ...finding, reviewPoints: references } : finding;
  });
  return { materials, findings };
}

function referencesOf(
  finding: Finding,
  pointsOf: Map<string, ReviewPoint[]>,
  claims: { material: string; point: string }[],
): { materialId: string; pointId: string }[] {
  const builtIn = builtInRules[finding.ruleId]?.reviewPoint;
  if (builtIn) {
    const materialId = finding.materialId;
    return materialId && pointsOf.get(materialId)?.some((point) => point.id === builtIn)
      ? [{ materialId, pointId: builtIn }]
      : [];
  }
  const own = claims.filter((claim) => claim.material === finding.materialId);
  return (own.length > 0 ? own : claims).map((claim) => ({ materialId: claim.material, pointId: claim.point }));
}

/** The review points of each material the case can ask for: one list per material id, points merged by id. */
function casePoints(catalog: Catalog, request: PrereviewRequest): Map<string, ReviewPoint[]> {
  const bundle = request.bundleId ? catalog.bundles.get(request.bundleId) : undefined;
  const lists: Material[][] = bundle
    ? bundleMaterialLists(bundle, catalog)
    : [catalog.matters.get(request.matterId ?? "")?.materials ?? []];
  const merged = new Map<string, ReviewPoint[]>();
  for (const material of lists.flat()) {
    const points = merged.get(material.id) ?? [];
    for (const point of material.reviewPoints ?? [])
      if (!points.some((existing) => existing.id === point.id)) points.push(point);
    merged.set(material.id, points);
  }
  return merged;
}
