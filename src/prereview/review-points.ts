// 审查要点 in a report: which review points each material of the case carries, which rules of the
// case enforce each one, and which point a finding's rule enforces, so a clerk sees why a rule exists.
// The built-in checks' claims live here, beside the rule engine (whose bodies stay untouched); a
// declared rule's claims are data in knowledge/ (`reviewPoints` of the rule).
import { bundleMaterialLists, type Catalog, type Material, type ReviewPoint } from "../catalog/index.js";
import { resolveCaseRequirements } from "./rules/case-requirements.js";
import type { Finding, PrereviewReport, PrereviewRequest, ReviewPointView } from "./types.js";

interface BuiltInRule {
  /** What the check is, in Chinese, shown to the clerk beside the point it enforces. */
  label: string;
  /** The review point id it enforces on a material that carries one (see catalog/review-point.ts). */
  reviewPoint?: string;
}

/** The rule engine's built-in checks (ids as findings carry them) and the review point each enforces. */
export const BUILT_IN_RULES = {
  "completeness.missing": { label: "材料齐全" },
  "completeness.deferrable_missing": { label: "容缺材料待补交" },
  "document.wrong_type": { label: "上传的材料与所需材料相符", reviewPoint: "right-document" },
  "document.unrecognised": { label: "材料能识别为所需证件", reviewPoint: "right-document" },
  "document.not_needed": { label: "上传的材料属于本次办理所需" },
  "document.side_missing": { label: "证件各面齐全", reviewPoint: "both-sides" },
  "file.invalid": { label: "文件能够打开", reviewPoint: "legible" },
  "quality.unreadable": { label: "影像清晰可辨", reviewPoint: "legible" },
  "quality.unread_legible": { label: "影像清晰可辨（机器未能读取，人工阅读）", reviewPoint: "legible" },
  "quality.field_unread": { label: "关键信息能够辨认", reviewPoint: "legible" },
  "validity.id_check_digit": { label: "公民身份号码校验位正确", reviewPoint: "id-number-valid" },
  "validity.id_birth_mismatch": { label: "公民身份号码与出生日期一致", reviewPoint: "id-number-valid" },
  "validity.id_sex_mismatch": { label: "公民身份号码与性别一致", reviewPoint: "id-number-valid" },
  "validity.expired": { label: "证件在有效期内", reviewPoint: "in-validity" },
  "validity.credit_code": { label: "统一社会信用代码校验位正确", reviewPoint: "credit-code-valid" },
  "validity.date": { label: "日期真实存在" },
  "consistency.unverified": { label: "一致性待人工核对" },
  "eligibility.undetermined": { label: "办理条件待人工判断" },
} as const satisfies Record<string, BuiltInRule>;
export type BuiltInRuleId = keyof typeof BUILT_IN_RULES;

const builtInRules: Record<string, BuiltInRule | undefined> = BUILT_IN_RULES;

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
  const claimsOf = new Map(rules.map((rule) => [rule.id, rule.reviewPoints ?? []]));

  const materials = options.materials.map((material) => {
    const points = pointsOf.get(material.id) ?? [];
    if (points.length === 0) return material;
    const reviewPoints = points.map(
      (point): ReviewPointView => ({
        id: point.id,
        text: point.text,
        ...(point.source ? { source: point.source } : {}),
        checkedBy: [
          ...Object.entries(BUILT_IN_RULES)
            .filter(([, rule]) => "reviewPoint" in rule && rule.reviewPoint === point.id)
            .map(([ruleId, rule]) => ({ ruleId, label: rule.label })),
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
